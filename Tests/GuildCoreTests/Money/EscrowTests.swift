import Foundation
import Testing
@testable import GuildCore

@Suite struct EscrowTests {
    typealias F = MoneyFixtures

    @Test func fundingMovesMoneyFromTheProviderThroughTheBuyerIntoEscrow() throws {
        // given
        let policy = FeePolicy.standard

        // when
        let funding = try Escrow.fund(holdID: F.holdID, orderID: F.orderID, buyer: F.buyer, seller: F.seller,
                                      amountCents: 10_000, feePolicy: policy, provider: "sandbox", now: F.now)

        // then
        #expect(funding.postings == [
            Posting(debit: .providerClearing("sandbox"), credit: .member(F.buyer), amountCents: 10_000, memo: "deposit", holdID: F.holdID),
            Posting(debit: .member(F.buyer), credit: .escrow, amountCents: 10_000, memo: "escrow_hold", holdID: F.holdID),
        ])
        #expect(funding.hold.state == .open)
        #expect(funding.hold.feeBasisPoints == 500)
        #expect(funding.hold.remainingCents == 10_000)
        #expect(funding.hold.orderID == F.orderID)
    }

    @Test(arguments: [Int64(0), -5, MoneyLimits.maximumAmountCents + 1, Int64.max])
    func fundingRejectsBadAmountsNamingAmountCents(amountCents: Int64) {
        // when
        let error = #expect(throws: ValidationError.self) {
            try Escrow.fund(holdID: F.holdID, buyer: F.buyer, seller: F.seller, amountCents: amountCents,
                            feePolicy: .standard, provider: "sandbox", now: F.now)
        }

        // then
        #expect(error?.field == "amountCents")
    }

    @Test func aMemberCannotBuyFromThemselves() {
        #expect(throws: ValidationError(field: "seller", reason: "a member cannot buy from themselves")) {
            try Escrow.fund(holdID: F.holdID, buyer: F.buyer, seller: F.buyer, amountCents: 100,
                            feePolicy: .standard, provider: "sandbox", now: F.now)
        }
    }

    @Test func fundingFromBalanceNeedsEnoughBalance() throws {
        // given / when
        let funding = try Escrow.fundFromBalance(holdID: F.holdID, buyer: F.buyer, seller: F.seller, amountCents: 500,
                                                 availableCents: 500, feePolicy: .standard, now: F.now)
        let error = #expect(throws: ValidationError.self) {
            try Escrow.fundFromBalance(holdID: F.holdID, buyer: F.buyer, seller: F.seller, amountCents: 501,
                                       availableCents: 500, feePolicy: .standard, now: F.now)
        }

        // then
        #expect(funding.postings == [Posting(debit: .member(F.buyer), credit: .escrow, amountCents: 500, memo: "escrow_hold", holdID: F.holdID)])
        #expect(error?.field == "amountCents")
    }

    @Test func releasePaysTheSellerNetAndThePlatformTheFee() throws {
        // given
        let hold = try F.openHold(amountCents: 10_000)
        let later = F.now.addingTimeInterval(60)

        // when
        let resolution = try Escrow.release(hold, now: later)

        // then
        #expect(resolution.postings == [
            Posting(debit: .escrow, credit: .member(F.seller), amountCents: 9_500, memo: "release_to_seller", holdID: F.holdID),
            Posting(debit: .escrow, credit: .platformRevenue, amountCents: 500, memo: "platform_fee", holdID: F.holdID),
        ])
        #expect(resolution.hold.state == .posted)
        #expect(resolution.hold.resolvedAt == later)
        #expect(resolution.hold.remainingCents == 0)
    }

    @Test func releaseUsesTheRateFrozenInTheHold() throws {
        // given: the order was funded at 10%
        let hold = try F.openHold(amountCents: 1_000, basisPoints: 1_000)

        // when
        let resolution = try Escrow.release(hold, now: F.now)

        // then
        #expect(resolution.postings.map(\.amountCents) == [900, 100])
    }

    @Test func releaseWithoutAFeeMakesNoZeroPosting() throws {
        // given
        let hold = try F.openHold(amountCents: 1_000, basisPoints: 0)

        // when
        let resolution = try Escrow.release(hold, now: F.now)

        // then
        #expect(resolution.postings == [Posting(debit: .escrow, credit: .member(F.seller), amountCents: 1_000, memo: "release_to_seller", holdID: F.holdID)])
    }

    @Test func refundReturnsEverythingToTheBuyer() throws {
        // given
        let hold = try F.openHold(amountCents: 4_321)

        // when
        let resolution = try Escrow.refund(hold, now: F.now)

        // then
        #expect(resolution.postings == [Posting(debit: .escrow, credit: .member(F.buyer), amountCents: 4_321, memo: "refund_to_buyer", holdID: F.holdID)])
        #expect(resolution.hold.state == .voided)
    }

    @Test func splitPaysBothSidesAndTheFeeOnlyOnTheSellersPart() throws {
        // given
        let hold = try F.openHold(amountCents: 10_000)

        // when
        let resolution = try Escrow.split(hold, sellerCents: 7_000, buyerCents: 3_000, now: F.now)

        // then
        #expect(resolution.postings.map(\.credit) == [.member(F.seller), .platformRevenue, .member(F.buyer)])
        #expect(resolution.postings.map(\.amountCents) == [6_650, 350, 3_000])
        #expect(resolution.postings.reduce(0) { $0 + $1.amountCents } == 10_000)
        #expect(resolution.hold.state == .split)
        #expect(resolution.hold.outcome?.sellerNetCents == 6_650)
    }

    @Test(arguments: [(Int64(7_000), Int64(2_999)), (7_000, 3_001), (10_001, -1), (0, 0)])
    func splitMustAddUpToTheHold(sellerCents: Int64, buyerCents: Int64) throws {
        // given
        let hold = try F.openHold(amountCents: 10_000)

        // when
        let error = #expect(throws: ValidationError.self) {
            try Escrow.split(hold, sellerCents: sellerCents, buyerCents: buyerCents, now: F.now)
        }

        // then
        #expect(error != nil)
        #expect(error?.field == "sellerCents" || error?.field == "buyerCents")
    }

    @Test func aHoldResolvesAtMostOnce() throws {
        // given
        let hold = try F.openHold()
        let released = try Escrow.release(hold, now: F.now).hold
        let refunded = try Escrow.refund(hold, now: F.now).hold
        let split = try Escrow.split(hold, sellerCents: 1, buyerCents: 9_999, now: F.now).hold

        // when / then: every second resolution is a conflict naming the hold's state
        for resolved in [released, refunded, split] {
            let attempts: [() throws -> EscrowResolution] = [
                { try Escrow.release(resolved, now: F.now) },
                { try Escrow.refund(resolved, now: F.now) },
                { try Escrow.split(resolved, sellerCents: 5_000, buyerCents: 5_000, now: F.now) },
            ]
            for attempt in attempts {
                let error = #expect(throws: ConflictError.self) { try attempt() }
                #expect(error?.code == "hold_already_resolved")
                #expect(error?.message.contains("already \(resolved.state.rawValue)") == true)
            }
        }
    }

    @Test func payoutMovesMoneyIntoTransitThenToTheProvider() throws {
        // given
        let (payout, requested) = try Payout.request(id: F.id(7), member: F.seller, availableCents: 5_000,
                                                     amountCents: 4_000, minimumCents: 1_000, provider: "manual", now: F.now)

        // when
        let (sent, posting) = try Payout.markSent(payout, now: F.now)

        // then
        #expect(requested == Posting(debit: .member(F.seller), credit: .payoutsInTransit, amountCents: 4_000, memo: "payout_requested"))
        #expect(posting == Posting(debit: .payoutsInTransit, credit: .providerClearing("manual"), amountCents: 4_000, memo: "payout_sent"))
        #expect(sent.state == .sent)
        #expect(throws: ConflictError.self) { try Payout.markSent(sent, now: F.now) }
        #expect(throws: ConflictError.self) { try Payout.markFailed(sent, now: F.now) }
    }

    @Test func aFailedPayoutReturnsTheMoneyToTheMember() throws {
        // given
        let (payout, _) = try Payout.request(id: F.id(7), member: F.seller, availableCents: 5_000,
                                             amountCents: 4_000, provider: "sandbox", now: F.now)

        // when
        let (failed, posting) = try Payout.markFailed(payout, now: F.now)

        // then
        #expect(posting.debit == .payoutsInTransit)
        #expect(posting.credit == .member(F.seller))
        #expect(failed.state == .failed)
    }

    @Test(arguments: [
        (Int64(0), "must be greater than zero"),
        (-10, "must be greater than zero"),
        (999, "must be at least the minimum payout of 1000"),
        (5_001, "is more than the available balance of 5000"),
        (Int64.max, "must be at most 10000000000"),
    ])
    func payoutAmountsAreValidatedNamingAmountCents(amountCents: Int64, reason: String) {
        #expect(throws: ValidationError(field: "amountCents", reason: reason)) {
            try Payout.request(id: F.id(7), member: F.seller, availableCents: 5_000, amountCents: amountCents,
                               minimumCents: 1_000, provider: "sandbox", now: F.now)
        }
    }
}

