// Replies a practitioner sends on the platform to a conversation request: a kind decline, or an acceptance summary.
import Foundation

public enum DeclineReason: String, Codable, CaseIterable, Sendable {
    case tooBusy = "too_busy"
    case outsideMyArea = "outside_my_area"
    case notTakingRequests = "not_taking_requests"

    /// The reason as the practitioner picks it on the form.
    public var label: String {
        switch self {
        case .tooBusy: "Too busy"
        case .outsideMyArea: "Outside my area"
        case .notTakingRequests: "Not taking requests"
        }
    }

    var sentence: String {
        switch self {
        case .tooBusy: "My schedule is full at the moment, and I would rather say so now than keep you waiting."
        case .outsideMyArea: "Your questions are outside what I know well, and I would not want to give you second-hand answers."
        case .notTakingRequests: "I have paused conversation requests for a while."
        }
    }
}

public struct PlatformReply: Codable, Equatable, Sendable {
    public let subject: String
    public let body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// A polite no that thanks the explorer, gives a reason if chosen, and points somewhere useful when it can.
    public static func decline(
        explorerName: String, practitionerName: String, topic: String,
        reason: DeclineReason? = nil, suggestion: String? = nil
    ) -> PlatformReply {
        var paragraphs = ["Hello \(InterviewText.singleLine(explorerName)),"]
        var middle = "Thank you for asking to talk about \(InterviewText.singleLine(topic)); it is clear you have done your research. "
        middle += "I am sorry, but I cannot take on a conversation right now."
        if let reason { middle += " " + reason.sentence }
        paragraphs.append(middle)
        if let suggestion = suggestion.map(InterviewText.singleLine), !suggestion.isEmpty {
            paragraphs.append("You might find it worthwhile to contact \(suggestion) instead.")
        }
        paragraphs.append("I wish you well with your exploration.")
        paragraphs.append("Best regards,\n\(InterviewText.singleLine(practitionerName))")
        return PlatformReply(subject: "About your conversation request", body: paragraphs.joined(separator: "\n\n"))
    }

    /// What both sides agreed: who, when, how long, where, and what the explorer wants to cover.
    public static func acceptance(
        explorerName: String, practitionerName: String, minutes: Int, scheduledAt: Date?,
        timeZone: TimeZone, place: String?, topics: [String]
    ) -> PlatformReply {
        let explorer = InterviewText.singleLine(explorerName)
        let practitioner = InterviewText.singleLine(practitionerName)
        var lines = ["\(practitioner) agreed to a \(minutes)-minute conversation with \(explorer)."]
        if let scheduledAt {
            lines.append("When: \(InterviewText.longDateTime(scheduledAt, timeZone: timeZone)).")
        } else {
            lines.append("When: to be agreed; \(explorer) will propose times.")
        }
        if let place = place.map(InterviewText.singleLine), !place.isEmpty {
            lines.append("Where: \(place).")
        }
        let cleanTopics = topics.map(InterviewText.singleLine).filter { !$0.isEmpty }
        if !cleanTopics.isEmpty {
            lines.append("Topics: " + cleanTopics.prefix(5).joined(separator: "; ") + ".")
        }
        lines.append("\(explorer) will keep to the \(minutes) minutes and send a short thank-you afterwards.")
        return PlatformReply(subject: "Conversation agreed: \(practitioner) and \(explorer)", body: lines.joined(separator: "\n"))
    }
}
