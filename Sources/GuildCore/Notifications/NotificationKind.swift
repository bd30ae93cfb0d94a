// What Guild tells a member, as data: each kind of notification, what it is about in words, whether a member may turn
// it off in the notification centre, and whether it is emailed unless the member says otherwise.
import Foundation

public enum NotificationKind: String, Codable, CaseIterable, Sendable {
    /// To the seller: the buyer paid (an order or one of its milestones); the work can start.
    case orderFunded = "order_funded"
    /// To the buyer: the seller delivered (an order or a milestone); accept, ask for a revision or dispute.
    case orderDelivered = "order_delivered"
    /// To the buyer, from the order timers: a delivery is accepted automatically tomorrow. (The kind names of the
    /// order timers' first notices, kept as they were: clients read them.)
    case acceptanceReminder = "acceptance_reminder"
    /// The same for a delivered milestone of a custom order.
    case milestoneAcceptanceReminder = "milestone_acceptance_reminder"
    /// To the other side: a dispute was opened and waits for their answer.
    case disputeOpened = "dispute_opened"
    /// To the side that must answer a dispute: the answer deadline is within a day.
    case disputeAnswerDue = "dispute_answer_due"
    /// To every arbiter who is not a party: an answered dispute's decision deadline is within a day.
    case disputeDecisionDue = "dispute_decision_due"
    /// To the other side: a settlement was proposed and waits for an answer.
    case settlementProposed = "settlement_proposed"
    /// To both sides: reviews of an order became visible.
    case reviewRevealed = "review_revealed"
    /// To whoever flagged a review, and to its author when it is removed: an arbiter decided the flag.
    case reviewFlagDecided = "review_flag_decided"
    /// To the seller: the monthly evaluation found them short of their level; the notice period started.
    case levelWarning = "level_warning"
    /// To the seller: an admin accepted or declined their Pro application.
    case proApplicationDecided = "pro_application_decided"
    /// To a practitioner: a member asked them for an informational interview on the platform.
    case interviewRequest = "interview_request"
    /// To the explorer: the thank-you note after a held conversation is due within the day.
    case thankYouDue = "thank_you_due"

    /// The kinds a member sets, in the order the settings page lists them. A milestone's reminder follows the
    /// setting of the delivery reminder.
    public static var settable: [NotificationKind] { allCases.filter { $0.setting == $0 } }

    /// The kind whose setting applies to this one.
    public var setting: NotificationKind { self == .milestoneAcceptanceReminder ? .acceptanceReminder : self }

    /// What it is about, for the settings page: "When …".
    public var label: String {
        switch self {
        case .orderFunded: "A buyer pays for your order or one of its milestones"
        case .orderDelivered: "A seller delivers your order or one of its milestones"
        case .acceptanceReminder, .milestoneAcceptanceReminder: "A delivery will be accepted automatically tomorrow"
        case .disputeOpened: "The other side opens a dispute on your order"
        case .disputeAnswerDue: "Your answer to a dispute is due within a day"
        case .disputeDecisionDue: "An arbiter's decision on a dispute is due within a day (arbiters)"
        case .settlementProposed: "The other side proposes a settlement"
        case .reviewRevealed: "Reviews of your order become visible"
        case .reviewFlagDecided: "An arbiter decides a flag you raised, or removes your review"
        case .levelWarning: "The level evaluation warns that you are short of your level"
        case .proApplicationDecided: "Your Pro application is decided"
        case .interviewRequest: "A member asks you for an informational interview"
        case .thankYouDue: "The thank-you note after a conversation is due"
        }
    }

    /// Whether a member may hide it from the notification centre. Those that ask for an action with a deadline, or
    /// concern money, always appear there; a member may still stop their emails.
    public var inAppOptional: Bool {
        switch self.setting {
        case .reviewRevealed, .reviewFlagDecided, .proApplicationDecided, .thankYouDue: true
        default: false
        }
    }

    /// Emailed unless the member turns it off.
    public var emailByDefault: Bool {
        switch self.setting {
        case .reviewRevealed, .reviewFlagDecided: false
        default: true
        }
    }
}

/// A member's choice for one kind: in the notification centre, by email.
public struct NotificationPreference: Codable, Equatable, Sendable {
    public var inApp: Bool
    public var email: Bool

    public init(inApp: Bool, email: Bool) {
        self.inApp = inApp
        self.email = email
    }

    /// What applies when the member has not chosen.
    public static func standard(for kind: NotificationKind) -> NotificationPreference {
        NotificationPreference(inApp: true, email: kind.emailByDefault)
    }

    /// A stored choice made to fit the rules: a kind that cannot be hidden stays in the centre.
    public static func effective(for kind: NotificationKind, stored: NotificationPreference?) -> NotificationPreference {
        guard var p = stored else { return standard(for: kind) }
        if !kind.inAppOptional { p.inApp = true }
        return p
    }
}

/// Reminders sent on a timer, and when.
public enum NotificationTimers {
    /// A dispute's respondent is reminded this long before the answer deadline.
    public static let disputeAnswerReminderSeconds = 24 * 3_600
    /// Arbiters are reminded this long before an answered dispute's decision deadline.
    public static let disputeDecisionReminderSeconds = 24 * 3_600
    /// A thank-you note is due within this long of the conversation (the interview method's 24 hours).
    public static let thankYouDueSeconds = Int(ThankYouDraft.dueAfter)
    /// The explorer is reminded this long after the conversation if no thank-you was sent yet.
    public static let thankYouReminderAfterSeconds = 12 * 3_600

    /// Whether a dispute's answer reminder is due now: open, unanswered, within a day of the deadline, not past it.
    public static func answerReminderDue(openedAt: Date, answeredAt: Date?, now: Date) -> Bool {
        guard answeredAt == nil else { return false }
        let answerBy = DisputeRules.deadlines(openedAt: openedAt, answeredAt: nil).answerBy
        return now >= answerBy.addingTimeInterval(-TimeInterval(disputeAnswerReminderSeconds)) && now < answerBy
    }

    /// Whether the arbiters' reminder is due now: answered, within a day of the decision deadline, not past it.
    public static func decisionReminderDue(openedAt: Date, answeredAt: Date?, now: Date) -> Bool {
        guard let decideBy = DisputeRules.deadlines(openedAt: openedAt, answeredAt: answeredAt).decideBy else { return false }
        return now >= decideBy.addingTimeInterval(-TimeInterval(disputeDecisionReminderSeconds)) && now < decideBy
    }

    /// When the thank-you after a conversation held at `heldAt` is due.
    public static func thankYouDueAt(heldAt: Date) -> Date { heldAt.addingTimeInterval(TimeInterval(thankYouDueSeconds)) }

    /// Whether the thank-you reminder is due now: held at least `thankYouReminderAfterSeconds` ago, not thanked, not past due.
    public static func thankYouReminderDue(heldAt: Date, thankedAt: Date?, now: Date) -> Bool {
        thankedAt == nil && now >= heldAt.addingTimeInterval(TimeInterval(thankYouReminderAfterSeconds)) && now < thankYouDueAt(heldAt: heldAt)
    }
}
