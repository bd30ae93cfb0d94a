import Foundation
import Testing
@testable import GuildCore

@Suite struct MilestoneDisputeTests {
    typealias F = MoneyFixtures
    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400

    func progress(_ states: [(Int64, MilestoneProgress.State)]) -> [MilestoneProgress] {
        states.enumerated().map { i, s in
            MilestoneProgress(index: i, milestone: Milestone(title: "Part \(i + 1)", amountCents: s.0, dueDate: F.now.addingTimeInterval(Self.day)),
                              state: s.1, holdID: s.1 == .awaitingFunding ? nil : F.id(300 + i))
        }
    }

    @Test func onlyFundedAndDeliveredMilestonesAreAtStake() {
        // given a plan with one of each state
        let plan = progress([(10_000, .released), (20_000, .delivered), (30_000, .funded), (40_000, .awaitingFunding), (5_000, .refunded)])

        // when
        let open = MilestoneDispute.openMilestones(plan)

        // then released, refunded and unfunded milestones are left out
        #expect(open == [OpenMilestone(index: 1, amountCents: 20_000, delivered: true), OpenMilestone(index: 2, amountCents: 30_000, delivered: false)])
        #expect(MilestoneDispute.escrowedCents(open) == 50_000)
    }

    @Test func noEscrowIsAConflictNamingTheState() {
        // given nothing funded or delivered
        let plan = progress([(10_000, .released), (20_000, .awaitingFunding)])

        // then
        #expect(throws: ConflictError.self) { try MilestoneDispute.requireEscrow(plan, orderState: .inProgress) }
        do {
            try MilestoneDispute.requireEscrow(plan, orderState: .inProgress)
        } catch {
            #expect(error.code == "no_escrow")
            #expect(error.message.contains("in_progress") && error.message.contains("1: released") && error.message.contains("2: awaiting_funding"))
        }
        #expect(throws: Never.self) { try MilestoneDispute.requireEscrow(progress([(1_000, .funded)]), orderState: .inProgress) }
    }

