// Drafts the request for an informational interview on the contact's preferred channel: email, phone script or letter.
import Foundation

public struct RequestDraft: Codable, Equatable, Sendable {
    public let channel: ContactChannel
    /// The email subject; for a phone script or letter, a title for the explorer's own records.
    public let subject: String
    public let body: String
    /// What the draft checker says about the draft as produced.
    public let warnings: [DraftWarning]

    public init(channel: ContactChannel, subject: String, body: String, warnings: [DraftWarning]) {
        self.channel = channel
        self.subject = subject
        self.body = body
        self.warnings = warnings
    }

    /// The draft for the contact's preferred channel.
    public static func make(
        explorer: ExplorerProfile, contact: InterviewContact, target: ResearchTarget,
        findings: [ResearchFinding], minutes: Int
    ) -> RequestDraft {
        switch contact.preferredChannel {
        case .email: email(explorer: explorer, contact: contact, target: target, findings: findings, minutes: minutes)
        case .phone: phoneScript(explorer: explorer, contact: contact, target: target, findings: findings, minutes: minutes)
        case .post: letter(explorer: explorer, contact: contact, target: target, findings: findings, minutes: minutes)
        }
    }

    /// A brief email: referral first, who you are and why you write, a line of research, the time asked for,
    /// availability, and a signature whose profile link stands in for a résumé. Shortened until it fits the word limit.
    public static func email(
        explorer: ExplorerProfile, contact: InterviewContact, target: ResearchTarget,
        findings: [ResearchFinding], minutes: Int
    ) -> RequestDraft {
        let subject = emailSubject(contact: contact, target: target, minutes: minutes)
        let chosen = mentionable(findings, focusArea: contact.focusArea)
        // Longest first; the first version that fits the limit is used.
        // The last attempt leaves the research line out: a long headline must not push the ask over the limit.
        let attempts: [(findings: Int, words: Int)] = [(2, 14), (2, 9), (1, 12), (1, 7), (0, 0), (0, -1)]
        var body = ""
        for attempt in attempts {
            body = emailBody(explorer: explorer, contact: contact, target: target,
                             findings: Array(chosen.prefix(attempt.findings)), wordsPerFinding: attempt.words, minutes: minutes)
            if InterviewText.wordCount(body) <= DraftCheck.Limits.standard.maximumWords { break }
        }
        return RequestDraft(channel: .email, subject: subject, body: body,
                            warnings: DraftCheck.check(subject: subject, body: body, referredBy: contact.referrer, channel: .email,
                                                              organisation: contact.organisation))
    }

    /// What to say on the phone: the same ask as the email (from `RequestAsk`), the closing line if they agree, and what
    /// to say if now is a bad time or the answer is no.
    public static func phoneScript(
        explorer: ExplorerProfile, contact: InterviewContact, target: ResearchTarget,
        findings: [ResearchFinding], minutes: Int
    ) -> RequestDraft {
        var lines: [String] = ["Hello, may I speak with \(clean(contact.name))?"]
        var opening = ""
        if let referrer = contact.referrer {
            opening = "\(referrer) suggested I call you. "
        }
        opening += "My name is \(clean(explorer.name)), \(headline(explorer)), and I am exploring \(target.phrase). "
            + "As \(clean(contact.title)) at \(clean(contact.organisation)), you see it from the inside."
        lines.append(opening)
        if let finding = mentionable(findings, focusArea: contact.focusArea).first {
            lines.append("I have done some research already, for example: \(InterviewText.shortened(finding.statement, maxWords: 14)). I would value your view on it.")
        }
        lines.append(RequestAsk.ask(minutes: minutes, availability: availability(explorer), channel: .phone))
        lines.append("If they agree: \"\(RequestAsk.closing(.phone))\"")
        lines.append("If now is not a good time: \"Thank you. When would be a better time to call back?\"")
        lines.append("If the answer is no: \"Thank you for your time. Is there someone else you would suggest I talk to?\"")
        lines.append("If they ask for more about you: \(clean(explorer.profileURL))")
        let body = lines.joined(separator: "\n\n")
        let subject = "Phone script: \(clean(contact.name)), \(clean(contact.organisation))"
        return RequestDraft(channel: .phone, subject: subject, body: body,
                            warnings: DraftCheck.check(subject: subject, body: body, referredBy: contact.referrer, channel: .phone,
                                                              organisation: contact.organisation))
    }

