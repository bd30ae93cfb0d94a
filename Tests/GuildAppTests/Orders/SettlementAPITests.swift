// Settlements without an arbiter over the API: a proposal, the other side's answer, the money moved as an arbiter's
// resolution would move it, the refusals (422 naming the field, 409, 404), and a settlement racing an arbiter.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

extension Market {
    /// Raw JSON, so that a retry sends the very same bytes.
    func propose(_ order: UUID, by member: TestMember, seller: Int64, buyer: Int64) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/orders/\(order)/settlements", headers: member.bearer,
                           raw: "{\"sellerCents\": \(seller), \"buyerCents\": \(buyer)}")
    }

    func answer(_ settlement: UUID, _ answer: String, by member: TestMember, key: String? = UUID().uuidString) async throws -> TestingHTTPResponse {
        var headers = member.bearer
        if let key { headers.add(name: "Idempotency-Key", value: key) }
        return try await app.send(.POST, "/api/v1/settlements/\(settlement)/\(answer)", headers: headers)
    }

    func settlements(_ order: UUID, by member: TestMember) async throws -> [SettlementDTO] {
        let res = try await app.send(.GET, "/api/v1/orders/\(order)/settlements", headers: member.bearer)
        #expect(res.status == .ok, "\(res.body.string)")
        return try res.decode(SettlementListDTO.self).settlements
    }
}

