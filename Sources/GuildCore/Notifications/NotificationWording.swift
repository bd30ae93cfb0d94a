// Every notification's subject and text, in words: names, titles and dates as the member reads them (dates fixed in
// the member's own time zone, since the text is stored and read later). The app stores what these return.
import Foundation

public struct NotificationMessage: Equatable, Sendable {
    public var subject: String
    public var text: String

    public init(subject: String, text: String) {
        self.subject = subject
        self.text = text
    }
}

public enum NotificationWording {
    /// Longest subject and text stored (longer titles are cut, with an ellipsis).
    public static let subjectCharacters = 200
    public static let textCharacters = 2_000

    static func quoted(_ title: String) -> String {
        let t = title.count > 80 ? String(title.prefix(79)) + "…" : title
        return "“\(t)”"
    }

    static func milestone(_ position: Int?, _ title: String?) -> String {
        guard let position else { return "" }
        return "milestone \(position + 1)" + (title.map { " (\(quoted($0)))" } ?? "") + " of "
    }

    public static func orderFunded(orderTitle: String, buyerName: String, milestone position: Int? = nil, milestoneTitle: String? = nil,
                                   dueAt: Date?, zone: TimeZone) -> NotificationMessage {
        let what = milestone(position, milestoneTitle) + quoted(orderTitle)
        let due = dueAt.map { " Deliver by \(SpokenDate.fixed($0, in: zone))." } ?? ""
        return NotificationMessage(subject: "Paid: \(what)",
                                   text: "\(buyerName) paid for \(what). The money is held in escrow until the work is accepted.\(due)")
    }

    public static func orderDelivered(orderTitle: String, sellerName: String, milestone position: Int? = nil, milestoneTitle: String? = nil,
                                      autoAcceptAt: Date, zone: TimeZone) -> NotificationMessage {
        let what = milestone(position, milestoneTitle) + quoted(orderTitle)
        let steps = position == nil ? "accept it, ask for a revision or open a dispute" : "accept it or open a dispute"
        return NotificationMessage(subject: "Delivered: \(what)",
                                   text: "\(sellerName) delivered \(what). Look at the work and \(steps); without an answer it is accepted automatically on \(SpokenDate.fixed(autoAcceptAt, in: zone)).")
    }

    public static func acceptanceReminder(orderTitle: String, autoAcceptAt: Date, zone: TimeZone) -> NotificationMessage {
        NotificationMessage(subject: "Accepted automatically tomorrow: \(quoted(orderTitle))",
                            text: OrderNotices.acceptanceReminder(orderTitle: orderTitle, autoAcceptAt: autoAcceptAt, zone: zone))
    }

    public static func milestoneAcceptanceReminder(position: Int, milestoneTitle: String, orderTitle: String, autoAcceptAt: Date,
                                                   zone: TimeZone) -> NotificationMessage {
        NotificationMessage(subject: "Accepted automatically tomorrow: milestone \(position + 1) of \(quoted(orderTitle))",
                            text: OrderNotices.milestoneAcceptanceReminder(position: position, milestoneTitle: milestoneTitle, orderTitle: orderTitle,
                                                                           autoAcceptAt: autoAcceptAt, zone: zone))
    }

    /// The subject of a notice the order timers stored before the notification centre existed (only its kind and text remain).
    public static func legacySubject(kind: String) -> String {
        kind == NotificationKind.milestoneAcceptanceReminder.rawValue ? "A milestone will be accepted automatically"
            : "A delivery will be accepted automatically"
    }

    public static func disputeOpened(orderTitle: String, openedByName: String, answerBy: Date, zone: TimeZone) -> NotificationMessage {
        NotificationMessage(subject: "Dispute opened on \(quoted(orderTitle))",
                            text: "\(openedByName) opened a dispute on \(quoted(orderTitle)). Answer by \(SpokenDate.fixed(answerBy, in: zone)); without an answer the published default outcome applies, or propose a settlement.")
    }

    public static func disputeAnswerDue(orderTitle: String, answerBy: Date, zone: TimeZone) -> NotificationMessage {
        NotificationMessage(subject: "Answer the dispute on \(quoted(orderTitle)) within a day",
                            text: "Your answer to the dispute on \(quoted(orderTitle)) is due by \(SpokenDate.fixed(answerBy, in: zone)). Without it the published default outcome applies.")
    }

    public static func disputeDecisionDue(orderTitle: String, decideBy: Date, zone: TimeZone) -> NotificationMessage {
        NotificationMessage(subject: "Decide the dispute on \(quoted(orderTitle)) within a day",
                            text: "The dispute on \(quoted(orderTitle)) has both sides' words and waits for an arbiter. The decision is due by \(SpokenDate.fixed(decideBy, in: zone)); after that the published default outcome applies.")
    }