    /// A short postal letter with the same content as the email (the same ask and closing, from `RequestAsk`) and the
    /// profile link in the text.
    public static func letter(
        explorer: ExplorerProfile, contact: InterviewContact, target: ResearchTarget,
        findings: [ResearchFinding], minutes: Int
    ) -> RequestDraft {
        var paragraphs: [String] = []
        var sender = [clean(explorer.name), clean(explorer.profileURL)]
        if let email = explorer.email.map(clean), !email.isEmpty { sender.append(email) }
        paragraphs.append(sender.joined(separator: "\n"))
        paragraphs.append("\(clean(contact.name))\n\(clean(contact.title))\n\(clean(contact.organisation))")
        paragraphs.append("Dear \(clean(contact.name)),")
        paragraphs.append(introduction(explorer: explorer, contact: contact, target: target))
        let chosen = mentionable(findings, focusArea: contact.focusArea).prefix(2)
        if let research = researchSentence(Array(chosen), wordsPerFinding: 16) {
            paragraphs.append(research)
        }
        paragraphs.append(RequestAsk.ask(minutes: minutes, availability: availability(explorer), channel: .post))
        var more = "You can find more about me at \(clean(explorer.profileURL))"
        if let email = explorer.email.map(clean), !email.isEmpty { more += ", and reach me at \(email)" }
        paragraphs.append(more + ".")
        paragraphs.append(RequestAsk.closing(.post))
        paragraphs.append("Yours sincerely,\n\(clean(explorer.name))\n\(headline(explorer))")
        let body = paragraphs.joined(separator: "\n\n")
        let subject = "Letter: \(clean(contact.name)), \(clean(contact.organisation))"
        return RequestDraft(channel: .post, subject: subject, body: body,
                            warnings: DraftCheck.check(subject: subject, body: body, referredBy: contact.referrer, channel: .post,
                                                              organisation: contact.organisation))
    }

    // MARK: - Parts

    static func emailSubject(contact: InterviewContact, target: ResearchTarget, minutes: Int) -> String {
        if let referrer = contact.referrer {
            return "\(InterviewText.shortened(referrer, maxWords: 4)) suggested I contact you"
        }
        return "A \(minutes)-minute conversation about \(InterviewText.shortened(target.name, maxWords: 5))?"
    }

    static func emailBody(
        explorer: ExplorerProfile, contact: InterviewContact, target: ResearchTarget,
        findings: [ResearchFinding], wordsPerFinding: Int, minutes: Int
    ) -> String {
        var paragraphs = ["Dear \(clean(contact.name)),"]
        paragraphs.append(introduction(explorer: explorer, contact: contact, target: target))
        if wordsPerFinding >= 0 {
            paragraphs.append(researchSentence(findings, wordsPerFinding: wordsPerFinding)
                ?? "I have been researching \(target.phrase) and would be glad to share what I found.")
        }
        paragraphs.append(RequestAsk.ask(minutes: minutes, availability: availability(explorer), channel: .email))
        paragraphs.append(RequestAsk.closing(.email))
        paragraphs.append("Best regards,\n\(clean(explorer.name))\n\(headline(explorer))\n\(clean(explorer.profileURL))")
        return paragraphs.joined(separator: "\n\n")
    }

    /// Referral first, then who the explorer is and why this contact.
    static func introduction(explorer: ExplorerProfile, contact: InterviewContact, target: ResearchTarget) -> String {
        var text = ""
        if let referrer = contact.referrer {
            text = "\(referrer) suggested I get in touch with you. "
        }
        text += "I am \(clean(explorer.name)), \(headline(explorer)), and I am exploring \(target.phrase). "
        text += "As \(clean(contact.title)) at \(clean(contact.organisation)), you see it from the inside."
        return text
    }

    static func researchSentence(_ findings: [ResearchFinding], wordsPerFinding: Int) -> String? {
        guard !findings.isEmpty, wordsPerFinding > 0 else { return nil }
        let points = findings.map { InterviewText.shortened($0.statement, maxWords: wordsPerFinding) }
        return "I have done some research first, for example: \(points.joined(separator: "; ")). I would be glad to share what I found."
    }

    /// Findings worth naming in a first message: focus matches first, current news before the rest; pay and
    /// lifestyle are left for the conversation itself.
    static func mentionable(_ findings: [ResearchFinding], focusArea: String?) -> [ResearchFinding] {
        let order: [FindingKind] = [.trend, .innovation, .competitor, .challenge, .skills, .careerPath, .culture]
        return findings
            .filter { order.contains($0.kind) && !InterviewText.trimmed($0.statement).isEmpty }
            .sorted { left, right in
                let leftFocus = FocusMatch.matches(left, focusArea: focusArea)
                let rightFocus = FocusMatch.matches(right, focusArea: focusArea)
                if leftFocus != rightFocus { return leftFocus }
                let leftRank = order.firstIndex(of: left.kind) ?? order.count
                let rightRank = order.firstIndex(of: right.kind) ?? order.count
                if leftRank != rightRank { return leftRank < rightRank }
                return left.recordedAt > right.recordedAt
            }
    }

