// A delivered milestone is reminded then accepted automatically with the package delivery's own delays,
// never under an open dispute, and only once.
import Foundation
import Testing
@testable import GuildCore

@Suite struct MilestoneTimersTests {
    typealias F = MoneyFixtures
    static let hour: TimeInterval = 3_600

    func delivered(at deliveredAt: Date = F.now) throws -> (MilestoneProgress, EscrowHold) {
        var p = MilestoneProgress(index: 1, milestone: Milestone(title: "Build", amountCents: 10_000, dueDate: F.now.addingTimeInterval(30 * 86_400)))
        let funding = try p.fund(holdID: F.holdID, orderID: F.orderID, buyer: F.buyer, seller: F.seller, feePolicy: .standard,
                                 provider: "sandbox", now: deliveredAt.addingTimeInterval(-86_400))
        try p.deliver(at: deliveredAt)
        return (p, funding.hold)
    }

    @Test func theDelaysAreThePackageDeliverysOwn() throws {
        // given the package order's published timers
        let byName = Dictionary(uniqueKeysWithValues: OrderProcess.timers.map { ($0.name, $0) })
        // then the milestone timers are the same ones, not new numbers
        #expect(MilestoneTimers.reminder == byName["acceptance_reminder"])
        #expect(MilestoneTimers.autoAccept == byName["auto_accept"])
        #expect(MilestoneTimers.reminderDueAt(deliveredAt: F.now) == F.now.addingTimeInterval(48 * Self.hour))
        #expect(MilestoneTimers.autoAcceptAt(deliveredAt: F.now) == F.now.addingTimeInterval(72 * Self.hour))
    }

    @Test func deliveringRecordsWhenTheTimersStart() throws {
        // given a funded milestone
        var p = MilestoneProgress(index: 0, milestone: Milestone(title: "Design", amountCents: 1_000, dueDate: F.now))
        _ = try p.fund(holdID: F.holdID, orderID: nil, buyer: F.buyer, seller: F.seller, feePolicy: .standard, provider: "sandbox", now: F.now)
        #expect(p.deliveredAt == nil)
        // when it is delivered
        let at = F.now.addingTimeInterval(5 * Self.hour)
        try p.deliver(at: at)
        // then its delivery time is kept
        #expect(p.state == .delivered && p.deliveredAt == at)
    }

    @Test func aDeliveredMilestoneIsRemindedThenReleased() {
        func due(after hours: Double, remindedAt: Date? = nil) -> MilestoneTimers.Action? {
            MilestoneTimers.due(state: .delivered, orderState: .inProgress, deliveredAt: F.now, remindedAt: remindedAt,
                                now: F.now.addingTimeInterval(hours * Self.hour))
        }
        // before 48 hours: nothing
        #expect(due(after: 0) == nil)
        #expect(due(after: 47.99) == nil)
        // from 48 hours: the reminder, once
        #expect(due(after: 48) == .remind)
        #expect(due(after: 71.99) == .remind)
        #expect(due(after: 50, remindedAt: F.now.addingTimeInterval(48 * Self.hour)) == nil)
        // from 72 hours: the release, reminded or not
        #expect(due(after: 72) == .release)
        #expect(due(after: 72, remindedAt: F.now.addingTimeInterval(48 * Self.hour)) == .release)
        #expect(due(after: 500) == .release)
    }

    @Test func onlyADeliveredMilestoneOfARunningOrderHasTimers() {
        let late = F.now.addingTimeInterval(100 * Self.hour)
        // milestones not delivered, or already settled: never
        for state in MilestoneProgress.State.allCases where state != .delivered {
            #expect(MilestoneTimers.due(state: state, orderState: .inProgress, deliveredAt: F.now, remindedAt: nil, now: late) == nil)
        }
        // an open dispute stops the timers, and so does any order state but in progress
        for orderState in OrderState.allCases where orderState != .inProgress {
            #expect(MilestoneTimers.due(state: .delivered, orderState: orderState, deliveredAt: F.now, remindedAt: nil, now: late) == nil)
        }
        #expect(!MilestoneTimers.runs(orderState: .disputed))
        // a delivery without a recorded time has no anchor
        #expect(MilestoneTimers.due(state: .delivered, orderState: .inProgress, deliveredAt: nil, remindedAt: nil, now: late) == nil)
    }

    @Test func autoReleasePaysTheSellerNetOfTheFeeAsAnAcceptWould() throws {
        // given a milestone delivered 72 hours ago
        var (p, hold) = try delivered()
        var accepted = p
        let now = F.now.addingTimeInterval(72 * Self.hour)
        // when the timer releases it
        let auto = try p.autoRelease(hold, orderState: .inProgress, now: now)
        // then the postings are exactly those of the buyer's accept
        let manual = try accepted.release(hold, now: now)
        #expect(auto.postings == manual.postings)
        #expect(auto.hold.outcome?.sellerNetCents == 9_500)
        #expect(auto.hold.outcome?.feeCents == 500)
        #expect(p.state == .released)
        // and a released milestone cannot be released again
        #expect(throws: ConflictError.self) { try p.autoRelease(hold, orderState: .inProgress, now: now) }
    }

    @Test func autoReleaseRefusesWhatIsNotDue() throws {
        // too early
        var (early, hold) = try delivered()
        let error = #expect(throws: ConflictError.self) {
            try early.autoRelease(hold, orderState: .inProgress, now: F.now.addingTimeInterval(71 * Self.hour))
        }
        #expect(error?.code == "not_due")
        #expect(error?.message.contains("not before") == true)
        #expect(early.state == .delivered)
        // under an open dispute, however late
        var (disputed, disputedHold) = try delivered()
        let refused = #expect(throws: ConflictError.self) {
            try disputed.autoRelease(disputedHold, orderState: .disputed, now: F.now.addingTimeInterval(1_000 * Self.hour))
        }
        #expect(refused?.message.contains("disputed") == true)
        #expect(disputed.state == .delivered)
        // funded but never delivered
        var funded = MilestoneProgress(index: 0, milestone: Milestone(title: "Design", amountCents: 10_000, dueDate: F.now))
        let funding = try funded.fund(holdID: F.holdID, orderID: nil, buyer: F.buyer, seller: F.seller, feePolicy: .standard,
                                      provider: "sandbox", now: F.now)
        #expect(throws: ConflictError.self) { try funded.autoRelease(funding.hold, orderState: .inProgress, now: F.now.addingTimeInterval(1_000 * Self.hour)) }
        #expect(funded.state == .funded)
    }

    @Test func thePolicyStatesTheDelaysAndTheDisputeException() {
        let text = MilestoneTimers.plainLanguage.joined(separator: " ")
        #expect(text.contains("72 hours"))
        #expect(text.contains("48 hours"))
        #expect(text.contains("dispute"))
    }
}
