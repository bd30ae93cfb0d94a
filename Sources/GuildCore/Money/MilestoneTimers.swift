// The published timers of a milestone: a delivered milestone is reminded and auto-accepted exactly like a package
// delivery, with the package order's own delays, so that a buyer's silence never leaves a seller unpaid.
import Foundation

public enum MilestoneTimers {
    /// What Guild does for one milestone when its timers run.
    public enum Action: String, Codable, Equatable, Sendable {
        /// Tell the buyer the milestone will be accepted automatically.
        case remind
        /// Accept the milestone on the buyer's behalf: the seller is paid for it.
        case release
    }

    /// The package delivery's reminder timer (`acceptance_reminder`), reused as is.
    public static let reminder: OrderTimer = packageTimer("acceptance_reminder")
    /// The package delivery's auto-accept timer (`auto_accept`), reused as is.
    public static let autoAccept: OrderTimer = packageTimer("auto_accept")

    /// When the buyer is reminded about a milestone delivered at `deliveredAt`.
    public static func reminderDueAt(deliveredAt: Date) -> Date { reminder.dueAt(anchoredAt: deliveredAt) }

    /// When a milestone delivered at `deliveredAt` is accepted automatically if the buyer stays silent.
    public static func autoAcceptAt(deliveredAt: Date) -> Date { autoAccept.dueAt(anchoredAt: deliveredAt) }

    /// The timers run only while the order takes milestone steps: never under an open dispute (`disputed`), whose
    /// own deadlines and default outcome decide the milestones in escrow, and never once the order has ended.
    public static func runs(orderState: OrderState) -> Bool { orderState == .inProgress }

    /// What is due now for one milestone, or nil. Only a delivered milestone has timers, anchored at its delivery;
    /// a milestone without a recorded delivery time has none. Past the auto-accept delay the milestone is released
    /// whether or not the reminder went out (as for a package delivery); before it, the buyer is reminded once.
    public static func due(state: MilestoneProgress.State, orderState: OrderState, deliveredAt: Date?, remindedAt: Date?,
                           now: Date) -> Action? {
        guard state == .delivered, runs(orderState: orderState), let deliveredAt else { return nil }
        if now >= autoAcceptAt(deliveredAt: deliveredAt) { return .release }
        if now >= reminderDueAt(deliveredAt: deliveredAt), remindedAt.map({ $0 < deliveredAt }) ?? true { return .remind }
        return nil
    }

    /// The rule in words, for /policies/disputes and the order pages.
    public static var plainLanguage: [String] {
        [
            "A delivered milestone is accepted automatically \(hours(autoAccept)) hours after its delivery if the buyer neither accepts it nor opens a dispute, and the seller is paid for it, minus the platform fee, as if the buyer had accepted. The buyer is reminded \(hours(reminder)) hours after the delivery. These are the same delays as for a package delivery.",
            "While a dispute is open on the order, no milestone is accepted automatically: the dispute's deadlines and published default outcome decide the milestones still in escrow.",
        ]
    }

    private static func hours(_ timer: OrderTimer) -> Int { timer.afterSeconds / OrderProcess.hourSeconds }

    private static func packageTimer(_ name: String) -> OrderTimer {
        guard let timer = OrderProcess.timers.first(where: { $0.name == name && $0.state == .delivered }) else {
            preconditionFailure("OrderProcess publishes no \(name) timer for deliveries")
        }
        return timer
    }
}

extension MilestoneProgress {
    /// The auto-accept timer fires: the same release as a buyer's accept, taken by Guild, and only when
    /// `MilestoneTimers` says it is due (delivered, no open dispute, the delay passed since the delivery).
    public mutating func autoRelease(_ hold: EscrowHold, orderState: OrderState, now: Date) throws -> EscrowResolution {
        guard MilestoneTimers.due(state: state, orderState: orderState, deliveredAt: deliveredAt, remindedAt: nil, now: now) == .release else {
            throw ConflictError(code: "not_due", message: autoReleaseRefusal(orderState: orderState, now: now))
        }
        return try release(hold, now: now)
    }

    private func autoReleaseRefusal(orderState: OrderState, now: Date) -> String {
        let name = "milestone \(index + 1)"
        if state != .delivered { return "\(name) is \(state.rawValue); only a delivered milestone is accepted automatically" }
        if !MilestoneTimers.runs(orderState: orderState) { return "\(name) is not accepted automatically while the order is \(orderState.rawValue)" }
        guard let deliveredAt else { return "\(name) has no recorded delivery time" }
        return "\(name) is accepted automatically from \(MilestoneTimers.autoAcceptAt(deliveredAt: deliveredAt).formatted(.iso8601)), not before"
    }
}
