// The gig page is kept per instance (`GigPageCache`) and must never show what was true before: every write that changes
// what the page shows is on the next view, on this instance and on another one on the same database, and nothing that
// belongs to one viewer (the header of a signed-in member, a session's token or flash, the seller's controls) reaches
// another.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
import GuildCore
@testable import GuildApp

@Suite struct GigPageCacheTests {
    /// The gig page as a visitor without a session sees it.
    func visit(_ app: Application, _ id: UUID) async throws -> (HTTPResponseStatus, String) {
        let res = try await app.send(.GET, "/gigs/\(id)")
        return (res.status, res.body.string)
    }

    func hits(_ app: Application) -> Int { app.gigPageCache.counts.withLockedValue { $0.hits } }

    /// The layout's CSRF token (empty for a visitor without a session).
    func metaToken(_ html: String) -> String? {
        html.range(of: "name=\"csrf-token\" content=\"").map { r in String(html[r.upperBound...].prefix { $0 != "\"" }) }
    }

    @Test(arguments: TestDatabase.all)
    func aKeptPageShowsEveryWriteAtOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Seller")
            let gig = try await app.gig(seller: ada.id, title: "Heron <script>alert(1)</script> watercolour")
            let id = try gig.requireID()
            // the first view reads the gig; the second is answered from what was kept, escaped the same way
            let first = try await visit(app, id)
            #expect(first.0 == .ok && first.1.contains("Heron &lt;script&gt;alert(1)&lt;/script&gt; watercolour"))
            let before = hits(app)
            let second = try await visit(app, id)
            #expect(second.0 == .ok && second.1 == first.1)
            #expect(hits(app) == before + 1)
            #expect(!second.1.contains("<script>alert(1)</script>"))
            // the hit rate, for operators and the benchmarks
            let metrics = try await app.send(.GET, "/metrics").body.string
            let line = metrics.split(separator: "\n").first { $0.hasPrefix("guild_gig_page_cache_hits ") }
            #expect(line.flatMap { Double($0.split(separator: " ")[1]) } == Double(hits(app)))
            #expect(metrics.contains("guild_gig_page_cache_reads "))

