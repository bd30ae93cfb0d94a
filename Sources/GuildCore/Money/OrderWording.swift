// Order states, steps and outcomes as a person says them: what the pages print instead of the codes the API returns.
import Foundation

extension OrderState {
    /// "Waiting for payment", "In progress", …: the order's state in words.
    public var spoken: String {
        switch self {
        case .awaitingPayment: "Waiting for payment"
        case .inProgress: "In progress"
        case .delivered: "Delivered, waiting for the buyer"
        case .completed: "Completed"
        case .cancelled: "Cancelled"
        case .disputed: "In dispute"
        case .resolved: "Resolved: the escrow was divided"
        case .expired: "Expired unpaid"
        }
    }
}

extension OrderEvent {
    /// What happened, for an order's history: "paid into escrow", "delivered", ….
    public var spoken: String {
        switch self {
        case .fund: "paid into escrow"
        case .deliver: "delivered"
        case .accept: "accepted the delivery"
        case .requestRevision: "asked for a revision"
        case .proposeCancellation: "proposed to cancel"
        case .acceptCancellation: "agreed to cancel"
        case .cancelBySeller: "cancelled as the seller"
        case .openDispute: "opened a dispute"
        case .resolveDispute: "resolved the dispute"
        case .settle: "accepted the settlement: the escrow was divided as agreed"
        case .autoAccept: "accepted automatically: the buyer did not answer in time"
        case .expire: "expired: nobody paid in time"
        }
    }
}

extension OrderActor {
    /// Who took a step, as the history says it.
    public var spoken: String {
        switch self {
        case .buyer: "the buyer"
        case .seller: "the seller"
        case .arbiter: "an arbiter"
        case .system: "Guild"
        }
    }
}

extension MilestoneProgress.State {
    /// A milestone's state in words.
    public var spoken: String {
        switch self {
        case .awaitingFunding: "Not paid yet"
        case .funded: "Paid into escrow"
        case .delivered: "Delivered, waiting for the buyer"
        case .released: "Paid to the seller"
        case .refunded: "Refunded to the buyer"
        case .split: "Divided by the dispute"
        }
    }
}

extension DisputeState {
    public var spoken: String {
        switch self {
        case .open: "Open"
        case .resolved: "Resolved"
        }
    }
}

extension DisputeOutcome.Reason {
    /// Why the escrow was divided as it was.
    public var spoken: String {
        switch self {
        case .arbiterDecision: "an arbiter decided"
        case .nothingDelivered: "nothing had been delivered, so the buyer was refunded"
        case .buyerDidNotAnswer: "the buyer did not answer in time"
        case .sellerDidNotAnswer: "the seller did not answer in time"
        case .deliveredWorkStandsWithoutDecision: "no arbiter decided in time, so delivered work stays paid"
        case .settlement: "the buyer and the seller agreed on a settlement"
        }
    }
}

/// An order history entry's event in words. The history also records steps that are not order events
/// (placing the order, answering a dispute, milestone steps); an unknown name is shown with spaces, never as a code.
public enum OrderHistoryWording {
    public static func spoken(event name: String) -> String {
        if let event = OrderEvent(rawValue: name) { return event.spoken }
        switch name {
        case "place": return "placed the order"
        case "answer_dispute": return "answered the dispute"
        case "propose_settlement": return "proposed a settlement"
        case "decline_settlement": return "declined the settlement"
        case "withdraw_settlement": return "withdrew the settlement"
        case "fund_milestone": return "paid a milestone into escrow"
        case "deliver_milestone": return "delivered a milestone"
        case "accept_milestone": return "accepted a milestone"
        case "auto_accept_milestone": return "accepted a milestone automatically: the buyer did not answer in time"
        default: return name.replacingOccurrences(of: "_", with: " ")
        }
    }
}

/// The texts of the notices the order timers leave for a member: the deadline spelt out in the reader's own time zone,
/// as a date that stays true whenever the notice is read.
public enum OrderNotices {
    public static func acceptanceReminder(orderTitle: String, autoAcceptAt: Date, zone: TimeZone) -> String {
        "The delivery of \"\(orderTitle)\" will be accepted automatically on \(SpokenDate.fixed(autoAcceptAt, in: zone)) unless you accept it, ask for a revision or open a dispute."
    }

    public static func milestoneAcceptanceReminder(position: Int, milestoneTitle: String, orderTitle: String, autoAcceptAt: Date,
                                                   zone: TimeZone) -> String {
        "Milestone \(position + 1) (\"\(milestoneTitle)\") of \"\(orderTitle)\" will be accepted automatically on \(SpokenDate.fixed(autoAcceptAt, in: zone)) unless you accept it or open a dispute."
    }
}