@Suite struct LedgerAccountRefTests {
    @Test func keysAreStableAndRoundTrip() throws {
        // given
        let member = MoneyFixtures.id(42)
        let accounts: [LedgerAccountRef] = [.member(member), .escrow, .platformRevenue, .providerClearing("sandbox"), .payoutsInTransit]

        // when
        let keys = accounts.map(\.key)
        let parsed = try keys.map { try LedgerAccountRef(key: $0) }

        // then
        #expect(keys == ["member:00000000-0000-4000-8000-00000000002a", "escrow", "platform:revenue", "provider:sandbox", "payouts:in_transit"])
        #expect(parsed == accounts)
        #expect(try LedgerAccountRef(key: "member:00000000-0000-4000-8000-00000000002A") == .member(member))
    }

    @Test(arguments: ["", "member:not-a-uuid", "provider:", "provider:Sandbox", "platform", "payouts"])
    func unknownKeysAreRejected(key: String) {
        #expect(throws: ValidationError.self) { try LedgerAccountRef(key: key) }
    }

    @Test func codableAsStringsAndAsDictionaryKeys() throws {
        // given
        let balances: [LedgerAccountRef: Int64] = [.escrow: 5, .providerClearing("sandbox"): -5]

        // when
        let json = try JSONEncoder().encode(balances)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Int]
        let decoded = try JSONDecoder().decode([LedgerAccountRef: Int64].self, from: json)
        let single = try JSONEncoder().encode([LedgerAccountRef.platformRevenue])