            // the gig's text
            var current = try await GigCatalog.update(gig, patch: GigPatch(title: "Egret watercolour", description: "Painted from life on cotton paper, with a pencil study first."),
                                                      status: nil, on: app.db)
            var html = try await visit(app, id).1
            #expect(html.contains("Egret watercolour") && !html.contains("Heron") && html.contains("Painted from life on cotton paper"))
            // its packages: what search does not read (revisions, what each includes, a second package)
            current = try await GigCatalog.update(current, patch: GigPatch(packages: [
                PackageDraft(name: "Basic", priceCents: 5_000, deliveryDays: 3, revisions: 3, includes: ["A framed print"]),
                PackageDraft(name: "Large", priceCents: 12_345, deliveryDays: 9, revisions: 1)]), status: nil, on: app.db)
            html = try await visit(app, id).1
            #expect(html.contains("3 revisions") && html.contains("A framed print") && html.contains("$123.45") && html.contains("Delivery in 9 days"))
            // the seller's name and headline, as their profile form writes them
            try await app.db.sql.raw("UPDATE users SET display_name = 'Ada Painter', headline = 'Birds in watercolour since 2009' WHERE id = \(bind: ada.id)").run()
            html = try await visit(app, id).1
            #expect(html.contains("Ada Painter") && html.contains("Birds in watercolour since 2009"))
            // the seller's record: rating, Pro, level
            try await app.stats(ada.id, ratingSum: 9, ratingCount: 2, pro: true)
            html = try await visit(app, id).1
            #expect(html.contains(GigText.rating(average: 4.5, count: 2)) && html.contains("badge pro"))
            try await app.db.sql.raw("UPDATE seller_stats SET level = 'rising' WHERE user_id = \(bind: ada.id)").run()
            #expect(try await visit(app, id).1.contains(SellerLevel.rising.label))
            // paused: gone for visitors at once, still the seller's own; published again: back; deleted: gone
            current = try await GigCatalog.update(current, patch: GigPatch(), status: .paused, on: app.db)
            #expect(try await visit(app, id).0 == .notFound)
            let seller = try await PageSession.loggedIn(app, ada)
            let own = try await seller.get("/gigs/\(id)")
            #expect(own.status == .ok && own.body.string.contains("This gig is paused"))
            current = try await GigCatalog.update(current, patch: GigPatch(), status: .published, on: app.db)
            #expect(try await visit(app, id).0 == .ok)
            try await GigCatalog.delete(current, on: app.db)
            #expect(try await visit(app, id).0 == .notFound)
            #expect(try await seller.get("/gigs/\(id)").status == .notFound)
        }
    }

    /// `GUILD_PAGE_CACHE=off`: every view reads the gig afresh and nothing is kept.
    @Test(arguments: TestDatabase.all)
    func withTheCacheOffEveryViewReadsTheGig(_ db: TestDatabase) async throws {
        try await withGuild(db, configure: { $0.pageCache = false }) { app in
            let ada = try await app.member("Ada Seller")
            let gig = try await app.gig(seller: ada.id, title: "Kingfisher <b>linocut</b>")
            let id = try gig.requireID()
            let first = try await visit(app, id)
            #expect(first.0 == .ok && first.1.contains("Kingfisher &lt;b&gt;linocut&lt;/b&gt;"))
            let paused = try await GigCatalog.update(gig, patch: GigPatch(title: "Kingfisher print"), status: .paused, on: app.db)
            #expect(try await visit(app, id).0 == .notFound)
            let seller = try await PageSession.loggedIn(app, ada)
            let own = try await seller.get("/gigs/\(id)")
            #expect(own.status == .ok && own.body.string.contains("Kingfisher print") && own.body.string.contains("This gig is paused"))
            _ = try await GigCatalog.update(paused, patch: GigPatch(), status: .published, on: app.db)
            #expect(try await visit(app, id).1.contains("Kingfisher print"))
            let counts = app.gigPageCache.counts.withLockedValue { $0 }
            #expect(counts.hits == 0 && counts.reads == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aNewReviewIsOnTheKeptPage(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            #expect(try await visit(app, m.gigID).1.contains("No reviews yet"))
            let order = try await m.delivered()
            #expect(try await m.step("accept", order.id, by: m.buyer).status == .ok)
            #expect(try await visit(app, m.gigID).1.contains("No reviews yet"))
            for (member, rating) in [(m.buyer, 4), (m.seller, 5)] {
                let res = try await app.send(.POST, "/api/v1/orders/\(order.id)/reviews", headers: member.bearer, raw: "{\"rating\":\(rating),\"text\":\"Thanks\"}")
                #expect(res.status == .created)
            }
            #expect(try await visit(app, m.gigID).1.contains(GigText.rating(average: 4, count: 1)))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aWriteOnOneInstanceIsOnTheNextPageViewOnAnother(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let nadia = try await app.member("Nadia Weaver")
            let gig = try await app.gig(seller: nadia.id, title: "Handwoven tapestry")
            let id = try gig.requireID()
            try await withSecondInstance(of: app) { second in
                #expect(try await visit(second, id).1.contains("Handwoven tapestry"))
                #expect(try await visit(second, id).1.contains("Handwoven tapestry"))
                #expect(hits(second) == 1)
                let renamed = try await GigCatalog.update(gig, patch: GigPatch(title: "Handwoven rug"), status: nil, on: app.db)
                #expect(try await visit(second, id).1.contains("Handwoven rug"))
                try await app.stats(nadia.id, ratingSum: 5, ratingCount: 1, pro: true)
                let html = try await visit(second, id).1
                #expect(html.contains(GigText.rating(average: 5, count: 1)) && html.contains("badge pro"))
                _ = try await GigCatalog.update(renamed, patch: GigPatch(), status: .paused, on: app.db)
                #expect(try await visit(second, id).0 == .notFound)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func oneViewersPartsNeverReachAnother(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Seller")
            let bob = try await app.member("Bob Browser")
            let gig = try await app.gig(seller: ada.id, title: "Kingfisher linocut")
            let id = try gig.requireID()
            let anonymous = try await visit(app, id).1
            #expect((metaToken(anonymous) ?? "") == "" && !anonymous.contains("Log out") && anonymous.contains("Log in"))
            // a signed-in member gets their own header and token around the kept content
            let member = try await PageSession.loggedIn(app, bob)
            let theirs = try await member.get("/gigs/\(id)").body.string
            let token = try #require(metaToken(theirs))
            #expect(!token.isEmpty && PageSession.csrfToken(in: theirs) == token)
            #expect(theirs.contains("Bob Browser") && theirs.contains("Log out") && theirs.contains("Kingfisher linocut"))
            #expect(!theirs.contains("Edit gig") && theirs.contains("/gigs/\(id)/order?package=Basic"))
            // the seller gets their controls, and the flash of their own move
            let seller = try await PageSession.loggedIn(app, ada)
            let own = try await seller.get("/gigs/\(id)").body.string
            #expect(own.contains("Edit gig") && own.contains("Ada Seller") && !own.contains("/gigs/\(id)/order?package=Basic"))
            let paused = try await seller.post("/gigs/\(id)/status", form: ["status": "paused"], from: "/gigs/\(id)")
            #expect(paused.status == .seeOther)
            #expect(try await seller.get("/gigs/\(id)").body.string.contains("buyers cannot find or order it"))
            let resumed = try await seller.post("/gigs/\(id)/status", form: ["status": "published"], from: "/gigs/\(id)")
            #expect(resumed.status == .seeOther)
            // a visitor with a session of their own (from a form page) gets their own token
            let visitor = PageSession(app)
            _ = try await visitor.get("/signup")
            let withSession = try await visitor.get("/gigs/\(id)").body.string
            let visitorToken = try #require(metaToken(withSession))
            #expect(!visitorToken.isEmpty && visitorToken != token)
            // and nothing of theirs is in what the next visitor without a session gets
            for _ in 0..<2 {
                let (status, html) = try await visit(app, id)
                #expect(status == .ok)
                for part in [token, visitorToken, "Bob Browser", "Log out", "Edit gig", "buyers cannot find", "Your gig is live"] {
                    #expect(!html.contains(part), "\(part)")
                }
                #expect((metaToken(html) ?? "") == "")
                #expect(html.contains("Kingfisher linocut") && html.contains("/gigs/\(id)/order?package=Basic"))
            }
        }
    }
}
