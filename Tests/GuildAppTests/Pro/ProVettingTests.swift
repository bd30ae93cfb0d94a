// Pro vetting over the API and the pages: an application with evidence, each criterion checked from the seller's
// record, identity verified by an admin as a step, decisions with reasons (admins only), removal under notice.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct ProVettingTests {

    /// A seller whose record (as the levels and reviews areas keep it) meets the level and rating criteria.
    func establishedSeller(_ app: Application, _ m: Market) async throws {
        let stats = try await SellerStatsRecord.forSeller(m.seller.id, on: app.db)
        stats.level = SellerLevel.established.rawValue
        stats.ratingSum = 48
        stats.ratingCount = 10
        try await stats.save(on: app.db)
    }

    func apply(_ app: Application, _ member: TestMember, links: [String] = ["https://example.org/a", "https://example.org/b", "https://example.org/c"]) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/pro/applications", headers: member.bearer,
                           json: ProApplicationRequest(qualifications: "Ten years of brand identity work for bakeries and cafés.", portfolioLinks: links))
    }

    func decide(_ app: Application, _ id: UUID, by member: TestMember, accept: Bool?, reason: String?) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/pro/applications/\(id)/decision", headers: member.bearer, json: ProDecisionRequest(accept: accept, reason: reason))
    }

    @Test(arguments: TestDatabase.all)
    func anAdminVetsAnApplicationAgainstTheRecordAndTheBadgeFollows(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an established seller with a 4.8 rating and an admin
            let m = try await Market.make(app)
            try await establishedSeller(app, m)
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)

            // bad evidence is a 422 naming the field
            let bad = try await app.send(.POST, "/api/v1/pro/applications", headers: m.seller.bearer,
                                         json: ProApplicationRequest(qualifications: "Ten years of brand identity work.", portfolioLinks: ["not a link"]))
            #expect(bad.status == .unprocessableEntity && bad.errorBody?.field == "portfolioLinks")
            // when the seller applies
            let applied = try await apply(app, m.seller)
            #expect(applied.status == .created, "\(applied.body.string)")
            let application = try applied.decode(ProApplicationDTO.self)
            #expect(application.state == "pending")
            #expect(try await apply(app, m.seller).status == .conflict)

            // then only admins see the queue, with each criterion from the record: identity is the one not met yet
            #expect(try await app.send(.GET, "/api/v1/pro/applications", headers: m.buyer.bearer).status == .forbidden)
            let queue = try await app.send(.GET, "/api/v1/pro/applications", headers: admin.bearer).decode([ProApplicationDTO].self)
            let criteria = try #require(queue.first { $0.id == application.id }).criteria
            #expect(criteria.filter { !$0.met }.map(\.key) == ["identity"])
            #expect(criteria.first { $0.key == "rating" }?.detail == "average 4.80; needs 4.7")
            // accepting before the identity check is refused; others are forbidden; a reason is required
            let early = try await decide(app, application.id, by: admin, accept: true, reason: "Strong portfolio and record.")
            #expect(early.status == .conflict && early.errorBody?.code == "criteria_not_met")
            #expect(try await decide(app, application.id, by: m.buyer, accept: true, reason: "Strong portfolio and record.").status == .forbidden)
            #expect(try await app.send(.POST, "/api/v1/pro/applications/\(application.id)/identity", headers: m.seller.bearer).status == .forbidden)
            #expect(try await app.send(.POST, "/api/v1/pro/applications/\(application.id)/identity", headers: admin.bearer).status == .ok)
            let noReason = try await decide(app, application.id, by: admin, accept: true, reason: "ok")
            #expect(noReason.status == .unprocessableEntity && noReason.errorBody?.field == "reason")

            #expect(!(try await app.send(.GET, "/gigs/\(m.gigID)").body.string.contains("<span class=\"badge pro\">Pro</span>")))
            // when the admin accepts with a reason
            let accepted = try await decide(app, application.id, by: admin, accept: true, reason: "Strong portfolio and a verified record.")
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            #expect(try accepted.decode(ProApplicationDTO.self).state == "accepted")
            // then the seller is Pro: the stored flag, the search filter and their own view agree
            #expect(try await SellerStatsRecord.find(m.seller.id, on: app.db)?.isPro == true)
            let gigPage = try await app.send(.GET, "/gigs/\(m.gigID)")
            #expect(gigPage.body.string.contains("<span class=\"badge pro\">Pro</span>"))
            let mine = try await app.send(.GET, "/api/v1/me/pro", headers: m.seller.bearer)
            #expect(mine.body.string.contains("\"isPro\":true"))
            // and a second decision is a conflict
            #expect(try await decide(app, application.id, by: admin, accept: false, reason: "Changed my mind about it.").status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aDeclineCarriesItsReasonToTheSeller(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let application = try await apply(app, m.seller, links: ["https://example.org/only-one"]).decode(ProApplicationDTO.self)
            // a new seller with one link: accepting is refused, naming what is not met
            let refused = try await decide(app, application.id, by: admin, accept: true, reason: "Looks promising to me.")
            #expect(refused.status == .conflict && refused.body.string.contains("seller level") && refused.body.string.contains("portfolio"))
            #expect(try await decide(app, application.id, by: admin, accept: false, reason: "Come back with three links and the Established level.").status == .ok)
            let mine = try await app.send(.GET, "/api/v1/me/pro", headers: m.seller.bearer).body.string
            #expect(mine.contains("Come back with three links") && mine.contains("\"isPro\":false"))
            #expect(try await SellerStatsRecord.find(m.seller.id, on: app.db)?.isPro != true)
            // declined, the seller may apply again
            #expect(try await apply(app, m.seller).status == .created)
        }
    }

    @Test(arguments: TestDatabase.all)
    func proStatusIsRemovedOnlyWithAReasonAfterTheNotice(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a Pro seller
            let m = try await Market.make(app)
            try await establishedSeller(app, m)
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let application = try await apply(app, m.seller).decode(ProApplicationDTO.self)
            _ = try await app.send(.POST, "/api/v1/pro/applications/\(application.id)/identity", headers: admin.bearer)
            #expect(try await decide(app, application.id, by: admin, accept: true, reason: "Strong portfolio and record.").status == .ok)

            // removal: admins only, with a reason
            let path = "/api/v1/users/\(m.seller.id)/pro/removal"
            #expect(try await app.send(.POST, path, headers: m.buyer.bearer, json: ["reason": "Several complaints about quality."]).status == .forbidden)
            let noReason = try await app.send(.POST, path, headers: admin.bearer, json: ["reason": ""])
            #expect(noReason.status == .unprocessableEntity && noReason.errorBody?.field == "reason")
            let started = try await app.send(.POST, path, headers: admin.bearer, json: ["reason": "Three upheld quality complaints this month."])
            #expect(started.status == .created, "\(started.body.string)")
            let removal = try started.decode(ProRemovalDTO.self)
            #expect(removal.state == "notice")
            #expect(removal.effectiveAt.timeIntervalSince(removal.noticedAt) == 14 * 86_400)
            #expect(try await app.send(.POST, path, headers: admin.bearer, json: ["reason": "Three upheld quality complaints this month."]).status == .conflict)

            // the seller stays Pro during the notice and answers once; others cannot answer for them
            let now = app.clock.now()
            #expect(try await ProWorkflow.runDue(now: now, on: app.db) == 0)
            #expect(try await SellerStatsRecord.find(m.seller.id, on: app.db)?.isPro == true)
            let answerPath = "/api/v1/pro/removals/\(removal.id)/response"
            #expect(try await app.send(.POST, answerPath, headers: m.buyer.bearer, json: ["text": "Not me"]).status == .notFound)
            #expect(try await app.send(.POST, answerPath, headers: m.seller.bearer, json: ["text": "Two were about a courier."]).status == .ok)
            #expect(try await app.send(.POST, answerPath, headers: m.seller.bearer, json: ["text": "And another thing."]).status == .conflict)

            // when the notice ends, Pro status is removed, once
            let later = removal.effectiveAt.addingTimeInterval(1)
            #expect(try await ProWorkflow.runDue(now: later, on: app.db) == 1)
            #expect(try await ProWorkflow.runDue(now: later, on: app.db) == 0)
            #expect(try await SellerStatsRecord.find(m.seller.id, on: app.db)?.isPro == false)
            let stored = try #require(try await ProRemovalRecord.find(removal.id, on: app.db))
            #expect(stored.state == "effective")
        }
    }

    @Test(arguments: TestDatabase.all)
    func anAdminMayKeepASellerProAfterTheAnswer(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            try await establishedSeller(app, m)
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let application = try await apply(app, m.seller).decode(ProApplicationDTO.self)
            _ = try await app.send(.POST, "/api/v1/pro/applications/\(application.id)/identity", headers: admin.bearer)
            _ = try await decide(app, application.id, by: admin, accept: true, reason: "Strong portfolio and record.")
            let removal = try await app.send(.POST, "/api/v1/users/\(m.seller.id)/pro/removal", headers: admin.bearer,
                                             json: ["reason": "Three upheld quality complaints this month."]).decode(ProRemovalDTO.self)
            let kept = try await app.send(.POST, "/api/v1/pro/removals/\(removal.id)/cancellation", headers: admin.bearer,
                                          json: ["reason": "The complaints were about a courier, not the work."])
            #expect(try kept.status == .ok && kept.decode(ProRemovalDTO.self).state == "cancelled")
            #expect(try await ProWorkflow.runDue(now: removal.effectiveAt.addingTimeInterval(60), on: app.db) == 0)
            #expect(try await SellerStatsRecord.find(m.seller.id, on: app.db)?.isPro == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func thePagesVetAndStrangersSeeNothing(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            try await establishedSeller(app, m)
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let seller = try await OrderPagesTests().logIn(app, m.seller)
            // a refused application comes back with 422, the problem on its field and the text as typed (escaped)
            let refused = try await seller.post("/pro/applications", form: ["qualifications": "<i>short</i>", "portfolioLinks": "https://example.org/a"], from: "/pro")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("id=\"qualifications-error\"") && refused.body.string.contains("&lt;i&gt;short&lt;/i&gt;"))
            let sent = try await seller.post("/pro/applications", form: ["qualifications": "Ten years of brand identity work for bakeries.",
                                                                        "portfolioLinks": "https://example.org/a\nhttps://example.org/b\nhttps://example.org/c"], from: "/pro")
            #expect(sent.status == .seeOther)
            #expect(try await seller.get("/pro").body.string.contains("Waiting for an admin"))
            // the queue: admins only
            #expect(try await seller.get("/admin/pro").status == .notFound)
            let adminPage = try await OrderPagesTests().logIn(app, admin)
            let queue = try await adminPage.get("/admin/pro").body.string
            #expect(queue.contains("Not met:</strong> Identity verified") && queue.contains("Met:</strong> Seller level"))
            let application = try #require(try await ProApplicationRecord.query(on: app.db).first())
            let id = try application.requireID().uuidString
            #expect(try await adminPage.post("/admin/pro/applications/\(id)/identity", form: [:], from: "/admin/pro").status == .seeOther)
            #expect(try await adminPage.post("/admin/pro/applications/\(id)/decision", form: ["decision": "accept", "reason": "Strong portfolio and record."],
                                             from: "/admin/pro").status == .seeOther)
            #expect(try await SellerStatsRecord.find(m.seller.id, on: app.db)?.isPro == true)
            #expect(try await seller.get("/pro").body.string.contains("You are a Pro seller"))
            // the published rule
            let policy = try await app.send(.GET, "/policies/pro").body.string
            #expect(policy.contains("14 days&#39; notice") || policy.contains("14 days' notice"))
        }
    }
}
