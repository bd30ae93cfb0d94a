// Levels evaluated from real records by the published rules, with an injected clock: promotion, warning under notice,
// drop, appeal and the admin's answer, the monthly schedule, and the page with its chart.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
import GuildCore
@testable import GuildApp

@Suite struct LevelsTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Backdates a member's account, as if they had joined `days` ago.
    func joined(_ app: Application, _ member: TestMember, daysAgo days: Double) async throws {
        try await app.db.sql.raw("UPDATE users SET created_at = \(bind: app.clock.now().addingTimeInterval(-days * 86_400)) WHERE id = \(bind: member.id)").run()
    }

    func completeOrders(_ m: Market, count: Int) async throws {
        for _ in 0..<count {
            let order = try await m.delivered()
            #expect(try await m.step("accept", order.id, by: m.buyer).status == .ok)
        }
    }

    func level(_ app: Application, _ member: TestMember) async throws -> LevelDTO {
        try await app.send(.GET, "/api/v1/users/\(member.id)/level").decode(LevelDTO.self)
    }

    @Test(arguments: TestDatabase.all)
    func mutualCancellationsNeverChangeTheLevelARecordEarns(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            app.clock = GuildClock(fixed: Self.start)
            // given two sellers with the same five completed orders, one of them also with two mutual cancellations
            let plain = try await Market.make(app)
            let otherSeller = try await app.member("Cy Cancelled")
            let otherMarket = Market(app: app, buyer: plain.buyer, seller: otherSeller, gigID: try await Market.makeGig(app, seller: otherSeller.id))
            for m in [plain, otherMarket] {
                try await joined(app, m.seller, daysAgo: 40)
                try await completeOrders(m, count: 5)
            }
            for _ in 0..<2 {
                let o = try await otherMarket.place()
                #expect(try await otherMarket.step("fund", o.id, by: otherMarket.buyer).status == .ok)
                #expect(try await otherMarket.step("cancellation", o.id, by: otherMarket.seller).status == .ok)
                #expect(try await otherMarket.step("cancellation/accept", o.id, by: otherMarket.buyer).status == .ok)
            }
            // before any evaluation both are New, with progress measured on every criterion of Rising
            let before = try await level(app, plain.seller)
            #expect(before.level == SellerLevel.new.rawValue && before.next == SellerLevel.rising.rawValue)
            #expect(Set(before.progress.map(\.key)) == Set(["completedOrders", "earnedCents", "rating", "onTimeRate", "accountAgeDays"]))
            #expect(before.progress.first { $0.key == "completedOrders" }?.current == 5)
            // when the levels are evaluated
            let summary = try await LevelWorkflow.evaluateAll(now: app.clock.now(), on: app.db)
            #expect(summary.promoted == 2)
            // then both reach Rising, each with a history line, and the cancellations changed nothing
            for m in [plain, otherMarket] {
                let after = try await level(app, m.seller)
                #expect(after.level == SellerLevel.rising.rawValue && after.history.map(\.kind) == ["promoted"])
            }
            #expect(try #require(try await SellerStatsRecord.find(otherMarket.seller.id, on: app.db)).mutualCancellations == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSellerFallingShortIsWarnedThenDroppedAfterTheNoticeAndMayAppeal(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let clock = GuildClock(fixed: Self.start)
            app.clock = clock
            // given a Rising seller whose record no longer meets Rising (a fixture: the level as an earlier evaluation left it)
            let seller = try await app.member("Rosa Rising")
            try await joined(app, seller, daysAgo: 100)
            try await app.stats(seller.id, ratingSum: 20, ratingCount: 5, onTime: 2, delivered: 5)
            try await app.db.sql.raw("UPDATE seller_stats SET level = 'rising', completed_orders = 5, earned_cents = 50000 WHERE user_id = \(bind: seller.id)").run()
            // when the monthly evaluation runs
            #expect(try await LevelWorkflow.runIfDue(now: clock.now(), on: app.db)?.warned == 1)
            // then she keeps Rising with a warning naming what is missing and when the notice ends
            var report = try await level(app, seller)
            #expect(report.level == SellerLevel.rising.rawValue)
            let warning = try #require(report.warning)
            #expect(warning.unmet.contains("rating") && warning.unmet.contains("onTimeRate"))
            #expect(warning.noticeEndsAt == clock.now().addingTimeInterval(Double(LevelRules.standard.gracePeriodDays) * 86_400))
            #expect(report.history.map(\.kind) == ["warned"])
            // and the same month's schedule does not run again
            #expect(try await LevelWorkflow.runIfDue(now: clock.now().addingTimeInterval(3_600), on: app.db) == nil)
            // she appeals the warning once; too short an appeal names the field
            let warned = try #require(report.history.first)
            #expect(try await app.send(.POST, "/api/v1/me/level/appeals", headers: seller.bearer, json: AppealRequest(eventId: warned.id, text: "unfair")).errorBody?.field == "text")
            let appeal = try await app.send(.POST, "/api/v1/me/level/appeals", headers: seller.bearer,
                                            json: AppealRequest(eventId: warned.id, text: "Two late deliveries were the courier strike; the buyers agreed."))
            #expect(appeal.status == .created)
            #expect(try await app.send(.POST, "/api/v1/me/level/appeals", headers: seller.bearer,
                                       json: AppealRequest(eventId: warned.id, text: "Again, the courier strike was to blame for it.")).errorBody?.code == "appeal_exists")
            // another member cannot appeal her evaluation
            let stranger = try await app.member("Stan Stranger")
            #expect(try await app.send(.POST, "/api/v1/me/level/appeals", headers: stranger.bearer,
                                       json: AppealRequest(eventId: warned.id, text: "I would like to appeal this for her.")).status == .notFound)
            // a month later, still short but within the notice: still Rising
            clock.advance(seconds: 20 * 86_400)
            #expect(try await LevelWorkflow.evaluateAll(now: clock.now(), on: app.db).demoted == 0)
            // after the notice: moved down, with the reason kept
            clock.advance(seconds: 11 * 86_400)
            #expect(try await LevelWorkflow.evaluateAll(now: clock.now(), on: app.db).demoted == 1)
            report = try await level(app, seller)
            #expect(report.level == SellerLevel.new.rawValue && report.warning == nil)
            #expect(report.history.first?.kind == "demoted" && report.history.first?.unmet.contains("rating") == true)
            // only an admin answers (a day later); the admin upholds the appeal with a reason and the level is restored
            clock.advance(seconds: 86_400)
            let appealID = try appeal.decode(LevelAppealDTO.self).id
            #expect(try await app.send(.POST, "/api/v1/level-appeals/\(appealID)/answer", headers: stranger.bearer,
                                       json: AppealAnswerRequest(upheld: true, reason: "The strike is documented.")).status == .forbidden)
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let answered = try await app.send(.POST, "/api/v1/level-appeals/\(appealID)/answer", headers: admin.bearer,
                                              json: AppealAnswerRequest(upheld: true, reason: "The courier strike is documented for those weeks."))
            let answer = try answered.decode(LevelAppealDTO.self)
            #expect(answered.status == .ok && answer.outcome == "upheld")
            report = try await level(app, seller)
            #expect(report.level == SellerLevel.rising.rawValue && report.history.first?.kind == "restored")
            #expect(report.appeals.first?.answer?.contains("courier strike") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theLevelPageDrawsTheProgressAndOffersTheAppeal(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            app.clock = GuildClock(fixed: Self.start)
            let seller = try await app.member("Pia Progress")
            try await joined(app, seller, daysAgo: 10)
            try await app.stats(seller.id, ratingSum: 9, ratingCount: 3, onTime: 1, delivered: 3)
            try await app.db.sql.raw("UPDATE seller_stats SET level = 'rising', completed_orders = 2, earned_cents = 12000 WHERE user_id = \(bind: seller.id)").run()
            _ = try await LevelWorkflow.evaluateAll(now: app.clock.now(), on: app.db)
            // the public page: the chart with a text alternative, the criteria in words, no appeal form
            let visitor = try await app.send(.GET, "/users/\(seller.id)/level")
            #expect(visitor.status == .ok)
            let html = visitor.body.string
            #expect(html.contains("id=\"level-chart\"") && html.contains("requirements met for"))
            #expect(html.contains("Completed orders: 2 of 25") && html.contains("$120.00 of $4,000.00"))
            #expect(!html.contains("name=\"eventId\""))
            // the seller sees the warning and the appeal form
            let own = try await PageSession.loggedIn(app, seller)
            let mine = try await own.get("/users/\(seller.id)/level").body.string
            #expect(mine.contains("id=\"level-warning\"") && mine.contains("name=\"eventId\""))
            // an appeal too short is refused on the page with the reason; a good one is listed
            let eventID = try #require(try await LevelEventRecord.query(on: app.db).first()?.id)
            let short = try await own.post("/me/level/appeals", form: ["eventId": eventID.uuidString, "text": "no"], from: "/users/\(seller.id)/level")
            #expect(short.status == .unprocessableEntity && short.body.string.contains("id=\"appeal-problem\""))
            let sent = try await own.post("/me/level/appeals", form: ["eventId": eventID.uuidString, "text": "My two orders were both mutual agreements."],
                                          from: "/users/\(seller.id)/level")
            #expect(sent.status == .seeOther)
            #expect(try await own.get("/users/\(seller.id)/level").body.string.contains("My two orders were both mutual agreements."))
            // and an admin reads it on the appeals page
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let desk = try await PageSession.loggedIn(app, admin)
            let queue = try await desk.get("/admin/level-appeals")
            #expect(queue.status == .ok && queue.body.string.contains("Pia Progress") && queue.body.string.contains("Uphold"))
            #expect(try await own.get("/admin/level-appeals").status == .notFound)
        }
    }
}