        // then
        #expect(object == ["escrow": 5, "provider:sandbox": -5])
        #expect(decoded == balances)
        #expect(String(decoding: single, as: UTF8.self) == #"["platform:revenue"]"#)
    }
}

@Suite struct ClearingPolicyTests {
    @Test func hoursOutsideTheRangeAreRefusedNamingTheSetting() {
        #expect(throws: ValidationError.self) { try ClearingPolicy(hours: -1) }
        #expect(throws: ValidationError.self) { try ClearingPolicy(hours: ClearingPolicy.maximumHours + 1) }
        #expect((try? ClearingPolicy(hours: 0)) == ClearingPolicy.none)
    }

    @Test func theWindowStartsHoursBeforeNowAndThereIsNoneByDefault() throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(ClearingPolicy.none.windowStart(now: now) == nil)
        #expect(try ClearingPolicy(hours: 48).windowStart(now: now) == now.addingTimeInterval(-48 * 3_600))
    }

    @Test func aPayoutMayTakeOnlyWhatHasCleared() throws {
        let member = UUID()
        let now = Date()
        // 10,000 available, 6,000 of it still clearing: 4,000 can go, 4,001 cannot
        #expect(ClearingPolicy.withdrawableCents(balanceCents: 10_000, clearingCents: 6_000) == 4_000)
        #expect(ClearingPolicy.withdrawableCents(balanceCents: 3_000, clearingCents: 6_000) == 0)
        _ = try Payout.request(id: UUID(), member: member, availableCents: 10_000, amountCents: 4_000, clearingCents: 6_000, provider: "sandbox", now: now)
        #expect {
            try Payout.request(id: UUID(), member: member, availableCents: 10_000, amountCents: 4_001, clearingCents: 6_000, provider: "sandbox", now: now)
        } throws: { error in
            (error as? ValidationError)?.field == "amountCents"
        }
    }

    @Test func theRuleIsPublishedInWords() throws {
        #expect(ClearingPolicy.none.plainLanguage(minimumPayoutCents: 1_000).joined().contains("no clearing hold"))
        #expect(try ClearingPolicy(hours: 72).plainLanguage(minimumPayoutCents: 1_000).joined().contains("72 hours"))
    }
}