    public static func settlementProposed(orderTitle: String, proposerName: String, sellerCents: Int64, buyerCents: Int64) -> NotificationMessage {
        NotificationMessage(subject: "Settlement proposed on \(quoted(orderTitle))",
                            text: "\(proposerName) proposes to settle \(quoted(orderTitle)): \(MoneyFormat.format(cents: sellerCents)) to the seller and \(MoneyFormat.format(cents: buyerCents)) back to the buyer. Accept or decline it on the order's page.")
    }

    /// `ofYou`: a review about the reader became visible; `yours`: the reader's own review did.
    public static func reviewRevealed(orderTitle: String, ofYou: Bool, yours: Bool) -> NotificationMessage {
        let text: String
        switch (ofYou, yours) {
        case (true, true): text = "Both reviews of \(quoted(orderTitle)) are now visible: yours and the one about you."
        case (true, false): text = "The review about you on \(quoted(orderTitle)) is now visible. You may answer it once, in public."
        default: text = "Your review of \(quoted(orderTitle)) is now visible to everyone."
        }
        return NotificationMessage(subject: "Reviews revealed on \(quoted(orderTitle))", text: text)
    }

    /// To the member who flagged (`asAuthor` false) or to the review's author when the flag was upheld (`asAuthor` true).
    public static func reviewFlagDecided(orderTitle: String, upheld: Bool, reason: String, asAuthor: Bool) -> NotificationMessage {
        if asAuthor {
            return NotificationMessage(subject: "Your review of \(quoted(orderTitle)) was removed",
                                       text: "An arbiter upheld a flag on your review of \(quoted(orderTitle)) and removed it. Their reason: \(reason)")
        }
        return NotificationMessage(subject: upheld ? "Your flag was upheld" : "Your flag was rejected",
                                   text: upheld ? "An arbiter upheld your flag on a review of \(quoted(orderTitle)); the review is removed. Their reason: \(reason)"
                                                : "An arbiter rejected your flag on a review of \(quoted(orderTitle)); the review stays. Their reason: \(reason)")
    }

    public static func levelWarning(level: String, unmet: [String], noticeEndsAt: Date?, zone: TimeZone) -> NotificationMessage {
        let missing = unmet.isEmpty ? "" : " Short of: \(unmet.joined(separator: ", "))."
        let notice = noticeEndsAt.map { " You keep the level until \(SpokenDate.fixed($0, in: zone)); meet the requirements by then and the warning is lifted. You may appeal." } ?? ""
        return NotificationMessage(subject: "Level warning: \(level)",
                                   text: "The level evaluation found you short of the requirements of \(level).\(missing)\(notice)")
    }

    public static func proApplicationDecided(accepted: Bool, reason: String) -> NotificationMessage {
        accepted
            ? NotificationMessage(subject: "You are Pro", text: "An admin accepted your Pro application. Their reason: \(reason)")
            : NotificationMessage(subject: "Your Pro application was declined", text: "An admin declined your Pro application. Their reason: \(reason)")
    }

    public static func interviewRequest(explorerName: String, minutes: Int, topic: String) -> NotificationMessage {
        NotificationMessage(subject: "\(explorerName) asks for a conversation",
                            text: "\(explorerName) asks you for a \(minutes)-minute informational interview about \(topic). Accept, propose other times or decline.")
    }

    public static func thankYouDue(contactName: String, dueAt: Date, zone: TimeZone) -> NotificationMessage {
        NotificationMessage(subject: "Thank \(contactName) by \(SpokenDate.fixed(dueAt, in: zone))",
                            text: "Your thank-you note to \(contactName) is due by \(SpokenDate.fixed(dueAt, in: zone)), within a day of your conversation. A draft from your notes is ready.")
    }

    /// Cuts a subject and a text to what is stored.
    public static func fitted(_ m: NotificationMessage) -> NotificationMessage {
        func cut(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }
        return NotificationMessage(subject: cut(m.subject, subjectCharacters), text: cut(m.text, textCharacters))
    }
}

/// The email sent for a notification: plain text, addressed by name, with the link and the way to stop such emails.
public enum NotificationEmail {
    public static func body(displayName: String, text: String, link: String, settingsLink: String, kind: NotificationKind) -> String {
        """
        Hello \(displayName),

        \(text)

        Open it on Guild: \(link)

        --
        You get this email because of your notification settings on Guild (\(kind.label.lowercased())).
        Choose which emails Guild sends you: \(settingsLink)
        """
    }

    /// An absolute link from the instance's public address and a path.
    public static func absolute(_ path: String, base: String) -> String {
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return trimmed + (path.hasPrefix("/") ? path : "/" + path)
    }
}
