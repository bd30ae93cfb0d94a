// Checks a request draft against the method: brief, referral first, a 15–30 minute ask, availability, and no job request.
import Foundation

public enum DraftWarningCode: String, Codable, CaseIterable, Sendable {
    case tooLong = "too_long"
    case tooShort = "too_short"
    case missingSubject = "missing_subject"
    case longSubject = "long_subject"
    case missingReferral = "missing_referral"
    case referralNotFirst = "referral_not_first"
    case missingAvailability = "missing_availability"
    case missingTimeRequest = "missing_time_request"
    case asksForTooMuchTime = "asks_for_too_much_time"
    case asksForJob = "asks_for_job"

    /// What the rule checks, for the method page.
    public var rule: String {
        let limits = DraftCheck.Limits.standard
        return switch self {
        case .tooLong: "An email request stays under \(limits.maximumWords) words: the contact is busy and your profile link carries the details."
        case .tooShort: "An email request has at least \(limits.minimumWords) words, enough to say who you are, why you write and what you ask."
        case .missingSubject: "An email request has a subject line."
        case .longSubject: "The subject is short: at most \(limits.maximumSubjectWords) words."
        case .missingReferral: "When someone referred you, the request names them."
        case .referralNotFirst: "The referral comes first, within the opening \(limits.referralWithinWords) words."
        case .missingAvailability: "The request says when you are available."
        case .missingTimeRequest: "The request asks for a specific, short time: fifteen to thirty minutes."
        case .asksForTooMuchTime: "The request asks for no more than thirty minutes."
        case .asksForJob: "The request never asks for a job, an opening, a referral to hiring, or a CV review."
        }
    }
}

/// One problem with a draft, in plain language.
public struct DraftWarning: Codable, Equatable, Sendable {
    public let code: DraftWarningCode
    public let message: String

    public init(code: DraftWarningCode, message: String) {
        self.code = code
        self.message = message
    }
}

/// Which text a check reads: the request is held to every rule; a thank-you note or a follow-up to the job-ask check,
/// since the method's rules on length, availability and time are about asking for the conversation.
public enum DraftKind: String, Codable, CaseIterable, Sendable {
    case request
    case thankYou = "thank_you"
    case followUp = "follow_up"
}

public enum DraftCheck {
    public struct Limits: Codable, Equatable, Sendable {
        public var minimumWords: Int
        public var maximumWords: Int
        public var maximumSubjectWords: Int
        public var referralWithinWords: Int
        public var maximumMinutes: Int

        public static let standard = Limits(minimumWords: 50, maximumWords: 125, maximumSubjectWords: 10, referralWithinWords: 40, maximumMinutes: 30)
    }

