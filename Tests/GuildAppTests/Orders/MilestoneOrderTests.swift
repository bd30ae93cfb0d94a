// Custom orders paid in milestones: each milestone funded, delivered and released on its own.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct MilestoneOrderTests {
    struct Plan: Encodable, Sendable {
        var sellerId: UUID
        var title: String
        var milestones: [MilestoneInput]
    }

    func plan(_ m: Market, now: Date = Date()) -> Plan {
        Plan(sellerId: m.seller.id, title: "Shop website", milestones: [
            MilestoneInput(title: "Design", amountCents: 40_000, dueDate: now.addingTimeInterval(7 * 86_400)),
            MilestoneInput(title: "Build", amountCents: 60_000, dueDate: now.addingTimeInterval(21 * 86_400)),
        ])
    }

    func milestone(_ m: Market, _ order: UUID, _ n: Int, _ action: String, by member: TestMember, key: String? = UUID().uuidString) async throws -> TestingHTTPResponse {
        try await m.step("milestones/\(n)/\(action)", order, by: member, key: key)
    }

    @Test(arguments: TestDatabase.all)
    func eachMilestoneIsFundedDeliveredAndReleasedOnItsOwn(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a custom order of two milestones
            let m = try await Market.make(app)
            let created = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: plan(m))
            #expect(created.status == .created, "\(created.body.string)")
            let order = try created.decode(OrderDTO.self)
            #expect(order.kind == "custom" && order.priceCents == 100_000 && order.milestones?.count == 2)
            // the package steps do not apply
            #expect(try await m.step("fund", order.id, by: m.buyer).errorBody?.code == "use_milestones")
            // when the first milestone is funded, delivered and accepted
            #expect(try await milestone(m, order.id, 1, "fund", by: m.buyer).status == .ok)
            #expect(try await m.show(order.id, by: m.buyer).state == "in_progress")
            #expect(try await milestone(m, order.id, 1, "accept", by: m.seller).errorBody?.code == "forbidden_actor")
            #expect(try await milestone(m, order.id, 1, "deliver", by: m.seller, key: nil).status == .ok)
            #expect(try await milestone(m, order.id, 1, "accept", by: m.buyer).status == .ok)
            // then the seller is paid for it at once, while the order goes on
            #expect(try await m.balance(m.seller).availableCents == 38_000)
            let mid = try await m.show(order.id, by: m.buyer)
            #expect(mid.state == "in_progress")
            #expect(mid.milestones?.map(\.state) == ["released", "awaiting_funding"])
            // a released milestone cannot be accepted again; the second cannot be delivered before it is funded
            #expect(try await milestone(m, order.id, 1, "accept", by: m.buyer).status == .conflict)
            #expect(try await milestone(m, order.id, 2, "deliver", by: m.seller, key: nil).status == .conflict)
            // when the second milestone completes
            try await milestone(m, order.id, 2, "fund", by: m.buyer)
            try await milestone(m, order.id, 2, "deliver", by: m.seller, key: nil)
            try await milestone(m, order.id, 2, "accept", by: m.buyer)
            // then the order is completed and the seller has both nets
            let done = try await m.show(order.id, by: m.seller)
            #expect(done.state == "completed")
            #expect(try await m.balance(m.seller).availableCents == 95_000)
            let stats = try #require(try await SellerStatsRecord.find(m.seller.id, on: app.db))
            #expect(stats.completedOrders == 1 && stats.earnedCents == 95_000)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func cancellingRefundsFundedMilestonesAndReleasedOnesStayPaid(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a milestone order with the first released and the second funded
            let m = try await Market.make(app)
            let order = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: plan(m)).decode(OrderDTO.self)
            try await milestone(m, order.id, 1, "fund", by: m.buyer)
            try await milestone(m, order.id, 1, "accept", by: m.buyer)
            try await milestone(m, order.id, 2, "fund", by: m.buyer)
            // when both sides agree to cancel
            try await m.step("cancellation", order.id, by: m.buyer)
            let agreed = try await m.step("cancellation/accept", order.id, by: m.seller)
            #expect(agreed.status == .ok, "\(agreed.body.string)")
            // then the second milestone is refunded and the first stays paid
            #expect(try await m.balance(m.buyer).availableCents == 60_000)
            #expect(try await m.balance(m.seller).availableCents == 38_000)
            let after = try await m.show(order.id, by: m.buyer)
            #expect(after.state == "cancelled")
            #expect(after.milestones?.map(\.state) == ["released", "refunded"])
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func milestonePlansAreValidatedNamingTheField(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            var bad = plan(m)
            bad.milestones[1].amountCents = 0
            bad.milestones[0].dueDate = Date().addingTimeInterval(-60)
            let res = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: bad)
            #expect(res.status == .unprocessableEntity)
            #expect(res.errorBody?.field == "milestones[0].dueDate")
            #expect(res.body.string.contains("milestones[1].amountCents"))
            var own = plan(m)
            own.sellerId = m.buyer.id
            #expect(try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: own).errorBody?.field == "sellerId")
            #expect(try await OrderRecord.query(on: app.db).count() == 0)
        }
    }
}
