// The order rules every surface reads: which steps a member may take now, the text limits and the spoken durations.
import Foundation
import Testing
@testable import GuildCore

@Suite struct OrderRulesTests {
    @Test func aDeliveredPackageOrderOffersTheBuyerAcceptRevisionCancelAndDispute() {
        let situation = OrderSituation(kind: .package, state: .delivered, revisionsUsed: 0, revisionsAllowed: 1)
        let buyer = Set(OrderProcess.availableEvents(for: .buyer, in: situation))
        #expect(buyer == [.accept, .requestRevision, .proposeCancellation, .openDispute])
        let seller = Set(OrderProcess.availableEvents(for: .seller, in: situation))
        #expect(!seller.contains(.accept))
        #expect(seller.contains(.openDispute))
    }

    @Test func noRevisionIsOfferedOnceTheyAreUsedUp() {
        let situation = OrderSituation(kind: .package, state: .delivered, revisionsUsed: 2, revisionsAllowed: 2)
        #expect(!OrderProcess.availableEvents(for: .buyer, in: situation).contains(.requestRevision))
    }

    @Test func onlyTheOtherSideMayAcceptACancellation() {
        let situation = OrderSituation(kind: .package, state: .inProgress, cancellationProposedBy: .buyer)
        #expect(!OrderProcess.availableEvents(for: .buyer, in: situation).contains(.acceptCancellation))
        #expect(!OrderProcess.availableEvents(for: .buyer, in: situation).contains(.proposeCancellation))
        #expect(OrderProcess.availableEvents(for: .seller, in: situation).contains(.acceptCancellation))
    }

    @Test func aCustomOrderMovesThroughItsMilestonesAndIsDisputedOnlyWhileOneHoldsMoney() {
        let unfunded = OrderSituation(kind: .custom, state: .inProgress, milestones: [.released, .awaitingFunding])
        let events = OrderProcess.availableEvents(for: .buyer, in: unfunded)
        #expect(events.allSatisfy { !MilestonePlan.packageOnlyEvents.contains($0) })
        #expect(!events.contains(.openDispute))
        let funded = OrderSituation(kind: .custom, state: .inProgress, milestones: [.released, .funded])
        #expect(OrderProcess.availableEvents(for: .buyer, in: funded).contains(.openDispute))
    }

    @Test func milestoneStepsFollowTheMilestoneAndTheSide() {
        let situation = OrderSituation(kind: .custom, state: .inProgress, milestones: [.awaitingFunding, .funded, .delivered])
        #expect(OrderProcess.availableMilestoneSteps(for: .buyer, index: 0, in: situation) == [.fund])
        #expect(OrderProcess.availableMilestoneSteps(for: .buyer, index: 0, in: situation, transferPending: true) == [])
        #expect(OrderProcess.availableMilestoneSteps(for: .seller, index: 1, in: situation) == [.deliver])
        #expect(OrderProcess.availableMilestoneSteps(for: .buyer, index: 2, in: situation) == [.accept])
        #expect(OrderProcess.availableMilestoneSteps(for: .seller, index: 2, in: situation) == [])
        #expect(OrderProcess.availableMilestoneSteps(for: .buyer, index: 3, in: situation) == [])
        let disputed = OrderSituation(kind: .custom, state: .disputed, milestones: [.funded])
        #expect(OrderProcess.availableMilestoneSteps(for: .seller, index: 0, in: disputed) == [])
    }

    @Test func anOverLongDeliveryIsRefusedWithTheFieldNamedNotCut() {
        let long = String(repeating: "a", count: OrderTextRules.longTextMaximum + 1)
        #expect(throws: ValidationErrors.self) { try OrderTextRules.validateDeliveryText(long) }
        do {
            _ = try OrderTextRules.validateDelivery(message: long, links: [])
            Issue.record("an over-long delivery was accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["message"])
        }
        let exact = String(repeating: "a", count: OrderTextRules.longTextMaximum)
        let delivery = try? OrderTextRules.validateDeliveryText(exact + "\nhttps://example.org/file")
        #expect(delivery?.links == ["https://example.org/file"])
        #expect(delivery?.message.count == OrderTextRules.longTextMaximum)
    }

    @Test func tooManyLinksAreRefused() {
        let links = (0...OrderTextRules.linksMaximum).map { "https://example.org/\($0)" }
        #expect(throws: ValidationErrors.self) { try OrderTextRules.validateDelivery(message: "Done", links: links) }
    }

    @Test func durationsAreSpokenFromTheValuesTheCodeRuns() {
        #expect(SpokenDuration.of(seconds: 3 * OrderProcess.daySeconds) == "3 days")
        #expect(SpokenDuration.of(seconds: OrderProcess.daySeconds) == "1 day")
        #expect(SpokenDuration.of(seconds: 5 * OrderProcess.hourSeconds) == "5 hours")
        #expect(SpokenDuration.of(seconds: 90) == "1 minute")
        #expect(SpokenDuration.inHours(seconds: 3 * OrderProcess.daySeconds) == "72 hours")
        #expect(OrderProcess.autoAcceptDelayText == SpokenDuration.of(seconds: OrderProcess.autoAcceptSeconds))
        #expect(OrderProcess.timer(named: "auto_accept") != nil)
        #expect(DisputeRules.plainLanguage.joined(separator: " ").contains(DisputeRules.answerWindowText))
    }
}
