import Foundation
import Testing
@testable import GuildCore

@Suite struct LedgerInvariantsTests {
    typealias F = MoneyFixtures

    /// A ledger with one released order, one open order, one refund and one payout sent.
    static func busyLedger() throws -> InMemoryLedger {
        var ledger = InMemoryLedger()
        try ledger.fund(holdID: F.id(100), buyer: F.buyer, seller: F.seller, amountCents: 10_000, now: F.now)
        try ledger.release(holdID: F.id(100), now: F.now)
        try ledger.fund(holdID: F.id(101), buyer: F.buyer, seller: F.seller, amountCents: 3_000, now: F.now)
        try ledger.fund(holdID: F.id(102), buyer: F.id(3), seller: F.seller, amountCents: 2_000, now: F.now)
        try ledger.refund(holdID: F.id(102), now: F.now)
        try ledger.requestPayout(id: F.id(300), member: F.seller, amountCents: 9_000, now: F.now)
        try ledger.markPayoutSent(id: F.id(300), now: F.now)
        return ledger
    }

    @Test func aSoundLedgerPassesEveryCheck() throws {
        // given
        let ledger = try Self.busyLedger()

        // when
        let checks = LedgerInvariants.checks(snapshot: ledger.snapshot)

        // then
        #expect(checks.map(\.name) == LedgerInvariants.rules.map(\.name))
        #expect(checks.allSatisfy { $0.passed })
        #expect(ledger.verify().isEmpty)
        #expect(ledger.balance(of: .escrow) == 3_000)
        #expect(ledger.balance(of: .member(F.seller)) == 500)
        #expect(ledger.balance(of: .platformRevenue) == 500)
        #expect(ledger.balance(of: .member(F.id(3))) == 2_000)
        #expect(ledger.balance(of: .providerClearing("sandbox")) == -6_000)
        #expect(ledger.balances.values.reduce(0, +) == 0)
    }

    @Test func anUnbalancedTransferIsReported() throws {
        // given
        var snapshot = try Self.busyLedger().snapshot
        let bad = LedgerTransfer(id: F.id(900), entries: [
            LedgerEntry(account: .platformRevenue, side: .credit, amountCents: 10),
            LedgerEntry(account: .member(F.buyer), side: .debit, amountCents: 9),
        ], memo: "typo", holdID: nil, createdAt: F.now)
        snapshot.transfers.append(bad)
        snapshot.balances[.platformRevenue, default: 0] += 10
        snapshot.balances[.member(F.buyer), default: 0] -= 9

        // when
        let failed = Set(LedgerInvariants.verify(snapshot: snapshot).map(\.check))

        // then
        #expect(failed.contains("transfers_balance"))
        #expect(!failed.contains("balances_match_entries"))
    }

    @Test func aZeroOrOneSidedTransferIsReported() throws {
        // given
        var snapshot = try Self.busyLedger().snapshot
        snapshot.transfers.append(LedgerTransfer(id: F.id(901), entries: [
            LedgerEntry(account: .platformRevenue, side: .credit, amountCents: 0),
        ], memo: "", holdID: nil, createdAt: F.now))

        // when
        let violations = LedgerInvariants.verify(snapshot: snapshot)

        // then
        #expect(violations.filter { $0.check == "transfers_balance" }.count == 2)
    }

    @Test func aStoredBalanceThatDisagreesWithItsEntriesIsReported() throws {
        // given
        var snapshot = try Self.busyLedger().snapshot
        snapshot.balances[.member(F.seller)] = 501

        // when
        let violations = LedgerInvariants.verify(snapshot: snapshot)

        // then
        #expect(violations.map(\.check).contains("balances_match_entries"))
        #expect(violations.map(\.check).contains("provider_money_accounted"))
        #expect(violations.first { $0.check == "balances_match_entries" }?.message.contains("501") == true)
    }

    @Test func escrowThatDisagreesWithOpenHoldsIsReported() throws {
        // given: a hold marked resolved without paying anything out
        var snapshot = try Self.busyLedger().snapshot
        let index = try #require(snapshot.holds.firstIndex { $0.id == F.id(101) })
        snapshot.holds[index].state = .posted

        // when
        let failed = Set(LedgerInvariants.verify(snapshot: snapshot).map(\.check))

        // then
        #expect(failed == ["escrow_matches_open_holds", "holds_settle_once"])
    }