    @Test func theSellersPartPaysDeliveredMilestonesFirstThenFundedOnesInOrder() throws {
        // given milestone 1 funded, milestone 2 delivered, milestone 3 delivered
        let open = [OpenMilestone(index: 0, amountCents: 10_000, delivered: false),
                    OpenMilestone(index: 1, amountCents: 20_000, delivered: true),
                    OpenMilestone(index: 2, amountCents: 30_000, delivered: true)]

        // when the seller gets 35,000 of the 60,000
        let shares = try MilestoneDispute.divide(sellerCents: 35_000, buyerCents: 25_000, over: open)

        // then milestone 2 is released, milestone 3 split, milestone 1 refunded; every hold resolved once
        #expect(shares == [MilestoneShare(index: 0, sellerCents: 0, buyerCents: 10_000),
                           MilestoneShare(index: 1, sellerCents: 20_000, buyerCents: 0),
                           MilestoneShare(index: 2, sellerCents: 15_000, buyerCents: 15_000)])
        #expect(shares.map(\.resolution) == [.refund, .release, .split])
        #expect(shares.reduce(0) { $0 + $1.sellerCents } == 35_000 && shares.reduce(0) { $0 + $1.buyerCents } == 25_000)
        #expect(Set(shares.map(\.index)).count == shares.count)
    }

    @Test func allToOneSideReleasesOrRefundsEveryMilestone() throws {
        let open = [OpenMilestone(index: 0, amountCents: 1_000, delivered: true), OpenMilestone(index: 3, amountCents: 2_500, delivered: false)]
        #expect(try MilestoneDispute.divide(sellerCents: 3_500, buyerCents: 0, over: open).map(\.resolution) == [.release, .release])
        #expect(try MilestoneDispute.divide(sellerCents: 0, buyerCents: 3_500, over: open).map(\.resolution) == [.refund, .refund])
    }

    @Test func aSplitThatDoesNotAddUpNamesTheField() {
        let open = [OpenMilestone(index: 0, amountCents: 10_000, delivered: true)]
        do {
            _ = try MilestoneDispute.divide(sellerCents: 6_000, buyerCents: 5_000, over: open)
            Issue.record("a split of 11,000 over 10,000 was accepted")
        } catch let error as ValidationError {
            #expect(error.field == "sellerCents" && error.reason.contains("10000"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        do {
            _ = try MilestoneDispute.divide(sellerCents: 11_000, buyerCents: -1_000, over: open)
            Issue.record("a negative part was accepted")
        } catch let error as ValidationError {
            #expect(error.field == "buyerCents")
        } catch {
            Issue.record("unexpected \(error)")
        }
        // only an arbiter decides
        #expect(throws: ConflictError.self) {
            try MilestoneDispute.outcome(sellerCents: 10_000, buyerCents: 0, open: open, actor: .buyer)
        }
    }

    @Test func eachMilestonesFeeIsOnTheSellersPartOfIt() throws {
        // given two holds of 10,000 and 20,000 at 5%
        let fee = try FeePolicy(basisPoints: 500)
        let open = [OpenMilestone(index: 0, amountCents: 10_000, delivered: true), OpenMilestone(index: 1, amountCents: 20_000, delivered: true)]
        // when the seller gets 15,000
        let shares = try MilestoneDispute.divide(sellerCents: 15_000, buyerCents: 15_000, over: open)
        let quotes = try shares.map { try fee.splitQuote(sellerCents: $0.sellerCents, buyerCents: $0.buyerCents) }
        // then the fee is 5% of each seller part: 500 on 10,000 and 250 on 5,000
        #expect(quotes.map(\.feeCents) == [500, 250])
        #expect(quotes.map(\.buyerCents) == [0, 15_000])
    }

    @Test func defaultOutcomePaysDeliveredMilestonesAndRefundsTheRest() {
        // given a buyer's dispute over one delivered (20,000) and one funded (30,000) milestone
        let open = [OpenMilestone(index: 0, amountCents: 20_000, delivered: true), OpenMilestone(index: 1, amountCents: 30_000, delivered: false)]
        let answered = F.now.addingTimeInterval(Self.hour)

        // within the deadlines: nothing yet
        #expect(MilestoneDispute.defaultOutcome(openedBy: .buyer, openedAt: F.now, answeredAt: answered, open: open,
                                                now: answered.addingTimeInterval(7 * Self.day - 1)) == nil)
        // both answered, no arbiter in 7 days: delivered work stays paid, the undelivered part returns
        #expect(MilestoneDispute.defaultOutcome(openedBy: .buyer, openedAt: F.now, answeredAt: answered, open: open,
                                                now: answered.addingTimeInterval(7 * Self.day))
                == DisputeOutcome(sellerCents: 20_000, buyerCents: 30_000, reason: .deliveredWorkStandsWithoutDecision))
        // the seller opened it and the buyer stayed silent: the same division
        #expect(MilestoneDispute.defaultOutcome(openedBy: .seller, openedAt: F.now, answeredAt: nil, open: open, now: F.now.addingTimeInterval(72 * Self.hour))
                == DisputeOutcome(sellerCents: 20_000, buyerCents: 30_000, reason: .buyerDidNotAnswer))
        // the buyer opened it and the seller stayed silent: everything returns to the buyer
        #expect(MilestoneDispute.defaultOutcome(openedBy: .buyer, openedAt: F.now, answeredAt: nil, open: open, now: F.now.addingTimeInterval(72 * Self.hour))
                == DisputeOutcome(sellerCents: 0, buyerCents: 50_000, reason: .sellerDidNotAnswer))
        // nothing delivered: the buyer is refunded
        let undelivered = [OpenMilestone(index: 0, amountCents: 20_000, delivered: false)]
        #expect(MilestoneDispute.defaultOutcome(openedBy: .seller, openedAt: F.now, answeredAt: nil, open: undelivered, now: F.now.addingTimeInterval(72 * Self.hour))
                == DisputeOutcome(sellerCents: 0, buyerCents: 20_000, reason: .nothingDelivered))
    }

    @Test func theDefaultDividesExactlyAlongMilestones() throws {
        // The default's seller part is the delivered total, so the division releases delivered holds and refunds the rest.
        let open = [OpenMilestone(index: 0, amountCents: 7_000, delivered: false), OpenMilestone(index: 1, amountCents: 3_000, delivered: true)]
        let outcome = try #require(MilestoneDispute.defaultOutcome(openedBy: .seller, openedAt: F.now, answeredAt: nil, open: open,
                                                                   now: F.now.addingTimeInterval(72 * Self.hour)))
        let shares = try MilestoneDispute.divide(sellerCents: outcome.sellerCents, buyerCents: outcome.buyerCents, over: open)
        #expect(shares.map(\.resolution) == [.refund, .release])
    }
}
