import Foundation
import Testing
import Vapor
import VaporTesting
import GuildCore
@testable import GuildApp

@Suite struct GigsAPITests {
    @Test(arguments: TestDatabase.all)
    func createdGigIsFoundByATitleWordAtOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a seller
            let ada = try await app.member("Ada Seller")
            // when she creates a gig through the API
            let res = try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer,
                                         json: NewGigBody(title: "I will draw a watercolour heron for your studio"))
            #expect(res.status == .created)
            let gig = try res.decode(GigResponse.self)
            #expect(gig.status == "published")
            #expect(gig.sellerId == ada.id)
            // then a search for one word of the title finds it, and so does its 3-letter prefix
            let (status, found) = try await app.search("q=heron")
            #expect(status == .ok)
            #expect(found?.results.map(\.gig.id) == [gig.id])
            #expect(found?.results.first?.gig.sellerName == "Ada Seller")
            let (_, prefix) = try await app.search("q=wat")
            #expect(prefix?.results.map(\.gig.id) == [gig.id])
            // and a word it does not contain finds nothing
            let (_, none) = try await app.search("q=submarine")
            #expect(none?.results.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func pausedAndDeletedGigsLeaveSearchAtOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a published gig that search finds
            let ada = try await app.member("Ada Seller")
            let gig = try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer,
                                         json: NewGigBody(title: "Pelican logo for a seaside bakery")).decode(GigResponse.self)
            #expect(try await app.search("q=pelican").1?.results.count == 1)
            // when she pauses it
            let paused = try await app.send(.PATCH, "/api/v1/gigs/\(gig.id)", headers: ada.bearer, json: ["status": "paused"])
            #expect(paused.status == .ok)
            // then search no longer finds it, and others get 404 while she still sees it
            #expect(try await app.search("q=pelican").1?.results.isEmpty == true)
            #expect(try await app.send(.GET, "/api/v1/gigs/\(gig.id)").status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/gigs/\(gig.id)", headers: ada.bearer).status == .ok)
            // when she resumes it, it is found again
            #expect(try await app.send(.PATCH, "/api/v1/gigs/\(gig.id)", headers: ada.bearer, json: ["status": "published"]).status == .ok)
            #expect(try await app.search("q=pelican").1?.results.count == 1)
            // when she deletes it, it is gone from search and from the API
            #expect(try await app.send(.DELETE, "/api/v1/gigs/\(gig.id)", headers: ada.bearer).status == .noContent)
            #expect(try await app.search("q=pelican").1?.results.isEmpty == true)
            #expect(try await app.send(.GET, "/api/v1/gigs/\(gig.id)", headers: ada.bearer).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func draftIsHiddenFromOthersAndFromSearch(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Seller")
            let bob = try await app.member("Bob Buyer")
            var body = NewGigBody(title: "Secret flamingo mural sketches")
            body.status = "draft"
            let gig = try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer, json: body).decode(GigResponse.self)
            #expect(gig.status == "draft")
            #expect(try await app.send(.GET, "/api/v1/gigs/\(gig.id)", headers: bob.bearer).status == .notFound)
            #expect(try await app.search("q=flamingo").1?.results.isEmpty == true)
            // a draft cannot be paused: that move does not exist
            let bad = try await app.send(.PATCH, "/api/v1/gigs/\(gig.id)", headers: ada.bearer, json: ["status": "paused"])
            #expect(bad.status == .conflict)
            #expect(bad.errorBody?.code == "gig_status_move_not_allowed")
            // publishing makes it findable
            #expect(try await app.send(.PATCH, "/api/v1/gigs/\(gig.id)", headers: ada.bearer, json: ["status": "published"]).status == .ok)
            #expect(try await app.search("q=flamingo").1?.results.count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func onlyTheSellerCanChangeOrDelete(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given Ada's gig and another member, Bob
            let ada = try await app.member("Ada Seller")
            let bob = try await app.member("Bob Other")
            let gig = try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer,
                                         json: NewGigBody(title: "Ocelot illustration for a zine")).decode(GigResponse.self)
            // when Bob tries to change or delete it, then 403 and nothing changes
            let patch = try await app.send(.PATCH, "/api/v1/gigs/\(gig.id)", headers: bob.bearer, json: ["title": "Stolen title for this gig"])
            #expect(patch.status == .forbidden)
            #expect(try await app.send(.DELETE, "/api/v1/gigs/\(gig.id)", headers: bob.bearer).status == .forbidden)
            #expect(try await app.send(.DELETE, "/api/v1/gigs/\(gig.id)").status == .unauthorized)
            let still = try await app.send(.GET, "/api/v1/gigs/\(gig.id)").decode(GigResponse.self)
            #expect(still.title == "Ocelot illustration for a zine")
            // and Ada can change it, and search follows the new title at once
            let ok = try await app.send(.PATCH, "/api/v1/gigs/\(gig.id)", headers: ada.bearer, json: ["title": "Lynx illustration for a zine"])
            #expect(ok.status == .ok)
            #expect(try await app.search("q=ocelot").1?.results.isEmpty == true)
            #expect(try await app.search("q=lynx").1?.results.count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func validationNamesTheFieldAndCreatesNothing(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Seller")
            var body = NewGigBody(title: "")
            body.packages = [PackageDraft(name: "Basic", priceCents: 0, deliveryDays: 400, revisions: 1)]
            body.tags = ["a", "b", "c", "d", "e", "f", "g"]
            let res = try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer, json: body)
            #expect(res.status == .unprocessableEntity)
            let text = res.body.string
            for field in ["title", "packages[0].priceCents", "packages[0].deliveryDays", "tags[0]"] {
                #expect(text.contains("\"\(field)\""), "expected \(field) in \(text)")
            }
            var badStatus = NewGigBody(title: "A perfectly fine title here")
            badStatus.status = "famous"
            let status = try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer, json: badStatus)
            #expect(status.status == .unprocessableEntity)
            #expect(status.errorBody?.field == "status")
            var paused = NewGigBody(title: "A perfectly fine title here")
            paused.status = "paused"
            #expect(try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer, json: paused).errorBody?.field == "status")
            let missing = try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer, json: ["title": "Only a title, nothing else"])
            #expect(missing.status == .unprocessableEntity)
            #expect(try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer, raw: "{not json").status == .badRequest)
            // nothing was created
            let mine = try await app.send(.GET, "/api/v1/users/\(ada.id)/gigs", headers: ada.bearer).decode([GigResponse].self)
            #expect(mine.isEmpty)
            // and a bad PATCH changes nothing
            let gig = try await app.send(.POST, "/api/v1/gigs", headers: ada.bearer, json: NewGigBody(title: "Kingfisher logo design")).decode(GigResponse.self)
            let patch = try await app.send(.PATCH, "/api/v1/gigs/\(gig.id)", headers: ada.bearer,
                                           json: ["title": "Short", "category": "astrology"])
            #expect(patch.status == .unprocessableEntity)
            #expect(patch.body.string.contains("\"category\""))
            #expect(try await app.send(.GET, "/api/v1/gigs/\(gig.id)").decode(GigResponse.self).title == "Kingfisher logo design")
        }
    }

    @Test(arguments: TestDatabase.all)
    func showroomListsPublishedGigsToVisitorsAndAllToTheSeller(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Seller")
            _ = try await app.gig(seller: ada.id, title: "Published otter portrait")
            _ = try await app.gig(seller: ada.id, title: "Draft otter portrait", status: .draft)
            let visitor = try await app.send(.GET, "/api/v1/users/\(ada.id)/gigs").decode([GigResponse].self)
            #expect(visitor.map(\.title) == ["Published otter portrait"])
            let own = try await app.send(.GET, "/api/v1/users/\(ada.id)/gigs", headers: ada.bearer).decode([GigResponse].self)
            #expect(Set(own.map(\.title)) == ["Published otter portrait", "Draft otter portrait"])
            let page = try await app.send(.GET, "/users/\(ada.id)")
            #expect(page.body.string.contains("Published otter portrait"))
            #expect(!page.body.string.contains("Draft otter portrait"))
        }
    }
}

