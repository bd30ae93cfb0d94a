// The published timers with an injected clock: reminder at 48h, auto-accept at 72h, expiry after 7 days, dispute defaults.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct OrderTimerTests {
    @Test(arguments: TestDatabase.all)
    func silentBuyerIsRemindedThenTheDeliveryIsAccepted(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a fixed clock and a delivered order
            let clock = GuildClock(fixed: Date(timeIntervalSince1970: 1_800_000_000))
            app.clock = clock
            let m = try await Market.make(app)
            let order = try await m.delivered()
            // when 47 hours pass, nothing happens
            clock.advance(seconds: 47 * 3_600)
            #expect(try await OrderTimers.runDue(app: app) == .init())
            // when 49 hours have passed, the buyer is reminded once
            clock.advance(seconds: 2 * 3_600)
            #expect(try await OrderTimers.runDue(app: app).reminded == 1)
            #expect(try await OrderTimers.runDue(app: app).reminded == 0)
            let notes = try await NotificationRecord.query(on: app.db).filter(\.$kind == "acceptance_reminder").all()
            #expect(notes.count == 1 && notes.first?.memberID == m.buyer.id && notes.first?.kind == "acceptance_reminder")
            // with the deadline as words in the buyer's zone (UTC until they choose one), never an ISO stamp
            #expect(notes.first?.text.contains("on Monday 18 January 2027 at 08:00 UTC") == true, "\(notes.first?.text ?? "")")
            // and the reminder reaches the buyer through the API, never the seller
            let buyerSees = try await app.send(.GET, "/api/v1/notifications", headers: m.buyer.bearer)
            #expect(buyerSees.status == .ok)
            #expect(try buyerSees.decode([NotificationsAPIController.NotificationDTO].self).filter { $0.kind == "acceptance_reminder" }.map(\.orderId) == [order.id])
            let sellerSees = try await app.send(.GET, "/api/v1/notifications", headers: m.seller.bearer)
            #expect(try sellerSees.decode([NotificationsAPIController.NotificationDTO].self).allSatisfy { $0.kind != "acceptance_reminder" })
            #expect(try await app.send(.GET, "/api/v1/notifications?limit=0", headers: m.buyer.bearer).errorBody?.field == "limit")
            #expect(try await app.send(.GET, "/api/v1/notifications").status == .unauthorized)
            // and on the buyer's orders page
            let browser = PageSession(app)
            _ = try await browser.post("/login", form: ["email": m.buyer.email, "password": "correct horse battery"])
            let page = try await browser.get("/orders")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("id=\"reminders\""))
            #expect(try await m.show(order.id, by: m.buyer).state == "delivered")
            // when 72 hours have passed, it is accepted by the system and the seller is paid
            clock.advance(seconds: 23 * 3_600)
            #expect(try await OrderTimers.runDue(app: app).autoAccepted == 1)
            let done = try await m.show(order.id, by: m.seller)
            #expect(done.state == "completed")
            #expect(done.history?.last?.actor == "system" && done.history?.last?.event == "auto_accept")
            #expect(try await m.balance(m.seller).availableCents == 9_500)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func unpaidOrdersExpireAfterSevenDays(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let clock = GuildClock(fixed: Date(timeIntervalSince1970: 1_800_000_000))
            app.clock = clock
            let m = try await Market.make(app)
            let unpaid = try await m.place()
            let paid = try await m.place()
            try await m.step("fund", paid.id, by: m.buyer)
            // just before 7 days: nothing
            clock.advance(seconds: 7 * 86_400 - 1)
            #expect(try await OrderTimers.runDue(app: app).expired == 0)
            // at 7 days: the unpaid one expires; the paid one goes on
            clock.advance(seconds: 1)
            #expect(try await OrderTimers.runDue(app: app).expired == 1)
            #expect(try await m.show(unpaid.id, by: m.buyer).state == "expired")
            #expect(try await m.show(paid.id, by: m.buyer).state == "in_progress")
            // and an expired order can no longer be paid
            #expect(try await m.step("fund", unpaid.id, by: m.buyer).status == .conflict)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func unansweredDisputeGetsThePublishedDefault(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a delivered order disputed by the buyer, and a seller who never answers
            let clock = GuildClock(fixed: Date(timeIntervalSince1970: 1_800_000_000))
            app.clock = clock
            let m = try await Market.make(app)
            let order = try await m.delivered()
            #expect(try await m.step("disputes", order.id, by: m.buyer, json: ["reason": "Wrong colours"]).status == .created)
            // when 72 hours pass
            clock.advance(seconds: 72 * 3_600)
            #expect(try await OrderTimers.runDue(app: app).disputesDecided == 1)
            // then the buyer is refunded in full (the seller did not answer)
            #expect(try await m.show(order.id, by: m.buyer).state == "resolved")
            #expect(try await m.balance(m.buyer).availableCents == 10_000)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func answeredDisputeWaitsForTheArbiterThenDeliveredWorkStands(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a delivered order disputed by the buyer
            let clock = GuildClock(fixed: Date(timeIntervalSince1970: 1_800_000_000))
            app.clock = clock
            let m = try await Market.make(app)
            let order = try await m.delivered()
            let dispute = try await m.step("disputes", order.id, by: m.buyer, json: ["reason": "Wrong colours"]).decode(DisputeDTO.self)
            // the opener cannot answer their own dispute; an empty answer is a 422
            let own = try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/answer", headers: m.buyer.bearer, json: ["message": "me"])
            #expect(own.status == .conflict && own.errorBody?.code == "forbidden_actor")
            #expect(try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/answer", headers: m.seller.bearer, json: ["message": " "]).errorBody?.field == "message")
            // when the seller answers within 72 hours
            clock.advance(seconds: 24 * 3_600)
            let answered = try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/answer", headers: m.seller.bearer, json: ["message": "The brief said blue"])
            #expect(answered.status == .ok)
            #expect(try answered.decode(DisputeDTO.self).decideBy != nil)
            #expect(try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/answer", headers: m.seller.bearer, json: ["message": "again"]).status == .conflict)
            // then the answer deadline passing changes nothing: the arbiter has 7 days from the answer
            clock.advance(seconds: 3 * 86_400)
            #expect(try await OrderTimers.runDue(app: app).disputesDecided == 0)
            #expect(try await m.show(order.id, by: m.buyer).state == "disputed")
            // and once no arbiter decided in 7 days, delivered work stays paid
            clock.advance(seconds: 4 * 86_400)
            #expect(try await OrderTimers.runDue(app: app).disputesDecided == 1)
            #expect(try await m.show(order.id, by: m.buyer).state == "resolved")
            #expect(try await m.balance(m.seller).availableCents == 9_500)
            try await m.expectLedgerSound()
        }
    }
}
