// Idempotent replays, provider failures, concurrency, payouts, the ledger statement and manual bank transfers.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct MoneySafetyTests {
    @Test(arguments: TestDatabase.all)
    func sameKeySameBodyReplaysAndMovesMoneyOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an unpaid order
            let m = try await Market.make(app)
            let order = try await m.place()
            // when the buyer sends the same fund request twice with one key
            let first = try await m.step("fund", order.id, by: m.buyer, key: "fund-once")
            let second = try await m.step("fund", order.id, by: m.buyer, key: "fund-once")
            // then both answers are the first one, word for word, and one hold exists
            #expect(first.status == .ok && second.status == .ok)
            #expect(first.body.string == second.body.string)
            #expect(second.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await HoldRecord.query(on: app.db).count() == 1)
            #expect(try await m.balance(m.buyer).inEscrowAsBuyerCents == 10_000)
            // and even after the order moved on, the replay still answers with the first response
            try await m.step("deliver", order.id, by: m.seller, json: ["message": "Done"])
            let later = try await m.step("fund", order.id, by: m.buyer, key: "fund-once")
            #expect(later.status == .ok && later.body.string == first.body.string)
            // the same key with another request is a 422 naming the header, and moves nothing
            let other = try await m.step("accept", order.id, by: m.buyer, key: "fund-once")
            #expect(other.status == .unprocessableEntity)
            #expect(other.errorBody?.field == "Idempotency-Key")
            #expect(try await m.show(order.id, by: m.buyer).state == "delivered")
            // keys are the member's own: the seller may use the same string
            let sellerPayout = try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "fund-once"), json: ["amountCents": 5_000])
            #expect(sellerPayout.status == .unprocessableEntity)
            #expect(sellerPayout.errorBody?.field == "amountCents")
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func missingKeyOnAMoneyStepIs400NamingTheHeader(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.place()
            let res = try await m.step("fund", order.id, by: m.buyer, key: nil)
            #expect(res.status == .badRequest)
            #expect(res.errorBody?.message.contains("Idempotency-Key") == true)
            #expect(try await m.show(order.id, by: m.buyer).state == "awaiting_payment")
            let payout = try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer, json: ["amountCents": 5_000])
            #expect(payout.status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.all)
    func providerFailureMidFundingLeavesNothing(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an order and a sandbox that declines the next charge
            let m = try await Market.make(app)
            let order = try await m.place()
            let sandbox = try #require(app.paymentProvider as? SandboxPaymentProvider)
            sandbox.failNextCharges(1)
            // when the buyer pays
            let failed = try await m.step("fund", order.id, by: m.buyer, key: "k1")
            // then it is a 402 and nothing remains: no hold, no transfer, no balance, no stored answer, same state
            #expect(failed.status == .paymentRequired)
            #expect(failed.errorBody?.code == "payment_failed")
            #expect(try await HoldRecord.query(on: app.db).count() == 0)
            #expect(try await LedgerTransferRecord.query(on: app.db).count() == 0)
            #expect(try await LedgerEntryRecord.query(on: app.db).count() == 0)
            #expect(try await IdempotencyRecord.query(on: app.db).count() == 0)
            #expect(try await LedgerAccountRecord.query(on: app.db).all().allSatisfy { $0.balanceCents == 0 })
            let after = try await m.show(order.id, by: m.buyer)
            #expect(after.state == "awaiting_payment" && after.history?.count == 1)
            // and a retry with the same key now succeeds, once
            #expect(try await m.step("fund", order.id, by: m.buyer, key: "k1").status == .ok)
            #expect(try await HoldRecord.query(on: app.db).count() == 1)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func fiftyConcurrentAcceptCancelAndPayoutRequests(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a seller who earned 9,500 on a first order, and a second delivered order the seller offered to cancel
            let m = try await Market.make(app)
            let first = try await m.delivered()
            try await m.step("accept", first.id, by: m.buyer)
            let order = try await m.delivered()
            try await m.step("cancellation", order.id, by: m.seller)
            // when 50 requests race: accepts and cancellation agreements by the buyer, payouts of 6,000 by the seller
            let results = try await withThrowingTaskGroup(of: (String, HTTPStatus).self) { group in
                for i in 0..<50 {
                    group.addTask {
                        switch i % 3 {
                        case 0: return ("accept", try await m.step("accept", order.id, by: m.buyer).status)
                        case 1: return ("cancel", try await m.step("cancellation/accept", order.id, by: m.buyer).status)
                        default:
                            let res = try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "p\(i)"),
                                                         json: ["amountCents": 6_000])
                            return ("payout", res.status)
                        }
                    }
                }
                var all: [(String, HTTPStatus)] = []
                for try await r in group { all.append(r) }
                return all
            }
            // then exactly one of the order's endings won, the rest are conflicts
            let orderWins = results.filter { $0.0 != "payout" && $0.1 == .ok }
            #expect(orderWins.count == 1)
            #expect(results.filter { $0.0 != "payout" && $0.1 != .ok }.allSatisfy { $0.1 == .conflict })
            // no request failed on our side
            #expect(results.allSatisfy { $0.1.code < 500 }, "\(results.filter { $0.1.code >= 500 })")
            // payouts never overdraw: with 9,500 (or 19,000 if the accept won) at most one or three of 6,000 fit
            let payouts = results.filter { $0.0 == "payout" && $0.1 == .created }.count
            let earned: Int64 = orderWins.first?.0 == "accept" ? 19_000 : 9_500
            #expect(payouts >= 1 && Int64(payouts) * 6_000 <= earned)
            let sellerBalance = try await m.balance(m.seller)
            #expect(sellerBalance.availableCents == earned - Int64(payouts) * 6_000)
            #expect(sellerBalance.availableCents >= 0)
            #expect(try await PayoutRecord.query(on: app.db).count() == payouts)
            // and every invariant holds on the stored ledger
            try await m.expectLedgerSound()
        }
    }

    /// An order step looks its key up before its transaction (`Idempotency.Lookup.beforeTransaction`): twins sent at
    /// once, which look before the first answer is stored, still get that answer word for word, and the money moves once.
    @Test(arguments: TestDatabase.all)
    func twinsSentAtOnceWithOneKeyAllGetTheFirstAnswerAndMoveMoneyOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.place()
            let answers = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let r = try await m.step("fund", order.id, by: m.buyer, key: "fund-twins")
                        return (r.status, r.body.string)
                    }
                }
                var all: [(HTTPStatus, String)] = []
                for try await a in group { all.append(a) }
                return all
            }
            #expect(answers.allSatisfy { $0.0 == .ok })
            #expect(Set(answers.map(\.1)).count == 1)
            #expect(try await HoldRecord.query(on: app.db).count() == 1)
            #expect(try await m.balance(m.buyer).inEscrowAsBuyerCents == 10_000)
            #expect(try await m.show(order.id, by: m.buyer).state == "in_progress")
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func racingAcceptsOnOneDeliveryHaveOneWinner(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.delivered()
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 { group.addTask { try await m.step("accept", order.id, by: m.buyer).status } }
                var all: [HTTPStatus] = []
                for try await s in group { all.append(s) }
                return all
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 19)
            #expect(try await m.balance(m.seller).availableCents == 9_500)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func payoutsRespectMinimumAndBalanceAndShowInTheLedger(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a seller with 9,500 available
            let m = try await Market.make(app)
            let order = try await m.delivered()
            try await m.step("accept", order.id, by: m.buyer)
            func payout(_ cents: Int64, key: String) async throws -> TestingHTTPResponse {
                try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", key), json: ["amountCents": cents])
            }
            // then below the minimum and above the balance are 422s naming amountCents
            let small = try await payout(999, key: "a")
            #expect(small.status == .unprocessableEntity && small.errorBody?.field == "amountCents")
            let big = try await payout(9_501, key: "b")
            #expect(big.status == .unprocessableEntity && big.errorBody?.field == "amountCents")
            let negative = try await payout(-5, key: "c")
            #expect(negative.status == .unprocessableEntity)
            // when the seller withdraws 4,000
            let ok = try await payout(4_000, key: "d")
            #expect(ok.status == .created)
            #expect(try ok.decode(PayoutDTO.self).state == "sent")
            // then available drops, paid out rises
            let balance = try await m.balance(m.seller)
            #expect(balance.availableCents == 5_500 && balance.paidOutCents == 4_000)
            // and the statement lists the member's entries newest first, paginated by cursor
            let page1 = try await app.send(.GET, "/api/v1/me/ledger?limit=1", headers: m.seller.bearer).decode(LedgerPageDTO.self)
            #expect(page1.entries.map(\.memo) == ["payout_requested"])
            #expect(page1.entries.first?.signedCents == -4_000)
            let cursor = try #require(page1.nextCursor)
            let page2 = try await app.send(.GET, "/api/v1/me/ledger?limit=10&cursor=\(cursor)", headers: m.seller.bearer).decode(LedgerPageDTO.self)
            #expect(page2.entries.map(\.memo) == ["release_to_seller"])
            #expect(page2.nextCursor == nil)
            #expect(try await app.send(.GET, "/api/v1/me/ledger?limit=0", headers: m.seller.bearer).errorBody?.field == "limit")
            #expect(try await app.send(.GET, "/api/v1/me/ledger?cursor=zz", headers: m.seller.bearer).status == .badRequest)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func manualProviderWaitsForAnAdminToConfirmTheTransfer(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given the manual provider and an admin
            app.paymentProvider = ManualPaymentProvider()
            let m = try await Market.make(app)
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let order = try await m.place()
            // when the buyer pays: the order waits for the bank transfer
            let announced = try await m.step("fund", order.id, by: m.buyer)
            #expect(announced.status == .accepted)
            let deposit = try announced.decode(DepositDTO.self)
            #expect(try await m.show(order.id, by: m.buyer).state == "awaiting_payment")
            #expect(try await LedgerTransferRecord.query(on: app.db).count() == 0)
            // a member who is not an admin cannot confirm
            #expect(try await app.send(.POST, "/api/v1/admin/deposits/\(deposit.id)/confirm", headers: m.buyer.bearer).status == .forbidden)
            // when the admin confirms, the order is funded; confirming twice is a conflict
            let confirmed = try await app.send(.POST, "/api/v1/admin/deposits/\(deposit.id)/confirm", headers: admin.bearer)
            #expect(confirmed.status == .ok)
            #expect(try await m.show(order.id, by: m.buyer).state == "in_progress")
            #expect(try await app.send(.POST, "/api/v1/admin/deposits/\(deposit.id)/confirm", headers: admin.bearer).status == .conflict)
            // and after acceptance a payout waits in transit until the admin marks it sent
            try await m.step("deliver", order.id, by: m.seller, json: ["message": "Done"])
            try await m.step("accept", order.id, by: m.buyer)
            let payout = try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "p"), json: ["amountCents": 9_500])
            #expect(try payout.decode(PayoutDTO.self).state == "requested")
            #expect(try await m.balance(m.seller).payoutsInTransitCents == 9_500)
            let id = try payout.decode(PayoutDTO.self).id
            #expect(try await app.send(.POST, "/api/v1/admin/payouts/\(id)/sent", headers: admin.bearer).status == .ok)
            #expect(try await app.send(.POST, "/api/v1/admin/payouts/\(id)/sent", headers: admin.bearer).status == .conflict)
            let balance = try await m.balance(m.seller)
            #expect(balance.availableCents == 0 && balance.paidOutCents == 9_500 && balance.payoutsInTransitCents == 0)
            try await m.expectLedgerSound()
        }
    }
}

