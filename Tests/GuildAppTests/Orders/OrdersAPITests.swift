// The orders API end to end: every step, illegal steps, fees, cancellations, disputes, visibility, balance and payouts.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct OrdersAPITests {
    @Test(arguments: TestDatabase.all)
    func orderFundDeliverAcceptPaysSellerNetAndPlatformFee(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a buyer and a seller's gig
            let m = try await Market.make(app)
            // when the buyer orders the Basic package
            let order = try await m.place()
            // then price, fee (5%) and net are shown and nothing is paid yet
            #expect(order.state == "awaiting_payment")
            #expect(order.priceCents == 10_000 && order.feeCents == 500 && order.netCents == 9_500)
            #expect(order.allowedEvents.contains("fund"))
            // when the buyer pays, the seller delivers and the buyer accepts
            let funded = try await m.step("fund", order.id, by: m.buyer)
            #expect(funded.status == .ok)
            #expect(try funded.decode(OrderDTO.self).state == "in_progress")
            #expect(try await m.balance(m.buyer).inEscrowAsBuyerCents == 10_000)
            #expect(try await m.balance(m.seller).pendingReleaseAsSellerCents == 9_500)
            let delivered = try await m.step("deliver", order.id, by: m.seller, json: DeliverRequest(message: "Final files", links: ["https://example.org/logo.zip"]))
            #expect(try delivered.decode(OrderDTO.self).state == "delivered")
            let accepted = try await m.step("accept", order.id, by: m.buyer)
            #expect(accepted.status == .ok)
            // then the order is completed, the seller has the net and the platform the fee
            let done = try await m.show(order.id, by: m.seller)
            #expect(done.state == "completed")
            #expect(done.history?.map(\.event) == ["place", "fund", "deliver", "accept"])
            #expect(done.deliveries?.first?.links == ["https://example.org/logo.zip"])
            let sellerBalance = try await m.balance(m.seller)
            #expect(sellerBalance.availableCents == 9_500)
            #expect(sellerBalance.pendingReleaseAsSellerCents == 0)
            #expect(try await m.balance(m.buyer).availableCents == 0)
            #expect(try await m.balance(m.buyer).inEscrowAsBuyerCents == 0)
            #expect(try await LedgerStore.balance(of: .platformRevenue, on: app.db) == 500)
            #expect(try await LedgerStore.balance(of: .escrow, on: app.db) == 0)
            // and the seller's record counts a completed, on-time order with its net earnings
            let stats = try #require(try await SellerStatsRecord.find(m.seller.id, on: app.db))
            #expect(stats.completedOrders == 1 && stats.earnedCents == 9_500)
            #expect(stats.onTimeDelivered == 1 && stats.deliveredTotal == 1)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func feeInForceWhenOrderedIsTheOneApplied(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an order placed at 5%
            let m = try await Market.make(app)
            let order = try await m.place()
            // when the operator raises the fee to 10% before the order is paid and accepted
            app.guild.payments.feeBasisPoints = 1_000
            try await m.step("fund", order.id, by: m.buyer)
            try await m.step("deliver", order.id, by: m.seller, json: ["message": "Done"])
            try await m.step("accept", order.id, by: m.buyer)
            // then this order still pays the seller price − 5%
            #expect(try await m.balance(m.seller).availableCents == 9_500)
            #expect(try await LedgerStore.balance(of: .platformRevenue, on: app.db) == 500)
            // and a new order quotes the new fee
            let second = try await m.place()
            #expect(second.feeBasisPoints == 1_000 && second.feeCents == 1_000 && second.netCents == 9_000)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func illegalStepsAre409NamingTheState(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.place()
            // accept before anything was delivered
            let early = try await m.step("accept", order.id, by: m.buyer)
            #expect(early.status == .conflict)
            #expect(early.errorBody?.code == "illegal_transition")
            #expect(early.errorBody?.message.contains("awaiting_payment") == true)
            // deliver before payment
            let unpaid = try await m.step("deliver", order.id, by: m.seller, json: ["message": "x"])
            #expect(unpaid.status == .conflict)
            #expect(unpaid.errorBody?.message.contains("awaiting_payment") == true)
            // the seller cannot pay
            let sellerFunds = try await m.step("fund", order.id, by: m.seller)
            #expect(sellerFunds.status == .conflict)
            #expect(sellerFunds.errorBody?.code == "forbidden_actor")
            // once paid, paying again is illegal and names in_progress
            #expect(try await m.step("fund", order.id, by: m.buyer).status == .ok)
            let twice = try await m.step("fund", order.id, by: m.buyer)
            #expect(twice.status == .conflict)
            #expect(twice.errorBody?.message.contains("in_progress") == true)
            // the buyer cannot deliver; a revision needs a delivery
            #expect(try await m.step("deliver", order.id, by: m.buyer, json: ["message": "x"]).errorBody?.code == "forbidden_actor")
            #expect(try await m.step("revisions", order.id, by: m.buyer).status == .conflict)
            // a delivery without a message is a 422 naming it, and changes nothing
            let empty = try await m.step("deliver", order.id, by: m.seller, json: ["message": "  "])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.errorBody?.field == "message")
            #expect(try await m.show(order.id, by: m.buyer).state == "in_progress")
            // and only one hold exists
            #expect(try await HoldRecord.query(on: app.db).count() == 1)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func revisionsUpToThePackageThenNoMore(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a delivered Basic order (1 revision)
            let m = try await Market.make(app)
            let order = try await m.delivered()
            // when the buyer asks for a revision, it goes back to work
            let revised = try await m.step("revisions", order.id, by: m.buyer, json: ["message": "Bigger letters"])
            #expect(try revised.decode(OrderDTO.self).state == "in_progress")
            #expect(try revised.decode(OrderDTO.self).revisionsUsed == 1)
            // then after the next delivery, a second revision is refused
            try await m.step("deliver", order.id, by: m.seller, json: ["message": "v2"])
            let again = try await m.step("revisions", order.id, by: m.buyer)
            #expect(again.status == .conflict)
            #expect(again.errorBody?.code == "revision_limit_reached")
            #expect(try await m.show(order.id, by: m.buyer).state == "delivered")
        }
    }

    @Test(arguments: TestDatabase.all)
    func mutualCancellationRefundsAndNeverCountsAgainstSeller(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a paid order
            let m = try await Market.make(app)
            let order = try await m.place()
            try await m.step("fund", order.id, by: m.buyer)
            // when the seller proposes to cancel, the order goes on until the buyer agrees
            let proposed = try await m.step("cancellation", order.id, by: m.seller, json: ["reason": "I fell ill"])
            #expect(try proposed.decode(OrderDTO.self).state == "in_progress")
            #expect(try proposed.decode(OrderDTO.self).cancellationProposedBy == "seller")
            // the proposer cannot accept their own proposal
            let own = try await m.step("cancellation/accept", order.id, by: m.seller)
            #expect(own.status == .conflict && own.errorBody?.code == "forbidden_actor")
            // when the buyer agrees
            let agreed = try await m.step("cancellation/accept", order.id, by: m.buyer)
            #expect(agreed.status == .ok)
            // then the buyer has the full price back and the seller's record shows a mutual cancellation only
            #expect(try agreed.decode(OrderDTO.self).state == "cancelled")
            #expect(try agreed.decode(OrderDTO.self).cancellationKind == "mutual")
            #expect(try await m.balance(m.buyer).availableCents == 10_000)
            let stats = try #require(try await SellerStatsRecord.find(m.seller.id, on: app.db))
            #expect(stats.mutualCancellations == 1 && stats.sellerCancellations == 0)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func sellerCancellingAloneRefundsAndCounts(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.place()
            try await m.step("fund", order.id, by: m.buyer)
            // when the seller cancels paid work alone
            let res = try await m.step("cancellation/decline", order.id, by: m.seller)
            // then the buyer is refunded and it counts against the seller
            #expect(try res.decode(OrderDTO.self).cancellationKind == "seller")
            #expect(try await m.balance(m.buyer).availableCents == 10_000)
            let stats = try #require(try await SellerStatsRecord.find(m.seller.id, on: app.db))
            #expect(stats.sellerCancellations == 1 && stats.mutualCancellations == 0)
            // and a buyer withdrawing an unpaid order cancels it at once, without money
            let unpaid = try await m.place()
            let withdrawn = try await m.step("cancellation", unpaid.id, by: m.buyer)
            #expect(try withdrawn.decode(OrderDTO.self).state == "cancelled")
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func disputeIsOpenedAndAnArbiterSplitsTheEscrow(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a delivered order and an arbiter
            let m = try await Market.make(app)
            let order = try await m.delivered()
            let judge = try await app.member("Judy Arbiter")
            try await app.makeArbiter(judge)
            // when the buyer opens a dispute
            let opened = try await m.step("disputes", order.id, by: m.buyer, json: ["reason": "Only two of three concepts"])
            #expect(opened.status == .created)
            let dispute = try opened.decode(DisputeDTO.self)
            #expect(dispute.state == "open" && dispute.openedBy == "buyer")
            #expect(try await m.show(order.id, by: m.buyer).state == "disputed")
            // a party cannot resolve it
            var partyHeaders = m.seller.bearer
            partyHeaders.add(name: "Idempotency-Key", value: "r1")
            let byParty = try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/resolution", headers: partyHeaders, json: ["sellerCents": 10_000, "buyerCents": 0])
            #expect(byParty.status == .forbidden)
            // parts that do not add up are a 422 naming sellerCents
            var headers = judge.bearer
            headers.add(name: "Idempotency-Key", value: "bad")
            let bad = try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/resolution", headers: headers, json: ["sellerCents": 6_000, "buyerCents": 3_000])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.errorBody?.field == "sellerCents")
            // when the arbiter splits 60/40
            headers.replaceOrAdd(name: "Idempotency-Key", value: "split-1")
            let resolved = try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/resolution", headers: headers, json: ["sellerCents": 6_000, "buyerCents": 4_000])
            #expect(resolved.status == .ok, "\(resolved.body.string)")
            // then the seller gets 6,000 − 5% and the buyer 4,000 back
            #expect(try resolved.decode(DisputeDTO.self).state == "resolved")
            #expect(try await m.balance(m.seller).availableCents == 5_700)
            #expect(try await m.balance(m.buyer).availableCents == 4_000)
            #expect(try await LedgerStore.balance(of: .platformRevenue, on: app.db) == 300)
            #expect(try await m.show(order.id, by: m.buyer).state == "resolved")
            // and the arbiter can read it
            #expect(try await app.send(.GET, "/api/v1/disputes/\(dispute.id)", headers: judge.bearer).status == .ok)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func membersCannotSeeOrActOnOthersOrders(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an order between two members and a third member
            let m = try await Market.make(app)
            let order = try await m.delivered()
            let carol = try await app.member("Carol")
            // then the third member gets 404 reading it and acting on it
            #expect(try await app.send(.GET, "/api/v1/orders/\(order.id)", headers: carol.bearer).status == .notFound)
            #expect(try await m.step("accept", order.id, by: carol).status == .notFound)
            #expect(try await m.step("cancellation", order.id, by: carol).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/orders/\(order.id)").status == .unauthorized)
            // and their list is empty, while both parties see it
            #expect(try await app.send(.GET, "/api/v1/orders", headers: carol.bearer).decode(OrderListDTO.self).orders.isEmpty)
            #expect(try await app.send(.GET, "/api/v1/orders", headers: m.seller.bearer).decode(OrderListDTO.self).orders.map(\.id) == [order.id])
            #expect(try await app.send(.GET, "/api/v1/orders", headers: m.buyer.bearer).decode(OrderListDTO.self).orders.map(\.id) == [order.id])
            // and the order is unchanged
            #expect(try await m.show(order.id, by: m.buyer).state == "delivered")
        }
    }

    @Test(arguments: TestDatabase.all)
    func orderRequestsAreValidated(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let missing = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: ["package": "Basic"])
            #expect(missing.status == .unprocessableEntity && missing.errorBody?.field == "gigId")
            let wrong = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: ["gigId": m.gigID.uuidString, "package": "Gold"])
            #expect(wrong.status == .unprocessableEntity && wrong.errorBody?.field == "package")
            let own = try await app.send(.POST, "/api/v1/orders", headers: m.seller.bearer, json: ["gigId": m.gigID.uuidString, "package": "Basic"])
            #expect(own.status == .unprocessableEntity && own.errorBody?.field == "gigId")
            let malformed = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, raw: "{\"gigId\": ")
            #expect(malformed.status == .badRequest)
            // a gig its seller deleted can no longer be ordered
            let deleted = try await app.send(.DELETE, "/api/v1/gigs/\(m.gigID)", headers: m.seller.bearer)
            #expect(deleted.status == .noContent || deleted.status == .ok)
            let gone = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: ["gigId": m.gigID.uuidString, "package": "Basic"])
            #expect(gone.status == .unprocessableEntity && gone.errorBody?.field == "gigId")
            #expect(try await OrderRecord.query(on: app.db).count() == 0)
        }
    }
}
