// Disputes on milestone orders over the API: only the escrowed milestones are at stake, the arbiter's split is spread
// over them once, the published default applies by timer, and milestone funding under the manual provider.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

/// A two-milestone custom order: Design 400.00 then Build 600.00.
struct MilestoneMarket {
    let m: Market
    var app: Application { m.app }

    static func make(_ app: Application) async throws -> MilestoneMarket { MilestoneMarket(m: try await Market.make(app)) }

    func place(now: Date = Date(), title: String = "Shop website") async throws -> OrderDTO {
        let plan = MilestoneOrderTests.Plan(sellerId: m.seller.id, title: title, milestones: [
            MilestoneInput(title: "Design", amountCents: 40_000, dueDate: now.addingTimeInterval(7 * 86_400)),
            MilestoneInput(title: "Build", amountCents: 60_000, dueDate: now.addingTimeInterval(21 * 86_400)),
        ])
        let res = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: plan)
        #expect(res.status == .created, "\(res.body.string)")
        return try res.decode(OrderDTO.self)
    }

    @discardableResult
    func milestone(_ order: UUID, _ n: Int, _ action: String, by member: TestMember, key: String? = UUID().uuidString,
                   sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        let res = try await m.step("milestones/\(n)/\(action)", order, by: member, key: action == "deliver" ? nil : key)
        return res
    }

    func dispute(_ order: UUID, by member: TestMember, reason: String = "The build is not what we agreed") async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/orders/\(order)/disputes", headers: member.bearer, json: ["reason": reason])
    }

    /// Raw JSON, so that a retry sends the very same bytes (the key's fingerprint covers the body).
    func resolve(_ dispute: UUID, by member: TestMember, seller: Int64, buyer: Int64, key: String = UUID().uuidString) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/disputes/\(dispute)/resolution", headers: member.bearer.adding("Idempotency-Key", key),
                           raw: "{\"sellerCents\": \(seller), \"buyerCents\": \(buyer)}")
    }
}

@Suite struct MilestoneDisputeAPITests {
    @Test(arguments: TestDatabase.all)
    func arbiterSplitsWhatIsInEscrowAndReleasedMilestonesStayPaid(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given milestone 1 released (seller has 38,000) and milestone 2 funded and delivered
            let mm = try await MilestoneMarket.make(app)
            let m = mm.m
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            let order = try await mm.place()
            #expect(try await mm.milestone(order.id, 1, "fund", by: m.buyer).status == .ok)
            #expect(try await mm.milestone(order.id, 1, "accept", by: m.buyer).status == .ok)
            #expect(try await mm.milestone(order.id, 2, "fund", by: m.buyer).status == .ok)
            #expect(try await mm.milestone(order.id, 2, "deliver", by: m.seller).status == .ok)
            #expect(try await m.show(order.id, by: m.buyer).allowedEvents.contains("open_dispute"))

            // when the buyer opens a dispute
            let opened = try await mm.dispute(order.id, by: m.buyer)
            #expect(opened.status == .created, "\(opened.body.string)")
            let dispute = try opened.decode(DisputeDTO.self)
            #expect(dispute.order?.state == "disputed")
            // then milestone steps stop while it is open
            #expect(try await mm.milestone(order.id, 2, "accept", by: m.buyer).status == .conflict)
            // and the seller answers
            let answered = try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/answer", headers: m.seller.bearer,
                                              json: ["message": "It is exactly the agreed build"])
            #expect(answered.status == .ok)