@Suite struct ClearingHoldTests {
    @Test(arguments: TestDatabase.all)
    func aConfiguredClearingHoldKeepsNewMoneyUntilItClears(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an instance with a 24-hour clearing period, a fixed clock, and a seller just paid 9,500
            app.guild.payments.clearing = try ClearingPolicy(hours: 24)
            let clock = GuildClock(fixed: Date(timeIntervalSince1970: 1_800_000_000))
            app.clock = clock
            let m = try await Market.make(app)
            let order = try await m.delivered()
            try await m.step("accept", order.id, by: m.buyer)
            // then the money shows as available but still clearing, and a payout now is a 422 naming amountCents
            let fresh = try await m.balance(m.seller)
            #expect(fresh.availableCents == 9_500 && fresh.clearingCents == 9_500 && fresh.withdrawableCents == 0)
            let early = try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "early"), json: ["amountCents": 2_000])
            #expect(early.status == .unprocessableEntity && early.errorBody?.field == "amountCents")
            #expect(early.body.string.contains("clearing"))
            #expect(try await PayoutRecord.query(on: app.db).count() == 0)
            // when 25 hours pass
            clock.advance(seconds: 25 * 3_600)
            // then it has cleared and can be withdrawn
            let cleared = try await m.balance(m.seller)
            #expect(cleared.clearingCents == 0 && cleared.withdrawableCents == 9_500)
            let later = try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "later"), json: ["amountCents": 2_000])
            #expect(later.status == .created)
            // and the fees policy and the balance page say so in words
            let browser = PageSession(app)
            #expect(try await browser.post("/login", form: ["email": m.seller.email, "password": "correct horse battery"]).status == .seeOther)
            let page = try await browser.get("/me/balance")
            #expect(page.body.string.contains("24 hours") && page.body.string.contains("can be withdrawn now"))
            let policy = try await app.send(.GET, "/policies/fees")
            #expect(policy.body.string.contains("24 hours"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func byDefaultThereIsNoClearingHold(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.delivered()
            try await m.step("accept", order.id, by: m.buyer)
            let balance = try await m.balance(m.seller)
            #expect(balance.clearingCents == 0 && balance.withdrawableCents == 9_500 && balance.payoutClearingHours == 0)
            #expect(try await app.send(.GET, "/policies/fees").body.string.contains("no clearing hold"))
        }
    }
}

