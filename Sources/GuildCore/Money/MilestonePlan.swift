// How a custom order's state follows from its milestones: the order is the sum of its parts.
import Foundation

public enum MilestonePlan {
    /// The order's state given its milestones' states, or nil when the milestones do not decide it.
    ///
    /// Nothing funded yet: awaiting payment. Any part funded or delivered: in progress. Every part settled:
    /// completed if any part was released or split to the seller, otherwise cancelled (everything refunded).
    public static func orderState(for states: [MilestoneProgress.State]) -> OrderState? {
        guard !states.isEmpty else { return nil }
        let open: Set<MilestoneProgress.State> = [.funded, .delivered]
        if states.contains(where: open.contains) { return .inProgress }
        if states.allSatisfy({ $0 == .awaitingFunding }) { return .awaitingPayment }
        if states.contains(.awaitingFunding) { return .inProgress }
        return states.contains(where: { $0 == .released || $0 == .split }) ? .completed : .cancelled
    }

    /// The events a custom order takes through its milestones instead of the package steps.
    public static let packageOnlyEvents: Set<OrderEvent> = [.fund, .deliver, .accept, .requestRevision, .autoAccept]
}
