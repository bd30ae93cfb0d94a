import Foundation
import Testing
import Vapor
import VaporTesting
import GuildCore
@testable import GuildApp

@Suite struct GigPagesTests {
    @Test(arguments: TestDatabase.all)
    func rankingPageShowsTheLiveWeights(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an operator's own weights
            let custom = try RankingSettings.parse("text=0.40,rating=0.30,onTime=0.12,response=0.11,newcomer=0.07")
            app.rankingWeights = custom
            // when anyone opens /ranking (or /policies/ranking)
            for path in ["/ranking", "/policies/ranking"] {
                let page = try await app.send(.GET, path)
                #expect(page.status == .ok)
                let html = page.body.string
                // then it shows those weights, every factor, the advice and the payment statement
                for weight in ["0.40", "0.30", "0.12", "0.11", "0.07"] { #expect(html.contains(weight), "\(weight) on \(path)") }
                #expect(!html.contains("0.45"))
                for key in RankingFactorKey.allCases { #expect(html.contains("data-factor=\"\(key.rawValue)\"")) }
                #expect(html.contains("Money never changes where a gig appears"))
                #expect(html.contains("Write a title and tags"))
                // and the seller limit, in the same words as explain gives
                #expect(html.contains("each seller&#39;s 3 best-scoring gigs come first") || html.contains("each seller's 3 best-scoring gigs come first"))
            }
            // and search scores with the same weights
            let ada = try await app.member("Ada Seller")
            _ = try await app.gig(seller: ada.id, title: "Toucan sticker illustration")
            let result = try #require(try await app.search("q=toucan&explain=true").1?.results.first)
            #expect(result.explain?.first { $0.key == "rating" }?.weight == 0.30)
        }
    }

    @Test func rankingWeightsFromConfigurationAreValidated() throws {
        let w = try RankingSettings.parse("text=0.5, rating=0.2, ontime=0.1, responsiveness=0.1, newcomerExposure=0.1")
        #expect(w.textRelevance == 0.5 && w.newcomerExposure == 0.1)
        #expect(throws: GuildConfigError.self) { try RankingSettings.parse("text=0.5,rating=0.5") }
        #expect(throws: GuildConfigError.self) { try RankingSettings.parse("text=0.9,rating=0.25,onTime=0.15,response=0.10,newcomer=0.05") }
        #expect(throws: GuildConfigError.self) { try RankingSettings.parse("text=-0.1,rating=0.45,onTime=0.35,response=0.25,newcomer=0.05") }
        #expect(throws: GuildConfigError.self) { try RankingSettings.parse("text=x,rating=0.25,onTime=0.15,response=0.10,newcomer=0.05") }
        #expect(throws: GuildConfigError.self) { try RankingSettings.parse("price=1") }
    }

    @Test(arguments: TestDatabase.all)
    func searchPageShowsCardsWithWhyThisResultAndEscapesText(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada O'Hara & Co")
            let gig = try await app.gig(seller: ada.id, title: "Narwhal <script>alert(1)</script> poster", priceCents: 4_550, days: 2)
            let page = try await app.send(.GET, "/search?q=narwhal")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("/gigs/\(try gig.requireID())"))
            #expect(html.contains("From $45.50"))
            #expect(html.contains("Delivery in 2 days"))
            #expect(html.contains("Why this result"))
            #expect(html.contains("Text relevance"))
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("Ada O&#39;Hara &amp; Co") || html.contains("Ada O&#x27;Hara &amp; Co"))
            // a bad filter is a 422 page naming it, not a failure
            let bad = try await app.send(.GET, "/search?q=narwhal&sort=sideways")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Sort must be one of"))
            // the category page browses with a plain "load more" link
            for i in 0..<25 { _ = try await app.gig(seller: ada.id, title: "Design gig number \(i) for tests", category: "design") }
            let browse = try await app.send(.GET, "/categories/design")
            #expect(browse.status == .ok)
            let more = try #require(browse.body.string.range(of: "id=\"load-more\" href=\""))
            let href = String(browse.body.string[more.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            #expect(href.hasPrefix("/categories/design?"))
            let second = try await app.send(.GET, href)
            #expect(second.status == .ok)
            #expect(second.body.string.contains("Design gig number"))
            #expect(try await app.send(.GET, "/categories/astrology").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func gigPageLinksEachPackageToItsOrderPageAndHidesPausedGigs(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Seller")
            let gig = try await app.gig(seller: ada.id, title: "Heron watercolour for your hallway")
            let id = try gig.requireID()
            let page = try await app.send(.GET, "/gigs/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("/gigs/\(id)/order?package=Basic"))
            _ = try await GigCatalog.update(gig, patch: GigPatch(), status: .paused, on: app.db)
            #expect(try await app.send(.GET, "/gigs/\(id)").status == .notFound)
            #expect(try await app.send(.GET, "/gigs/\(UUID())").status == .notFound)
            #expect(try await app.send(.GET, "/gigs/not-a-uuid").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func policyPagesComeFromTheCoreRules(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            for (path, line) in [("/policies/levels", LevelRules.standard.descriptions[0]), ("/policies/reviews", ReviewReveal.descriptions[0]),
                                 ("/policies/pro", ProVetting.standard.descriptions[0])] {
                let page = try await app.send(.GET, path)
                #expect(page.status == .ok)
                #expect(page.body.string.contains(line.prefix(30).replacingOccurrences(of: "'", with: "&#39;")), "\(path)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theGigFormTakesEachPackagesHoursOfWork(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let seller = try await app.member("Hana Hours")
            let browser = try await PageSession.loggedIn(app, seller)
            var form = ["title": "I will letter your shop window", "description": "Hand lettering on glass, with a sketch first and a visit to measure.",
                        "category": "design", "tags": "lettering", "p0name": "Basic", "p0price": "300", "p0days": "5", "p0revisions": "1",
                        "p0includes": "", "p0hours": "ten"]
            // hours that are not a number are refused on their field, and nothing is saved
            let refused = try await browser.post("/gigs/new", form: form, from: "/gigs/new")
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Hours must be a whole number"))
            #expect(try await Gig.query(on: app.db).count() == 0)
            // ten hours are stored with the package, and the edit form shows them again
            form["p0hours"] = "10"
            #expect(try await browser.post("/gigs/new", form: form, from: "/gigs/new").status == .seeOther)
            let gig = try #require(try await Gig.query(on: app.db).first())
            #expect(gig.packages.first?.estimatedHours == 10)
            #expect(try await browser.get("/gigs/\(gig.requireID())/edit").body.string.contains("name=\"p0hours\" value=\"10\""))
        }
    }
}