    /// Refuses a draft longer than the limits (422 naming the field), so that the API and the page check the same
    /// text: a page that cut the text short would check something other than what the explorer wrote.
    public static func validateInput(subject: String, body: String, referredBy: String? = nil) throws {
        var errors: [ValidationError] = []
        if subject.count > InterviewLimits.draftSubjectCharacters {
            errors.append(.init(field: "subject", reason: "Must be at most \(InterviewLimits.draftSubjectCharacters) characters."))
        }
        if body.count > InterviewLimits.draftBodyCharacters {
            errors.append(.init(field: "body", reason: "Must be at most \(InterviewLimits.draftBodyCharacters) characters."))
        }
        if (referredBy ?? "").count > InterviewLimits.referrerCharacters {
            errors.append(.init(field: "referredBy", reason: "Must be at most \(InterviewLimits.referrerCharacters) characters."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }

    /// Warnings for a draft, in reading order. Word-count and subject rules apply to email only;
    /// phone scripts and letters are held to the content rules.
    public static func check(
        subject: String, body: String, referredBy: String? = nil,
        channel: ContactChannel = .email, limits: Limits = .standard, organisation: String? = nil
    ) -> [DraftWarning] {
        var warnings: [DraftWarning] = []
        let words = InterviewText.wordCount(body)
        if channel == .email {
            if words > limits.maximumWords {
                warnings.append(DraftWarning(code: .tooLong, message: "The message has \(words) words; keep it under \(limits.maximumWords). A busy contact decides in seconds, and your profile link can carry the details."))
            } else if words < limits.minimumWords {
                warnings.append(DraftWarning(code: .tooShort, message: "The message has \(words) words; use at least \(limits.minimumWords) to say who you are, why you are writing to this person, and what you ask."))
            }
            let subjectWords = InterviewText.wordCount(subject)
            if subjectWords == 0 {
                warnings.append(DraftWarning(code: .missingSubject, message: "Add a short subject line so the contact knows what the message is about."))
            } else if subjectWords > limits.maximumSubjectWords {
                warnings.append(DraftWarning(code: .longSubject, message: "The subject has \(subjectWords) words; keep it to \(limits.maximumSubjectWords) or fewer."))
            }
        }
        if let referrer = referredBy.map(InterviewText.singleLine), !referrer.isEmpty {
            if let position = wordPosition(of: referrer, in: body) {
                if position >= limits.referralWithinWords {
                    warnings.append(DraftWarning(code: .referralNotFirst, message: "Mention \(referrer) right at the start: a shared connection is the strongest reason for the contact to read on."))
                }
            } else {
                warnings.append(DraftWarning(code: .missingReferral, message: "\(referrer) referred you, but the message does not say so. Name them in the first sentence."))
            }
        }
        if !mentionsAvailability(body) {
            warnings.append(DraftWarning(code: .missingAvailability, message: "Say when you are available (for example \"weekdays after 1 pm\") so the contact can answer with a time."))
        }
        let asked = askedMinutes(in: body)
        if asked.isEmpty {
            warnings.append(DraftWarning(code: .missingTimeRequest, message: "Ask for a specific, short amount of time, such as 15 or 20 minutes. A small, clear request is easier to accept."))
        } else if let most = asked.max(), most > limits.maximumMinutes {
            warnings.append(DraftWarning(code: .asksForTooMuchTime, message: "You ask for \(most) minutes; ask for fifteen to thirty. You can stay longer if the contact invites you to."))
        }
        warnings += jobAskWarnings(in: subject + "\n" + body, organisation: organisation)
        return warnings
    }

    /// The warnings for one kind of text.
    public static func check(kind: DraftKind, subject: String, body: String, referredBy: String? = nil,
                             channel: ContactChannel = .email, organisation: String? = nil) -> [DraftWarning] {
        switch kind {
        case .request: check(subject: subject, body: body, referredBy: referredBy, channel: channel, organisation: organisation)
        case .thankYou, .followUp: jobAskWarnings(in: subject + "\n" + body, organisation: organisation)
        }
    }

    /// The job-ask check alone, for every text that reaches the contact: the request, the thank-you note and follow-ups.
    /// `organisation` is the contact's, so that "at Nimbus Labs" reads as "at your company".
    public static func jobAskWarnings(in text: String, organisation: String? = nil) -> [DraftWarning] {
        JobRequestDetector.matches(in: text, organisation: organisation).map {
            DraftWarning(code: .asksForJob, message: "\"\($0.sentence)\" reads as asking for a job. \(JobRequestDetector.why)")
        }
    }

    /// The index of the first word where `name` starts (case-insensitive), if the body names it.
    static func wordPosition(of name: String, in body: String) -> Int? {
        let target = InterviewText.normalisedForMatching(name)
            .split(whereSeparator: { $0.isWhitespace })
            .map { String($0).trimmingCharacters(in: .punctuationCharacters) }
            .filter { !$0.isEmpty }
        guard !target.isEmpty else { return nil }
        let words = InterviewText.normalisedForMatching(body)
            .split(whereSeparator: { $0.isWhitespace })
            .map { String($0).trimmingCharacters(in: .punctuationCharacters) }
        guard words.count >= target.count else { return nil }
        for start in 0...(words.count - target.count) where Array(words[start..<(start + target.count)]) == target {
            return start
        }
        return nil
    }

    static func mentionsAvailability(_ body: String) -> Bool {
        let text = InterviewText.normalisedForMatching(body)
        let pattern = "\\b(available|availability|free (on|at|in|any|most|every|after|before|from|during|this|next)|any ?time|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekdays?|weekends?|mornings?|afternoons?|evenings?|lunchtime|next week|this week|mon|tue|wed|thu|fri)\\b"
        guard let regex = try? Regex(pattern).wordBoundaryKind(.simple) else { return true }
        return text.contains(regex)
    }

    /// Every amount of time the body asks for, in minutes ("15–20 minutes" gives 15 and 20, "half an hour" 30).
    static func askedMinutes(in body: String) -> [Int] {
        let text = InterviewText.normalisedForMatching(body)
            .replacingOccurrences(of: "\u{2013}", with: "-")
            .replacingOccurrences(of: "\u{2014}", with: "-")
        var minutes: [Int] = []
        let numberWords: [String: Int] = [
            "five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "twenty five": 25,
            "thirty": 30, "forty": 40, "forty-five": 45, "forty five": 45, "sixty": 60, "ninety": 90,
        ]
        let number = "(\\d{1,3}|twenty[- ]five|forty[- ]five|five|ten|fifteen|twenty|thirty|forty|sixty|ninety)"
        let pattern = "\\b\(number)(\\s*(-|to|or)\\s*\(number))?[\\s-]*(min|mins|minutes|minute)\\b"
        if let regex = try? Regex(pattern).wordBoundaryKind(.simple) {
            for match in text.matches(of: regex) {
                let found = String(text[match.range])
                // Pull every number out of the matched phrase, words or digits.
                let tokens = found.replacingOccurrences(of: "-", with: " ").split(separator: " ")
                var index = 0
                while index < tokens.count {
                    let token = String(tokens[index])
                    if let value = Int(token) {
                        minutes.append(value)
                    } else if index + 1 < tokens.count, let value = numberWords["\(token) \(tokens[index + 1])"] {
                        minutes.append(value)
                        index += 1
                    } else if let value = numberWords[token] {
                        minutes.append(value)
                    }
                    index += 1
                }
            }
        }
        var rest = text
        for (phrase, value) in [("quarter of an hour", 15), ("quarter-hour", 15), ("quarter hour", 15), ("half an hour", 30), ("half-hour", 30), ("half hour", 30)]
        where rest.contains(phrase) {
            minutes.append(value)
            // Removed so that "half an hour" is not read again as "an hour".
            rest = rest.replacingOccurrences(of: phrase, with: " ")
        }
        if let regex = try? Regex("\\b(an|one|1|two|2) hours?\\b").wordBoundaryKind(.simple), rest.contains(regex) {
            minutes.append(60)
        }
        return minutes
    }
}