    @Test func aHoldPaidOutTwiceIsReported() throws {
        // given: someone replayed the release postings of a hold
        let ledger = try Self.busyLedger()
        var snapshot = ledger.snapshot
        let releaseEntries = snapshot.transfers.filter { $0.holdID == F.id(100) && $0.memo == "release_to_seller" }
        for (offset, transfer) in releaseEntries.enumerated() {
            snapshot.transfers.append(LedgerTransfer(id: F.id(950 + offset), entries: transfer.entries, memo: transfer.memo,
                                                     holdID: transfer.holdID, createdAt: F.now))
            snapshot.balances[.escrow, default: 0] -= 9_500
            snapshot.balances[.member(F.seller), default: 0] += 9_500
        }

        // when
        let failed = Set(LedgerInvariants.verify(snapshot: snapshot).map(\.check))

        // then
        #expect(failed.contains("holds_settle_once"))
        #expect(failed.contains("escrow_matches_open_holds"))
    }

    @Test func moneyThatAppearsWithoutAProviderIsReported() throws {
        // given: a member balance credited from nowhere, stored consistently with a one-sided entry
        var snapshot = try Self.busyLedger().snapshot
        snapshot.balances[.member(F.buyer), default: 0] += 1_000

        // when
        let failed = Set(LedgerInvariants.verify(snapshot: snapshot).map(\.check))

        // then
        #expect(failed == ["balances_match_entries", "provider_money_accounted"])
    }

    @Test func aNegativeMemberBalanceIsReported() throws {
        // given: a transfer that overdraws the buyer, stored consistently
        var snapshot = try Self.busyLedger().snapshot
        snapshot.transfers.append(LedgerTransfer(id: F.id(902), posting: Posting(
            debit: .member(F.id(9)), credit: .platformRevenue, amountCents: 70, memo: "bad"), createdAt: F.now))
        snapshot.balances[.member(F.id(9))] = -70
        snapshot.balances[.platformRevenue, default: 0] += 70

        // when
        let violations = LedgerInvariants.verify(snapshot: snapshot)

        // then
        #expect(violations.map(\.check) == ["no_negative_member_balance"])
    }

    @Test func everyRuleHasAPlainDescription() {
        #expect(LedgerInvariants.rules.count == 6)
        #expect(LedgerInvariants.rules.allSatisfy { !$0.description.isEmpty && $0.name.allSatisfy { $0.isLowercase || $0 == "_" } })
    }
}

@Suite struct InMemoryLedgerTests {
    typealias F = MoneyFixtures

    @Test func aFailedOperationChangesNothing() throws {
        // given
        var ledger = try LedgerInvariantsTests.busyLedger()
        let before = ledger

        // when
        #expect(throws: ValidationError.self) {
            try ledger.requestPayout(id: F.id(301), member: F.seller, amountCents: 501, minimumCents: 1, now: F.now)
        }
        #expect(throws: ConflictError.self) { try ledger.release(holdID: F.id(100), now: F.now) }
        #expect(throws: ConflictError.self) {
            try ledger.fund(holdID: F.id(101), buyer: F.buyer, seller: F.seller, amountCents: 1, now: F.now)
        }
        #expect(throws: ValidationError.self) {
            try ledger.post([
                Posting(debit: .providerClearing("sandbox"), credit: .member(F.buyer), amountCents: 5, memo: ""),
                Posting(debit: .member(F.buyer), credit: .platformRevenue, amountCents: 6, memo: ""),
            ], now: F.now)
        }

        // then
        #expect(ledger == before)
    }

    @Test func aRefundCanPayForTheNextOrderOrBeWithdrawn() throws {
        // given
        var ledger = InMemoryLedger()
        try ledger.fund(holdID: F.id(100), buyer: F.buyer, seller: F.seller, amountCents: 5_000, now: F.now)
        try ledger.refund(holdID: F.id(100), now: F.now)

        // when
        try ledger.fundFromBalance(holdID: F.id(101), buyer: F.buyer, seller: F.seller, amountCents: 2_000, now: F.now)
        try ledger.requestPayout(id: F.id(300), member: F.buyer, amountCents: 3_000, now: F.now)

        // then
        #expect(ledger.balance(of: .member(F.buyer)) == 0)
        #expect(ledger.balance(of: .payoutsInTransit) == 3_000)
        #expect(ledger.verify().isEmpty)
    }

    @Test func transferIdsAreDeterministic() throws {
        // given / when
        let first = try LedgerInvariantsTests.busyLedger()
        let second = try LedgerInvariantsTests.busyLedger()

        // then
        #expect(first.transfers.map(\.id) == second.transfers.map(\.id))
        #expect(Set(first.transfers.map(\.id)).count == first.transfers.count)
    }

    @Test func theSnapshotSurvivesJSON() throws {
        // given
        let snapshot = try LedgerInvariantsTests.busyLedger().snapshot

        // when
        let data = try JSONEncoder().encode(snapshot)
        let decoded = try JSONDecoder().decode(LedgerSnapshot.self, from: data)

        // then
        #expect(decoded == snapshot)
        #expect(LedgerInvariants.verify(snapshot: decoded).isEmpty)
    }
}