@Suite struct GigStorageTests {
    @Test(arguments: TestDatabase.all)
    func packagesAreStoredAsOneJSONArray(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a gig with two packages, made through the shared model
            let ada = try await app.member("Ada Seller")
            let gig = try await app.gig(seller: ada.id, title: "Two-package logo design offer")
            _ = try await GigCatalog.update(gig, patch: GigPatch(packages: [
                PackageDraft(name: "Basic", priceCents: 5_000, deliveryDays: 3, revisions: 1),
                PackageDraft(name: "Plus", priceCents: 9_000, deliveryDays: 5, revisions: 2, includes: ["Source files"]),
            ]), status: nil, on: app.db)
            // then the column holds one JSON array (jsonb on PostgreSQL), which other areas may read or write with SQL
            let text: String
            switch app.db.kind {
            case .sqlite:
                text = try #require(try await app.db.sql.raw("SELECT packages AS p FROM gigs").first()).decode(column: "p", as: String.self)
            case .postgres:
                let row = try #require(try await app.db.sql.raw("SELECT jsonb_typeof(packages) AS t, packages::text AS p FROM gigs").first())
                #expect(try row.decode(column: "t", as: String.self) == "array")
                text = try row.decode(column: "p", as: String.self)
            }
            let stored = try JSONDecoder().decode([PackageDraft].self, from: Data(text.utf8))
            #expect(stored.map(\.name) == ["Basic", "Plus"])
            // and the model reads it back, with the denormalised columns in step
            let fresh = try #require(try await Gig.find(try gig.requireID(), on: app.db))
            #expect(fresh.packages.map(\.priceCents) == [5_000, 9_000])
            #expect(fresh.startingPriceCents == 5_000 && fresh.fastestDeliveryDays == 3)
        }
    }
}