    static func headline(_ explorer: ExplorerProfile) -> String {
        InterviewText.shortened(explorer.headline, maxWords: 14)
    }

    /// The explorer's availability as it follows "I am available": a leading "I am available" is not repeated.
    static func availability(_ explorer: ExplorerProfile) -> String {
        var text = InterviewText.stripTrailingPunctuation(InterviewText.singleLine(explorer.availability))
        for prefix in ["i am available ", "i'm available ", "available "] where text.lowercased().hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        return text
    }

    static func clean(_ text: String) -> String {
        InterviewText.singleLine(text)
    }
}

/// The parts of a request every channel holds (email, phone script, letter), written once: an acknowledgement of the
/// contact's time, the minutes asked for, every way to meet (phone, video, in person), the explorer's availability,
/// an invitation to name their own time, and a closing line. A small, flexible request is the easiest to accept.
public enum RequestElement: String, Codable, CaseIterable, Sendable {
    case acknowledgesTime = "acknowledges_time"
    case asksForMinutes = "asks_for_minutes"
    case offersPhone = "offers_phone"
    case offersVideo = "offers_video"
    case offersInPerson = "offers_in_person"
    case givesAvailability = "gives_availability"
    case invitesTheirTime = "invites_their_time"
    case closes

    /// What the element is, for the method page and test messages.
    public var rule: String {
        switch self {
        case .acknowledgesTime: "It acknowledges that the contact's time is precious."
        case .asksForMinutes: "It asks for a specific, short number of minutes."
        case .offersPhone: "It offers a phone call."
        case .offersVideo: "It offers a video call."
        case .offersInPerson: "It offers to meet in person."
        case .givesAvailability: "It says when the explorer is available."
        case .invitesTheirTime: "It invites the contact to name a time that suits them."
        case .closes: "It ends with a closing line that thanks the contact."
        }
    }
}

public enum RequestAsk {
    static let acknowledgement = "I know your time is precious"
    static let ways = "by phone, video or in person over coffee"
    static let theirTime = "Or name a time that suits you."

    /// The ask, worded for the channel: written (email, letter) or said (phone).
    public static func ask(minutes: Int, availability: String, channel: ContactChannel) -> String {
        switch channel {
        case .email, .post:
            "\(acknowledgement): could we talk for \(minutes) minutes, \(ways)? I am available \(availability). \(theirTime)"
        case .phone:
            "\(acknowledgement), so I will be brief. Would you have \(minutes) minutes to talk, now or later, \(ways)? "
                + "I am available \(availability). \(theirTime)"
        }
    }

    /// The closing line: thanks, and looking forward to the answer (or, on the phone, to the conversation).
    public static func closing(_ channel: ContactChannel) -> String {
        switch channel {
        case .email: "Thank you; I look forward to your reply."
        case .post: "Thank you for considering my request; I look forward to your reply."
        case .phone: "Thank you; I look forward to our conversation. May I send you a short note to confirm the time?"
        }
    }

    /// The elements a request text lacks, in the order of `RequestElement`; empty for a complete request.
    public static func missing(in body: String) -> [RequestElement] {
        let text = InterviewText.normalisedForMatching(body)
        func has(_ pattern: String) -> Bool {
            guard let regex = try? Regex(pattern).wordBoundaryKind(.simple) else { return false }
            return text.contains(regex)
        }
        var missing: [RequestElement] = []
        if !has(#"\byour time is (precious|valuable)\b|\bgrateful for (any of )?your time\b"#) { missing.append(.acknowledgesTime) }
        if DraftCheck.askedMinutes(in: body).isEmpty { missing.append(.asksForMinutes) }
        if !has(#"\b(by|on the) phone\b|\bphone call\b|\bcall\b"#) { missing.append(.offersPhone) }
        if !has(#"\bvideo\b"#) { missing.append(.offersVideo) }
        if !has(#"\bin person\b|\bover coffee\b|\bmeet\b"#) { missing.append(.offersInPerson) }
        if !DraftCheck.mentionsAvailability(body) { missing.append(.givesAvailability) }
        if !has(#"\bname a time\b|\ba time that suits you\b|\bwhenever suits you\b"#) { missing.append(.invitesTheirTime) }
        if !has(#"\bthank you\b.*\blook forward\b|\blook forward\b.*\bthank you\b"#) { missing.append(.closes) }
        return missing
    }
}
