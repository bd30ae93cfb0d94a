import Foundation
import Testing
@testable import GuildCore

@Suite struct SettlementRulesTests {
    @Test(arguments: [OrderState.inProgress, .delivered, .disputed])
    func eitherPartyMayProposeWhileMoneyIsInEscrow(_ state: OrderState) throws {
        try SettlementRules.requireCanPropose(actor: .buyer, orderState: state, escrowedCents: 10_000)
        try SettlementRules.requireCanPropose(actor: .seller, orderState: state, escrowedCents: 10_000)
        // and the process table has the step to resolved, for the two parties only
        let transition = try #require(OrderProcess.transition(from: state, event: .settle))
        #expect(transition.to == .resolved && transition.actors == [.buyer, .seller] && transition.money == .divideByOutcome)
    }

    @Test(arguments: [OrderState.awaitingPayment, .completed, .cancelled, .resolved, .expired])
    func noSettlementBeforePaymentOrAfterTheEnd(_ state: OrderState) {
        #expect(throws: ConflictError.self) { try SettlementRules.requireCanPropose(actor: .buyer, orderState: state, escrowedCents: 10_000) }
        #expect(OrderProcess.transition(from: state, event: .settle) == nil)
    }

    @Test func arbitersAndEmptyEscrowCannotSettle() {
        #expect(throws: ConflictError(code: "forbidden_actor", message: "only the buyer or the seller can propose a settlement, not the arbiter")) {
            try SettlementRules.requireCanPropose(actor: .arbiter, orderState: .disputed, escrowedCents: 10_000)
        }
        #expect(throws: ConflictError.self) { try SettlementRules.requireCanPropose(actor: .buyer, orderState: .inProgress, escrowedCents: 0) }
    }

    @Test func aSplitMustAddUpToTheEscrowAndNameItsField() throws {
        // a 60% partial refund of 100.00
        let split = try SettlementRules.validateSplit(sellerCents: 4_000, buyerCents: 6_000, escrowedCents: 10_000)
        #expect(split.sellerCents == 4_000 && split.buyerCents == 6_000)
        do {
            _ = try SettlementRules.validateSplit(sellerCents: 5_000, buyerCents: 6_000, escrowedCents: 10_000)
            Issue.record("a split over the escrow was accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["sellerCents"])
            #expect(error.errors[0].reason.contains("$110.00") && error.errors[0].reason.contains("$100.00"))
        }
        do {
            _ = try SettlementRules.validateSplit(sellerCents: nil, buyerCents: -1, escrowedCents: 10_000)
            Issue.record("a missing and a negative part were accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["sellerCents", "buyerCents"])
        }
    }

    @Test func onlyTheOtherSideAnswersAndOnlyOnce() throws {
        let open = SettlementFacts(state: .open, proposedBy: .buyer, sellerCents: 4_000, buyerCents: 6_000)
        try SettlementRules.requireCanAnswer(open, actor: .seller)
        #expect(throws: ConflictError.self) { try SettlementRules.requireCanAnswer(open, actor: .buyer) }
        #expect(throws: ConflictError.self) { try SettlementRules.requireCanAnswer(open, actor: .arbiter) }
        for state in SettlementState.allCases where state != .open {
            var answered = open
            answered.state = state
            #expect(throws: ConflictError.self) { try SettlementRules.requireCanAnswer(answered, actor: .seller) }
            #expect(throws: ConflictError.self) { try SettlementRules.requireCanWithdraw(answered, actor: .buyer) }
        }
        try SettlementRules.requireCanWithdraw(open, actor: .buyer)
        #expect(throws: ConflictError.self) { try SettlementRules.requireCanWithdraw(open, actor: .seller) }
    }

    @Test func acceptingGivesTheAgreedOutcomeOnlyWhileTheEscrowIsUnchanged() throws {
        let open = SettlementFacts(state: .open, proposedBy: .seller, sellerCents: 4_000, buyerCents: 6_000)
        #expect(try SettlementRules.outcome(of: open, escrowedCents: 10_000) == DisputeOutcome(sellerCents: 4_000, buyerCents: 6_000, reason: .settlement))
        #expect(throws: ConflictError.self) { try SettlementRules.outcome(of: open, escrowedCents: 12_000) }
    }

    @Test func aSettlementNeverCountsAgainstTheSeller() {
        for state in [OrderState.inProgress, .delivered, .disputed] {
            for actor in [OrderActor.buyer, .seller] {
                let kind = CancellationKind.of(from: state, event: .settle, actor: actor)
                #expect(kind == .settlement)
                #expect(kind?.countsAgainstSeller == false)
            }
        }
        // and it is never offered as a plain step: only by accepting the other side's proposal
        let situation = OrderSituation(kind: .package, state: .delivered, revisionsUsed: 0, revisionsAllowed: 1, cancellationProposedBy: nil, milestones: [])
        #expect(!OrderProcess.availableEvents(for: .buyer, in: situation).contains(.settle))
    }

    @Test func theRuleIsPublishedInWords() {
        let text = SettlementRules.plainLanguage.joined(separator: " ")
        #expect(text.contains("never counts against the seller"))
        #expect(!text.contains("_"))
        #expect(OrderProcess.plainLanguage.contains { $0.contains("proposed settlement") })
    }
}