            // a split that does not add up to the 60,000 in escrow is refused, naming the field, and moves nothing
            let wrong = try await mm.resolve(dispute.id, by: arbiter, seller: 50_000, buyer: 50_000)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.errorBody?.field == "sellerCents")
            #expect(wrong.body.string.contains("60000"))
            // only an arbiter resolves
            #expect(try await mm.resolve(dispute.id, by: m.buyer, seller: 0, buyer: 60_000).status == .forbidden)
            #expect(try await m.balance(m.buyer).availableCents == 0)

            // when the arbiter gives the seller 20,000 and the buyer 40,000
            let key = UUID().uuidString
            let resolved = try await mm.resolve(dispute.id, by: arbiter, seller: 20_000, buyer: 40_000, key: key)
            #expect(resolved.status == .ok, "\(resolved.body.string)")
            let result = try resolved.decode(DisputeDTO.self)
            #expect(result.state == "resolved" && result.sellerCents == 20_000 && result.buyerCents == 40_000)
            #expect(result.outcomeReason == "arbiter_decision")

            // then milestone 2 is split, milestone 1 untouched; the seller's part bears 5% (1,000)
            let after = try await m.show(order.id, by: m.seller)
            #expect(after.state == "resolved")
            #expect(after.milestones?.map(\.state) == ["released", "split"])
            #expect(try await m.balance(m.seller).availableCents == 38_000 + 19_000)
            #expect(try await m.balance(m.buyer).availableCents == 40_000)
            let holds = try await HoldRecord.query(on: app.db).all()
            #expect(holds.count == 2 && holds.allSatisfy { $0.state != "open" })
            let stats = try #require(try await SellerStatsRecord.find(m.seller.id, on: app.db))
            #expect(stats.earnedCents == 57_000)

            // a replay answers the same and moves nothing again; a second resolution is a conflict
            let replay = try await mm.resolve(dispute.id, by: arbiter, seller: 20_000, buyer: 40_000, key: key)
            #expect(replay.status == .ok && replay.headers.first(name: "Idempotent-Replayed") == "true", "\(replay.status) \(replay.body.string)")
            #expect(try await mm.resolve(dispute.id, by: arbiter, seller: 0, buyer: 60_000).status == .conflict)
            #expect(try await m.balance(m.buyer).availableCents == 40_000)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func noEscrowedMoneyMeansNoDispute(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let mm = try await MilestoneMarket.make(app)
            let m = mm.m
            let order = try await mm.place()
            // nothing paid yet: the order state forbids it, and the message names the state
            let unpaid = try await mm.dispute(order.id, by: m.buyer)
            #expect(unpaid.status == .conflict)
            #expect(unpaid.body.string.contains("awaiting_payment"))
            // milestone 1 released, milestone 2 not funded: in progress, but nothing in escrow
            try await mm.milestone(order.id, 1, "fund", by: m.buyer)
            try await mm.milestone(order.id, 1, "accept", by: m.buyer)
            let shown = try await m.show(order.id, by: m.buyer)
            #expect(shown.state == "in_progress")
            #expect(!shown.allowedEvents.contains("open_dispute"))
            // the orders list offers the same actions as the order itself
            let list = try await app.send(.GET, "/api/v1/orders", headers: m.buyer.bearer).decode(OrderListDTO.self)
            let listed = try #require(list.orders.first { $0.id == order.id })
            #expect(!listed.allowedEvents.contains("open_dispute") && listed.allowedEvents == shown.allowedEvents)
            for member in [m.buyer, m.seller] {
                let res = try await mm.dispute(order.id, by: member)
                #expect(res.status == .conflict)
                #expect(res.errorBody?.code == "no_escrow")
                #expect(res.body.string.contains("in_progress") && res.body.string.contains("1: released"))
            }
            // a reason is still required first, naming the field
            let blank = try await mm.dispute(order.id, by: m.buyer, reason: " ")
            #expect(blank.status == .unprocessableEntity && blank.errorBody?.field == "reason")
            #expect(try await DisputeRecord.query(on: app.db).count() == 0)
            // a stranger learns nothing
            let carol = try await app.member("Carol")
            #expect(try await mm.dispute(order.id, by: carol).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func thePublishedDefaultAppliesToMilestoneOrdersByTimer(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a fixed clock; milestone 1 delivered, milestone 2 funded but not delivered
            let clock = GuildClock(fixed: Date(timeIntervalSince1970: 1_800_000_000))
            app.clock = clock
            let mm = try await MilestoneMarket.make(app)
            let m = mm.m
            let order = try await mm.place(now: clock.now())
            try await mm.milestone(order.id, 1, "fund", by: m.buyer)
            try await mm.milestone(order.id, 1, "deliver", by: m.seller)
            try await mm.milestone(order.id, 2, "fund", by: m.buyer)
            // when the buyer disputes and the seller answers, and no arbiter decides
            let dispute = try await mm.dispute(order.id, by: m.buyer).decode(DisputeDTO.self)
            clock.advance(seconds: 3_600)
            #expect(try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/answer", headers: m.seller.bearer,
                                       json: ["message": "Milestone 1 is done"]).status == .ok)
            clock.advance(seconds: 7 * 86_400 - 1)
            #expect(try await OrderTimers.runDue(app: app).disputesDecided == 0)
            clock.advance(seconds: 1)
            #expect(try await OrderTimers.runDue(app: app).disputesDecided == 1)
            // then delivered work stays paid and the undelivered milestone returns to the buyer
            let after = try await m.show(order.id, by: m.buyer)
            #expect(after.state == "resolved")
            #expect(after.milestones?.map(\.state) == ["released", "refunded"])
            #expect(after.history?.last?.actor == "system")
            #expect(try await m.balance(m.seller).availableCents == 38_000)
            #expect(try await m.balance(m.buyer).availableCents == 60_000)
            let stored = try #require(try await DisputeRecord.find(dispute.id, on: app.db))
            #expect(stored.outcomeReason == "delivered_work_stands_without_decision" && stored.sellerCents == 40_000 && stored.buyerCents == 60_000)
            #expect(try await OrderTimers.runDue(app: app).disputesDecided == 0)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSilentSellerLosesTheBuyersMilestoneDispute(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let clock = GuildClock(fixed: Date(timeIntervalSince1970: 1_800_000_000))
            app.clock = clock
            let mm = try await MilestoneMarket.make(app)
            let m = mm.m
            let order = try await mm.place(now: clock.now())
            try await mm.milestone(order.id, 1, "fund", by: m.buyer)
            try await mm.milestone(order.id, 1, "deliver", by: m.seller)
            _ = try await mm.dispute(order.id, by: m.buyer)
            clock.advance(seconds: 72 * 3_600)
            #expect(try await OrderTimers.runDue(app: app).disputesDecided == 1)
            #expect(try await m.show(order.id, by: m.buyer).milestones?.map(\.state) == ["refunded", "awaiting_funding"])
            #expect(try await m.balance(m.buyer).availableCents == 40_000)
            #expect(try await m.balance(m.seller).availableCents == 0)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func manualProviderMilestoneFundingWaitsForTheAdmin(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given the manual provider, an admin and a milestone order
            app.paymentProvider = ManualPaymentProvider()
            let mm = try await MilestoneMarket.make(app)
            let m = mm.m
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let order = try await mm.place()
            // the whole-order fund step does not apply to a milestone order
            #expect(try await m.step("fund", order.id, by: m.buyer).errorBody?.code == "use_milestones")
            // when the buyer funds milestone 1, a bank transfer for its amount is announced and nothing moves
            let key = UUID().uuidString
            let announced = try await mm.milestone(order.id, 1, "fund", by: m.buyer, key: key)
            #expect(announced.status == .accepted, "\(announced.body.string)")
            let deposit = try announced.decode(DepositDTO.self)
            #expect(deposit.amountCents == 40_000 && deposit.milestone == 1 && deposit.reference == deposit.id.uuidString.lowercased())
            #expect(deposit.instructions.contains("$400.00") && deposit.instructions.contains(deposit.reference))
            #expect(try await mm.milestone(order.id, 1, "fund", by: m.buyer, key: key).status == .accepted)
            #expect(try await DepositRecord.query(on: app.db).count() == 1)
            #expect(try await LedgerTransferRecord.query(on: app.db).count() == 0)
            #expect(try await m.show(order.id, by: m.buyer).milestones?.first?.state == "awaiting_funding")
            // the admin sees it with its milestone
            let listed = try await app.send(.GET, "/api/v1/admin/deposits", headers: admin.bearer).decode([DepositDTO].self)
            #expect(listed.map(\.milestone) == [1])
            // when the admin confirms: milestone 1 is funded, once
            #expect(try await app.send(.POST, "/api/v1/admin/deposits/\(deposit.id)/confirm", headers: admin.bearer).status == .ok)
            let funded = try await m.show(order.id, by: m.buyer)
            #expect(funded.state == "in_progress" && funded.milestones?.map(\.state) == ["funded", "awaiting_funding"])
            let again = try await app.send(.POST, "/api/v1/admin/deposits/\(deposit.id)/confirm", headers: admin.bearer)
            #expect(again.status == .conflict && again.errorBody?.code == "deposit_already_confirmed")
            #expect(try await m.balance(m.buyer).inEscrowAsBuyerCents == 40_000)
            // and a funded milestone cannot be announced again
            #expect(try await mm.milestone(order.id, 1, "fund", by: m.buyer).status == .conflict)
            // the rest of the milestone works as usual
            try await mm.milestone(order.id, 1, "deliver", by: m.seller)
            #expect(try await mm.milestone(order.id, 1, "accept", by: m.buyer).status == .ok)
            #expect(try await m.balance(m.seller).availableCents == 38_000)
            try await m.expectLedgerSound()
        }
    }
}
