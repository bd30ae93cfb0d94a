// Drafts the thank-you note from the conversation notes, due within 24 hours, and reminds the explorer when it is due.
import Foundation

/// One question as it was asked and what the contact answered.
public struct QuestionNote: Codable, Equatable, Sendable {
    public var question: String
    public var answer: String

    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }
}

public struct ThankYouNote: Codable, Equatable, Sendable {
    public let subject: String
    public let body: String
    public let dueAt: Date

    public init(subject: String, body: String, dueAt: Date) {
        self.subject = subject
        self.body = body
        self.dueAt = dueAt
    }
}

public enum ThankYouReminder: Codable, Equatable, Sendable {
    /// The conversation has not happened yet.
    case notYet
    case due(remaining: TimeInterval)
    case overdue(by: TimeInterval)

    public var message: String {
        switch self {
        case .notYet: "The thank-you note is due within 24 hours of the conversation."
        case .due(let remaining):
            "Send your thank-you note within the next \(Int((remaining / 3600).rounded(.up))) hour\(Int((remaining / 3600).rounded(.up)) == 1 ? "" : "s"), while the conversation is fresh for both of you."
        case .overdue: "Your thank-you note is overdue. Send it now; late is far better than never."
        }
    }
}

public enum ThankYouDraft {
    /// A thank-you goes out within a day.
    public static let dueAfter: TimeInterval = 24 * 60 * 60

    /// The note. Beyond the notes, `contactTitle` and `contactOrganisation` name the contact's work, `topic` what the
    /// explorer is exploring (for how the talk bears on their own choice), `whatIShared` what they gave in return in
    /// their own words, and `profileURL` goes under the signature.
    public static func make(
        contactName: String, explorerName: String, heldAt: Date, notes: [QuestionNote],
        mostInteresting: String? = nil, adviceToAct: String? = nil,
        contactTitle: String? = nil, contactOrganisation: String? = nil, topic exploring: String? = nil,
        whatIShared: String? = nil, profileURL: String? = nil
    ) -> ThankYouNote {
        let contact = InterviewText.singleLine(contactName)
        let explorer = InterviewText.singleLine(explorerName)
        let highlight = nonEmpty(mostInteresting)
        let advice = nonEmpty(adviceToAct)
        var paragraphs = ["Dear \(contact),"]
        var work = ""
        if let organisation = nonEmpty(contactOrganisation) {
            work = nonEmpty(contactTitle).map { " about your work as \($0) at \(organisation)" } ?? " about your work at \(organisation)"
        }
        paragraphs.append("Thank you for taking the time to talk with me\(work). I learned more from our conversation than from weeks of reading.")

        var specifics: [String] = []
        if let highlight {
            specifics.append("What interested me most was \(lowerFirst(InterviewText.shortened(highlight, maxWords: 30))).")
        }
        // Name up to two answers from the notes, skipping ones already covered by the highlight or the advice.
        let answered = notes.filter { !InterviewText.trimmed($0.answer).isEmpty }
            .filter { note in
                let answer = InterviewText.trimmed(note.answer).lowercased()
                return answer != highlight?.lowercased() && answer != advice?.lowercased()
            }
        for note in answered.prefix(highlight == nil ? 2 : 1) {
            specifics.append("I especially appreciated your answer on \(topic(of: note.question)): \(InterviewText.shortened(note.answer, maxWords: 25)).")
        }
        if !specifics.isEmpty { paragraphs.append(specifics.joined(separator: " ")) }
        if let advice {
            paragraphs.append("I will act on your advice: \(InterviewText.shortened(advice, maxWords: 30)). I would be glad to let you know how it goes.")
        }
        if let exploring = nonEmpty(exploring) {
            paragraphs.append("It has made \(exploring) much more concrete for me as I decide where to take my own career.")
        }
        if let shared = nonEmpty(whatIShared) {
            paragraphs.append("I hope what I shared in return is useful to you: \(InterviewText.stripTrailingPunctuation(InterviewText.shortened(shared, maxWords: 30))).")
        }
        paragraphs.append("Thank you again for your time and for sharing your experience so openly.")
        let link = nonEmpty(profileURL).map { "\n\($0)" } ?? ""
        paragraphs.append("Best regards,\n\(explorer)\(link)")
        return ThankYouNote(subject: "Thank you for our conversation", body: paragraphs.joined(separator: "\n\n"), dueAt: heldAt.addingTimeInterval(dueAfter))
    }

    public static func reminder(heldAt: Date, now: Date) -> ThankYouReminder {
        if now < heldAt { return .notYet }
        let due = heldAt.addingTimeInterval(dueAfter)
        return now <= due ? .due(remaining: due.timeIntervalSince(now)) : .overdue(by: now.timeIntervalSince(due))
    }

    /// A question as a topic: the research preamble and question mark removed, shortened.
    static func topic(of question: String) -> String {
        var text = InterviewText.singleLine(question)
        for prefix in ["According to my research, ", "According to my research "] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        // Keep the first sentence only; questions built from findings carry the finding first.
        if let sentence = InterviewText.sentences(text).first { text = sentence }
        return "\"" + InterviewText.shortened(text, maxWords: 14) + "\""
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let clean = InterviewText.singleLine(text)
        return clean.isEmpty ? nil : clean
    }

    static func lowerFirst(_ text: String) -> String {
        // Only lowercase an ordinary capitalised word ("Your ability" → "your ability"), not a name or acronym ("AI").
        guard let first = text.first, first.isUppercase, text.count > 1,
              let second = text.dropFirst().first, second.isLowercase,
              let firstWord = text.split(separator: " ").first,
              ["The", "Your", "How", "That", "What", "Hearing", "Learning", "Seeing", "A", "An"].contains(String(firstWord)) else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
