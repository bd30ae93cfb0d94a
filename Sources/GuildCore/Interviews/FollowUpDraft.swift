// Drafts the follow-up sent weeks after a conversation: what the explorer did with the contact's advice (in their own
// words), the reading they suggested and the people they named, with thanks and no ask. The job-ask check reads it too.
import Foundation

public struct FollowUpNote: Codable, Equatable, Sendable {
    public let subject: String
    public let body: String
    /// The first day worth sending it: a few weeks after the conversation, once there is something to report.
    public let sendFrom: Date
    /// What would make the note better, in words (empty when it reports what the explorer did).
    public let hints: [String]

    public init(subject: String, body: String, sendFrom: Date, hints: [String]) {
        self.subject = subject
        self.body = body
        self.sendFrom = sendFrom
        self.hints = hints
    }
}

/// A person the contact suggested, and how far the explorer got with them.
public struct FollowedReferral: Codable, Equatable, Sendable {
    public enum Progress: String, Codable, Sendable {
        /// A request went out; no conversation yet.
        case wroteTo = "wrote_to"
        /// They talked.
        case spokeWith = "spoke_with"
    }

    public var name: String
    public var organisation: String
    public var progress: Progress

    public init(name: String, organisation: String, progress: Progress) {
        self.name = name
        self.organisation = organisation
        self.progress = progress
    }
}

public enum FollowUpDraft {
    /// Three weeks: long enough to have acted on the advice, soon enough to be remembered.
    public static let sendAfterDays = 21

    public static var rules: [String] {
        [
            "About \(sendAfterDays / 7) weeks after a conversation, write once more to say what you did with the advice: the step closes the loop and keeps the contact in your network.",
            "Say what you did in your own words, name the reading you finished and the people you talked to on their suggestion, thank them, and ask for nothing.",
        ]
    }

    /// The note. `whatIDid` is the explorer's own account; `sourcesRead` are titles the contact recommended that the
    /// explorer marked read; `referrals` the people the contact named that the explorer wrote to or talked with.
    public static func make(
        contactName: String, explorerName: String, heldAt: Date, topic exploring: String?,
        adviceToAct: String?, whatIDid: String?, sourcesRead: [String] = [], referrals: [FollowedReferral] = [],
        profileURL: String? = nil
    ) -> FollowUpNote {
        let contact = InterviewText.singleLine(contactName)
        let advice = ThankYouDraft.nonEmpty(adviceToAct)
        let did = ThankYouDraft.nonEmpty(whatIDid)
        var paragraphs = ["Dear \(contact),"]
        var opening = "A few weeks ago you kindly talked with me"
        if let exploring = ThankYouDraft.nonEmpty(exploring) { opening += " about \(exploring)" }
        opening += ", and I wanted to let you know what came of it."
        paragraphs.append(opening)

        var news: [String] = []
        if let advice { news.append("You advised me: \(sentence(InterviewText.shortened(advice, maxWords: 30)))") }
        if let did { news.append(sentence(capitalised(InterviewText.shortened(did, maxWords: 60)))) }
        if !news.isEmpty { paragraphs.append(news.joined(separator: " ")) }

        let titles = sourcesRead.map(InterviewText.singleLine).filter { !$0.isEmpty }
        if !titles.isEmpty {
            paragraphs.append("I read \(list(titles.prefix(3).map { InterviewText.shortened($0, maxWords: 12) })), as you suggested.")
        }
        let spoke = referrals.filter { $0.progress == .spokeWith }.map(person)
        let wrote = referrals.filter { $0.progress == .wroteTo }.map(person)
        var people: [String] = []
        if !spoke.isEmpty { people.append("I also talked with \(list(Array(spoke.prefix(3)))) on your suggestion; thank you for the introduction.") }
        if !wrote.isEmpty { people.append("I have written to \(list(Array(wrote.prefix(3)))), as you suggested.") }
        if !people.isEmpty { paragraphs.append(people.joined(separator: " ")) }

        paragraphs.append("No need to reply: I simply wanted you to know that your time made a difference. Thank you again.")
        let link = ThankYouDraft.nonEmpty(profileURL).map { "\n\($0)" } ?? ""
        paragraphs.append("Best regards,\n\(InterviewText.singleLine(explorerName))\(link)")

        var hints: [String] = []
        if did == nil {
            hints.append("Say what you did with the advice, in your own words: the follow-up is worth sending when it reports something.")
        }
        if advice == nil { hints.append("Note the advice you will act on in the conversation notes, so the follow-up can name it.") }
        let subject = ThankYouDraft.nonEmpty(exploring).map { "What I did with your advice on \(InterviewText.shortened($0, maxWords: 5))" }
            ?? "What I did with your advice"
        return FollowUpNote(subject: subject, body: paragraphs.joined(separator: "\n\n"),
                            sendFrom: heldAt.addingTimeInterval(Double(sendAfterDays) * 86_400), hints: hints)
    }

    static func person(_ r: FollowedReferral) -> String {
        let name = InterviewText.singleLine(r.name)
        let organisation = InterviewText.singleLine(r.organisation)
        return organisation.isEmpty ? name : "\(name) at \(organisation)"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    static func sentence(_ text: String) -> String {
        let clean = InterviewText.singleLine(text)
        guard let last = clean.last else { return clean }
        return ".!?".contains(last) ? clean : clean + "."
    }

    static func capitalised(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