@Suite struct ManualDepositTests {
    @Test(arguments: TestDatabase.all)
    func aTransferAnnouncedForAnOrderThatEndsUnpaidIsVoided(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given the manual provider, and a buyer who announced a bank transfer
            app.paymentProvider = ManualPaymentProvider()
            let m = try await Market.make(app)
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let order = try await m.place()
            let deposit = try await m.step("fund", order.id, by: m.buyer).decode(DepositDTO.self)
            // when the buyer withdraws the unpaid order
            #expect(try await m.step("cancellation", order.id, by: m.buyer, key: nil).status == .ok)
            #expect(try await m.show(order.id, by: m.buyer).state == "cancelled")
            // then the transfer is void: off the admins' list, and confirming it is refused with nothing moved
            let pending = try await app.send(.GET, "/api/v1/admin/deposits", headers: admin.bearer)
            #expect(pending.status == .ok && !pending.body.string.contains(deposit.id.uuidString.lowercased())
                    && !pending.body.string.contains(deposit.id.uuidString))
            #expect(try await DepositRecord.find(deposit.id, on: app.db)?.state == "void")
            #expect(try await app.send(.POST, "/api/v1/admin/deposits/\(deposit.id)/confirm", headers: admin.bearer).status == .conflict)
            #expect(try await LedgerTransferRecord.query(on: app.db).count() == 0)
        }
    }
}

extension HTTPHeaders {
    func adding(_ name: String, _ value: String) -> HTTPHeaders {
        var copy = self
        copy.add(name: name, value: value)
        return copy
    }
}
