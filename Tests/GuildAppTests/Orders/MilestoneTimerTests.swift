// The milestone timers with an injected clock: a delivered milestone is reminded at 48 h and released at 72 h like a
// package delivery; undelivered milestones and disputed orders are left alone; a second run releases nothing.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct MilestoneTimerTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let hour: TimeInterval = 3_600

    /// A fixed clock and a two-milestone order ($400 "Design", $600 "Build") placed at `start`.
    func setUp(_ app: Application) async throws -> (GuildClock, MilestoneMarket, OrderDTO) {
        let clock = GuildClock(fixed: Self.start)
        app.clock = clock
        let mm = try await MilestoneMarket.make(app)
        return (clock, mm, try await mm.place(now: clock.now()))
    }

    func expectOK(_ res: TestingHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(res.status == .ok, "\(res.body.string)", sourceLocation: sourceLocation)
    }

    @Test(arguments: TestDatabase.all)
    func aSilentBuyerIsRemindedThenTheDeliveredMilestoneIsReleased(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given milestone 1 delivered and milestone 2 funded but not delivered
            let (clock, mm, order) = try await setUp(app)
            let m = mm.m
            expectOK(try await mm.milestone(order.id, 1, "fund", by: m.buyer))
            expectOK(try await mm.milestone(order.id, 2, "fund", by: m.buyer))
            clock.advance(seconds: 2 * Self.hour)
            let deliveredAt = clock.now()
            expectOK(try await mm.milestone(order.id, 1, "deliver", by: m.seller))
            // the delivery time is stored, and the order shows when the milestone will be accepted
            let stored = try #require(try await MilestoneRecord.query(on: app.db).filter(\.$position == 0).first())
            #expect(stored.deliveredAt == deliveredAt)
            let shown = try await m.show(order.id, by: m.buyer)
            #expect(shown.milestones?.first?.autoAcceptAt == deliveredAt.addingTimeInterval(72 * 3_600))
            #expect(shown.milestones?.last?.autoAcceptAt == nil)
            // when 47 hours pass, nothing happens, and Guild cannot accept the milestone early
            clock.advance(seconds: 47 * Self.hour)
            #expect(try await OrderTimers.runDue(app: app) == .init())
            let early = await #expect(throws: ConflictError.self) {
                try await WriteTransaction.run(on: app.db) { tx in
                    _ = try await MilestoneWorkflow.step(.accept, orderID: order.id, index: 0, by: .system, services: OrderServices(app: app), on: tx)
                }
            }
            #expect(early?.code == "not_due")
            // when 49 hours have passed, the buyer is reminded once, through the API, never the seller
            clock.advance(seconds: 2 * Self.hour)
            #expect(try await OrderTimers.runDue(app: app) == .init(milestonesReminded: 1))
            #expect(try await OrderTimers.runDue(app: app).milestonesReminded == 0)
            let buyerSees = try await app.send(.GET, "/api/v1/notifications", headers: m.buyer.bearer)
            #expect(buyerSees.status == .ok)
            // (besides the notice of the delivery itself, from the notification centre)
            let notes = try buyerSees.decode([NotificationsAPIController.NotificationDTO].self).filter { $0.kind != "order_delivered" }
            #expect(notes.map(\.kind) == ["milestone_acceptance_reminder"])
            #expect(notes.first?.orderId == order.id)
            #expect(notes.first?.text.contains("Milestone 1 (\"Design\")") == true)
            #expect(notes.first?.text.contains("accepted automatically") == true)
            #expect(try await app.send(.GET, "/api/v1/notifications", headers: m.seller.bearer)
                .decode([NotificationsAPIController.NotificationDTO].self).allSatisfy { $0.kind == "order_funded" })
            // and on the buyer's orders page and order page
            let browser = PageSession(app)
            _ = try await browser.post("/login", form: ["email": m.buyer.email, "password": "correct horse battery"])
            let list = try await browser.get("/orders")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("id=\"reminders\"") && list.body.string.contains("Milestone 1 (&quot;Design&quot;)"))
            #expect(try await browser.get("/orders/\(order.id)").body.string.contains("data-testid=\"milestone-auto-accept\""))
            #expect(try await m.show(order.id, by: m.buyer).milestones?.map(\.state) == ["delivered", "funded"])
            // when 72 hours have passed since the delivery, the system accepts it and the seller is paid net of the fee
            clock.advance(seconds: 23 * Self.hour)
            #expect(try await OrderTimers.runDue(app: app) == .init(milestonesAutoAccepted: 1))
            let after = try await m.show(order.id, by: m.seller)
            #expect(after.milestones?.map(\.state) == ["released", "funded"])
            #expect(after.state == "in_progress")
            #expect(after.history?.last?.actor == "system" && after.history?.last?.event == "auto_accept_milestone")
            #expect(try await m.balance(m.seller).availableCents == 38_000)
            let stats = try #require(try await SellerStatsRecord.find(m.seller.id, on: app.db))
            #expect(stats.earnedCents == 38_000 && stats.completedOrders == 0)
            // and the funded milestone that was never delivered stays in escrow, however long the buyer waits
            clock.advance(seconds: 30 * 24 * Self.hour)
            #expect(try await OrderTimers.runDue(app: app) == .init())
            #expect(try await m.show(order.id, by: m.buyer).milestones?.map(\.state) == ["released", "funded"])
            #expect(try await m.balance(m.seller).availableCents == 38_000)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func theLastMilestoneReleasedCompletesTheOrderAndASecondRunReleasesNothing(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given both milestones delivered and never answered
            let (clock, mm, order) = try await setUp(app)
            let m = mm.m
            for n in 1...2 {
                expectOK(try await mm.milestone(order.id, n, "fund", by: m.buyer))
                expectOK(try await mm.milestone(order.id, n, "deliver", by: m.seller))
            }
            // when the timers run twice at once, then again, 72 hours later
            clock.advance(seconds: 72 * Self.hour)
            async let first = OrderTimers.runDue(app: app)
            async let second = OrderTimers.runDue(app: app)
            let runs = try await [first, second]
            let third = try await OrderTimers.runDue(app: app)
            // then each milestone was released exactly once, and the order completed
            #expect(runs.map(\.milestonesAutoAccepted).reduce(0, +) == 2)
            #expect(runs.map(\.failed).reduce(0, +) == 0)
            #expect(third == .init())
            let done = try await m.show(order.id, by: m.seller)
            #expect(done.state == "completed")
            #expect(done.milestones?.map(\.state) == ["released", "released"])
            #expect(done.history?.filter { $0.event == "auto_accept_milestone" }.count == 2)
            #expect(try await m.balance(m.seller).availableCents == 95_000)
            #expect(try await m.balance(m.buyer).availableCents == 0)
            let releases = try await HoldRecord.query(on: app.db).all()
            #expect(releases.count == 2 && releases.allSatisfy { $0.state == "posted" })
            let stats = try #require(try await SellerStatsRecord.find(m.seller.id, on: app.db))
            #expect(stats.completedOrders == 1 && stats.earnedCents == 95_000)
            // and no reminder is sent for milestones already released
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == "milestone_acceptance_reminder").count() == 0)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func aDisputedOrdersMilestonesAreNeverReleasedByTheTimer(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given milestone 1 delivered, then disputed by the buyer, and the seller's answer
            let (clock, mm, order) = try await setUp(app)
            let m = mm.m
            expectOK(try await mm.milestone(order.id, 1, "fund", by: m.buyer))
            expectOK(try await mm.milestone(order.id, 1, "deliver", by: m.seller))
            clock.advance(seconds: Self.hour)
            let dispute = try await mm.dispute(order.id, by: m.buyer)
            #expect(dispute.status == .created, "\(dispute.body.string)")
            clock.advance(seconds: Self.hour)
            expectOK(try await app.send(.POST, "/api/v1/disputes/\(try dispute.decode(DisputeDTO.self).id)/answer", headers: m.seller.bearer,
                                        json: ["message": "Milestone 1 is what we agreed"]))
            // when the reminder and auto-accept delays pass (the arbiter still has days left)
            clock.advance(seconds: 100 * Self.hour)
            let run = try await OrderTimers.runDue(app: app)
            // then nothing is reminded or released: the dispute decides
            #expect(run == .init())
            let after = try await m.show(order.id, by: m.buyer)
            #expect(after.state == "disputed")
            #expect(after.milestones?.map(\.state) == ["delivered", "awaiting_funding"])
            #expect(after.milestones?.first?.autoAcceptAt == nil)
            #expect(try await m.balance(m.seller).availableCents == 0)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == "milestone_acceptance_reminder").count() == 0)
            // and Guild cannot release it by hand either
            let refused = await #expect(throws: ConflictError.self) {
                try await WriteTransaction.run(on: app.db) { tx in
                    _ = try await MilestoneWorkflow.step(.accept, orderID: order.id, index: 0, by: .system, services: OrderServices(app: app), on: tx)
                }
            }
            #expect(refused?.message.contains("disputed") == true)
            // and the order page does not promise an automatic acceptance while the dispute is open
            let browser = PageSession(app)
            _ = try await browser.post("/login", form: ["email": m.buyer.email, "password": "correct horse battery"])
            #expect(!(try await browser.get("/orders/\(order.id)").body.string.contains("data-testid=\"milestone-auto-accept\"")))
            try await m.expectLedgerSound()
        }
    }
}