@Suite struct SettlementAPITests {
    @Test(arguments: TestDatabase.all)
    func aPartialRefundProposedByTheBuyerAndAcceptedByTheSeller(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a delivered 100.00 order and a stranger
            let m = try await Market.make(app)
            let order = try await m.delivered()
            let stranger = try await app.member("Stan Stranger")

            // when the buyer proposes a 60% refund
            let proposed = try await m.propose(order.id, by: m.buyer, seller: 4_000, buyer: 6_000)
            #expect(proposed.status == .created, "\(proposed.body.string)")
            let proposal = try proposed.decode(SettlementDTO.self)
            #expect(proposal.state == "open" && proposal.proposedBy == "buyer" && proposal.sellerCents == 4_000 && proposal.escrowedCents == 10_000)
            // then nothing moved yet, and both sides (not strangers) see it
            #expect(try await m.balance(m.buyer).availableCents == 0)
            #expect(try await m.settlements(order.id, by: m.seller).map(\.id) == [proposal.id])
            #expect(try await app.send(.GET, "/api/v1/orders/\(order.id)/settlements", headers: stranger.bearer).status == .notFound)
            // the proposer cannot accept their own; strangers get 404; accepting needs a key
            let own = try await m.answer(proposal.id, "accept", by: m.buyer)
            #expect(own.status == .conflict && own.errorBody?.code == "own_proposal")
            #expect(try await m.answer(proposal.id, "accept", by: stranger).status == .notFound)
            #expect(try await m.propose(order.id, by: stranger, seller: 0, buyer: 10_000).status == .notFound)
            #expect(try await m.answer(proposal.id, "accept", by: m.seller, key: nil).status == .badRequest)

            // when the seller accepts
            let key = UUID().uuidString
            let accepted = try await m.answer(proposal.id, "accept", by: m.seller, key: key)
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            let result = try accepted.decode(SettlementDTO.self)
            #expect(result.state == "accepted" && result.order?.state == "resolved")

            // then the seller's 40.00 bears the 5% fee on that part, the buyer has 60.00 back, the hold resolved once
            #expect(try await m.balance(m.seller).availableCents == 3_800)
            #expect(try await m.balance(m.buyer).availableCents == 6_000)
            let holds = try await HoldRecord.query(on: app.db).all()
            #expect(holds.count == 1 && holds[0].state == "split")
            // and it never counts against the seller
            let stats = try #require(try await SellerStatsRecord.find(m.seller.id, on: app.db))
            #expect(stats.sellerCancellations == 0 && stats.earnedCents == 3_800)
            let after = try await m.show(order.id, by: m.seller)
            #expect(after.cancellationKind == "settlement")
            #expect(after.history?.map(\.event).suffix(2) == ["propose_settlement", "settle"])
            #expect(after.allowedEvents.isEmpty)

            // a replay answers the same and moves nothing; a new accept is a conflict
            let replay = try await m.answer(proposal.id, "accept", by: m.seller, key: key)
            #expect(replay.status == .ok && replay.headers.first(name: "Idempotent-Replayed") == "true")
            let again = try await m.answer(proposal.id, "accept", by: m.seller)
            #expect(again.status == .conflict && again.errorBody?.code == "settlement_not_open")
            #expect(try await m.propose(order.id, by: m.seller, seller: 10_000, buyer: 0).status == .conflict)
            #expect(try await m.balance(m.seller).availableCents == 3_800)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func splitsThatDoNotAddUpAreRefusedNamingTheFieldAndChangeNothing(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            // an unpaid order has nothing to settle
            let unpaid = try await m.place()
            #expect(try await m.propose(unpaid.id, by: m.buyer, seller: 0, buyer: 10_000).status == .conflict)
            let order = try await m.place()
            try await m.step("fund", order.id, by: m.buyer)

            let over = try await m.propose(order.id, by: m.seller, seller: 8_000, buyer: 8_000)
            #expect(over.status == .unprocessableEntity)
            #expect(over.errorBody?.field == "sellerCents")
            let negative = try await m.propose(order.id, by: m.seller, seller: 10_001, buyer: -1)
            #expect(negative.status == .unprocessableEntity && negative.errorBody?.field == "buyerCents")
            let missing = try await app.send(.POST, "/api/v1/orders/\(order.id)/settlements", headers: m.seller.bearer, raw: "{\"sellerCents\": 100}")
            #expect(missing.status == .unprocessableEntity && missing.errorBody?.field == "buyerCents")

            // nothing was stored, the order goes on
            #expect(try await m.settlements(order.id, by: m.buyer).isEmpty)
            #expect(try await m.show(order.id, by: m.buyer).state == "in_progress")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aNewerProposalReplacesTheOpenOneAndAnswersAreRecorded(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.delivered()
            // the seller proposes, then the buyer counters: the seller's is replaced
            let first = try await m.propose(order.id, by: m.seller, seller: 9_000, buyer: 1_000).decode(SettlementDTO.self)
            let counter = try await m.propose(order.id, by: m.buyer, seller: 5_000, buyer: 5_000).decode(SettlementDTO.self)
            let listed = try await m.settlements(order.id, by: m.buyer)
            #expect(Dictionary(uniqueKeysWithValues: listed.map { ($0.id, $0.state) }) == [first.id: "replaced", counter.id: "open"])
            #expect(try await m.answer(first.id, "accept", by: m.buyer).status == .conflict)
            // only the proposer withdraws
            #expect(try await m.answer(counter.id, "withdraw", by: m.seller, key: nil).status == .conflict)
            let withdrawn = try await m.answer(counter.id, "withdraw", by: m.buyer, key: nil)
            #expect(try withdrawn.status == .ok && withdrawn.decode(SettlementDTO.self).state == "withdrawn")
            // a third proposal, declined: nothing moves and the order goes on
            let third = try await m.propose(order.id, by: m.seller, seller: 7_000, buyer: 3_000).decode(SettlementDTO.self)
            let declined = try await m.answer(third.id, "decline", by: m.buyer, key: nil)
            #expect(try declined.status == .ok && declined.decode(SettlementDTO.self).state == "declined")
            #expect(try await m.answer(third.id, "decline", by: m.buyer, key: nil).status == .conflict)
            let shown = try await m.show(order.id, by: m.buyer)
            #expect(shown.state == "delivered")
            #expect(shown.history?.map(\.event).filter { $0.contains("settlement") } ==
                    ["propose_settlement", "propose_settlement", "withdraw_settlement", "propose_settlement", "decline_settlement"])
            #expect(try await m.balance(m.buyer).availableCents == 0)
            #expect(try await m.balance(m.seller).availableCents == 0)
            // an open proposal lapses when the order ends another way
            let fourth = try await m.propose(order.id, by: m.seller, seller: 7_000, buyer: 3_000).decode(SettlementDTO.self)
            #expect(try await m.step("accept", order.id, by: m.buyer).status == .ok)
            #expect(try await m.settlements(order.id, by: m.seller).first { $0.id == fourth.id }?.state == "lapsed")
            #expect(try await m.answer(fourth.id, "accept", by: m.buyer).status == .conflict)
            #expect(try await m.balance(m.seller).availableCents == 9_500)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSettlementClosesTheOpenDispute(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.delivered()
            let opened = try await app.send(.POST, "/api/v1/orders/\(order.id)/disputes", headers: m.buyer.bearer, json: ["reason": "Not the agreed colours"])
            let dispute = try opened.decode(DisputeDTO.self)
            // when the seller offers half back and the buyer accepts
            let proposal = try await m.propose(order.id, by: m.seller, seller: 5_000, buyer: 5_000).decode(SettlementDTO.self)
            #expect(try await m.answer(proposal.id, "accept", by: m.buyer).status == .ok)
            // then the dispute is closed with the settlement as its outcome, without an arbiter
            let closed = try await app.send(.GET, "/api/v1/disputes/\(dispute.id)", headers: m.buyer.bearer).decode(DisputeDTO.self)
            #expect(closed.state == "resolved" && closed.outcomeReason == "settlement" && closed.sellerCents == 5_000)
            #expect(try await m.balance(m.seller).availableCents == 4_750)
            #expect(try await m.balance(m.buyer).availableCents == 5_000)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func onAMilestoneOrderOnlyTheEscrowedMilestonesAreDivided(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given milestone 1 (400.00) released and milestone 2 (600.00) funded and delivered
            let mm = try await MilestoneMarket.make(app)
            let m = mm.m
            let order = try await mm.place()
            #expect(try await mm.milestone(order.id, 1, "fund", by: m.buyer).status == .ok)
            // an open proposal lapses when the escrow changes
            let stale = try await m.propose(order.id, by: m.seller, seller: 40_000, buyer: 0).decode(SettlementDTO.self)
            #expect(try await mm.milestone(order.id, 1, "accept", by: m.buyer).status == .ok)
            #expect(try await m.answer(stale.id, "accept", by: m.buyer).status == .conflict)
            #expect(try await mm.milestone(order.id, 2, "fund", by: m.buyer).status == .ok)
            #expect(try await mm.milestone(order.id, 2, "deliver", by: m.seller).status == .ok)
            // a split of the whole order price is refused: only 600.00 is in escrow
            let whole = try await m.propose(order.id, by: m.buyer, seller: 50_000, buyer: 50_000)
            #expect(whole.status == .unprocessableEntity && whole.body.string.contains("60000"))
            // when the buyer proposes 200.00 / 400.00 and the seller accepts
            let proposal = try await m.propose(order.id, by: m.buyer, seller: 20_000, buyer: 40_000).decode(SettlementDTO.self)
            #expect(proposal.escrowedCents == 60_000)
            let accepted = try await m.answer(proposal.id, "accept", by: m.seller)
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            // then milestone 2 is split, milestone 1 stays paid
            let after = try await m.show(order.id, by: m.seller)
            #expect(after.state == "resolved" && after.milestones?.map(\.state) == ["released", "split"])
            #expect(try await m.balance(m.seller).availableCents == 38_000 + 19_000)
            #expect(try await m.balance(m.buyer).availableCents == 40_000)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSettlementRacingAnArbitersResolutionHasOneWinner(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            var winners: Set<String> = []
            for round in 0..<6 {
                // given a disputed order with an open proposal
                let order = try await m.delivered()
                let dispute = try await app.send(.POST, "/api/v1/orders/\(order.id)/disputes", headers: m.buyer.bearer,
                                                 json: ["reason": "Round \(round)"]).decode(DisputeDTO.self)
                let proposal = try await m.propose(order.id, by: m.seller, seller: 3_000, buyer: 7_000).decode(SettlementDTO.self)
                // when the buyer accepts while the arbiter resolves, at the same moment
                async let settle = m.answer(proposal.id, "accept", by: m.buyer)
                async let resolve = app.send(.POST, "/api/v1/disputes/\(dispute.id)/resolution",
                                             headers: arbiter.bearer.adding("Idempotency-Key", UUID().uuidString),
                                             raw: "{\"sellerCents\": 10000, \"buyerCents\": 0}")
                let (s, r) = try await (settle, resolve)
                // then exactly one wins and the other is a conflict
                #expect([s.status, r.status].sorted { $0.code < $1.code } == [.ok, .conflict], "\(s.status) \(s.body.string) / \(r.status) \(r.body.string)")
                let closed = try await app.send(.GET, "/api/v1/disputes/\(dispute.id)", headers: m.buyer.bearer).decode(DisputeDTO.self)
                let stored = try await m.settlements(order.id, by: m.buyer)[0]
                if s.status == .ok {
                    winners.insert("settlement")
                    #expect(closed.outcomeReason == "settlement" && closed.sellerCents == 3_000 && stored.state == "accepted")
                } else {
                    winners.insert("arbiter")
                    #expect(closed.outcomeReason == "arbiter_decision" && closed.sellerCents == 10_000 && stored.state == "lapsed")
                }
                let holds = try await HoldRecord.query(on: app.db).filter(\.$orderID == order.id).all()
                #expect(holds.count == 1 && holds[0].state != "open")
                try await m.expectLedgerSound()
            }
            #expect(!winners.isEmpty)
        }
    }
}
