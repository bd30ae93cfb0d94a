// The records an explorer keeps: research targets, findings, contacts, their own profile, and the agreed length; with validation.
import Foundation

/// A job, organisation or industry being researched.
public struct ResearchTarget: Codable, Equatable, Hashable, Sendable, Identifiable {
    public var id: UUID
    public var kind: TargetKind
    public var name: String

    public init(id: UUID, kind: TargetKind, name: String) {
        self.id = id
        self.kind = kind
        self.name = name
    }

    /// The target as it reads inside a sentence: "the role of UX researcher", "the logistics industry".
    public var phrase: String {
        let clean = InterviewText.singleLine(name)
        switch kind {
        case .job: return "the role of \(clean)"
        case .organisation: return clean
        case .industry:
            return clean.lowercased().hasSuffix("industry") || clean.lowercased().hasSuffix("sector")
                ? "the \(clean)" : "the \(clean) industry"
        }
    }

    public static func validate(name: String) throws {
        var errors: [ValidationError] = []
        InterviewLimits.requireText(name, field: "name", max: InterviewLimits.nameCharacters, into: &errors)
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

/// One thing learned before the conversation, with where it came from; `share` marks it as something to offer the contact.
public struct ResearchFinding: Codable, Equatable, Hashable, Sendable, Identifiable {
    public var id: UUID
    public var kind: FindingKind
    public var statement: String
    public var source: String
    public var recordedAt: Date
    public var share: Bool

    public init(id: UUID, kind: FindingKind, statement: String, source: String, recordedAt: Date, share: Bool = false) {
        self.id = id
        self.kind = kind
        self.statement = statement
        self.source = source
        self.recordedAt = recordedAt
        self.share = share
    }

    /// Whether the finding names where it came from (findings imported or kept from older notes may not).
    public var hasSource: Bool { !InterviewText.trimmed(source).isEmpty }

    /// Checks the fields a client sends; errors name the JSON fields.
    public static func validate(statement: String, source: String) throws {
        var errors: [ValidationError] = []
        InterviewLimits.requireText(statement, field: "statement", max: InterviewLimits.statementCharacters, singleLine: false, into: &errors)
        if InterviewText.trimmed(source).isEmpty {
            errors.append(ValidationError(field: "source", reason: "Say where this finding comes from (an article, a report, a web address, a person)."))
        } else if source.count > InterviewLimits.sourceCharacters {
            errors.append(ValidationError(field: "source", reason: "Must be at most \(InterviewLimits.sourceCharacters) characters."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }

    public func validate() throws {
        try Self.validate(statement: statement, source: source)
    }
}

/// What a finding turned out to be once tested in conversation, and what the contact said about it.
public struct FindingOutcome: Codable, Equatable, Hashable, Sendable {
    public var findingID: UUID
    public var verdict: FindingVerdict
    public var note: String?

    public init(findingID: UUID, verdict: FindingVerdict, note: String? = nil) {
        self.findingID = findingID
        self.verdict = verdict
        self.note = note
    }

    public func validate() throws {
        var errors: [ValidationError] = []
        if let note, note.count > InterviewLimits.statementCharacters {
            errors.append(ValidationError(field: "note", reason: "Must be at most \(InterviewLimits.statementCharacters) characters."))
        }
        // A refined or refuted finding is only useful with what the contact said instead.
        if verdict != .confirmed, InterviewText.trimmed(note ?? "").isEmpty {
            errors.append(ValidationError(field: "note", reason: "Say what the contact said instead when a finding is \(verdict.rawValue)."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

/// Someone the explorer would like to talk to.
public struct InterviewContact: Codable, Equatable, Hashable, Sendable, Identifiable {
    public var id: UUID
    public var name: String
    public var title: String
    public var organisation: String
    public var email: String?
    public var seniority: Seniority
    public var focusArea: String?
    public var preferredChannel: ContactChannel
    /// The person who suggested this contact; a request names them first.
    public var referredBy: String?

    public init(
        id: UUID, name: String, title: String, organisation: String, email: String? = nil,
        seniority: Seniority, focusArea: String? = nil, preferredChannel: ContactChannel, referredBy: String? = nil
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.organisation = organisation
        self.email = email
        self.seniority = seniority
        self.focusArea = focusArea
        self.preferredChannel = preferredChannel
        self.referredBy = referredBy
    }

    /// The referrer's name when there is a real one (blank counts as none).
    public var referrer: String? {
        guard let referredBy else { return nil }
        let clean = InterviewText.singleLine(referredBy)
        return clean.isEmpty ? nil : clean
    }

    public func validate() throws {
        var errors: [ValidationError] = []
        InterviewLimits.requireText(name, field: "name", max: InterviewLimits.nameCharacters, into: &errors)
        InterviewLimits.requireText(title, field: "title", max: InterviewLimits.nameCharacters, into: &errors)
        InterviewLimits.requireText(organisation, field: "organisation", max: InterviewLimits.nameCharacters, into: &errors)
        let cleanEmail = email.map(InterviewText.trimmed) ?? ""
        if !cleanEmail.isEmpty, !EmailAddress.isValid(cleanEmail) {
            errors.append(ValidationError(field: "email", reason: "Is not a valid email address (expected something like name@example.org)."))
        } else if cleanEmail.isEmpty, preferredChannel == .email {
            errors.append(ValidationError(field: "email", reason: "Is required when the preferred channel is email."))
        }
        InterviewLimits.optionalText(focusArea, field: "focusArea", max: InterviewLimits.nameCharacters, into: &errors)
        InterviewLimits.optionalText(referredBy, field: "referredBy", max: InterviewLimits.nameCharacters, into: &errors)
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

/// How the explorer presents themself: one line of who they are, a profile link for the signature, and when they are free.
public struct ExplorerProfile: Codable, Equatable, Hashable, Sendable {
    public var name: String
    /// One line: "second-year design student", "accountant moving into logistics".
    public var headline: String
    /// The profile link that stands in for a résumé in the signature.
    public var profileURL: String
    /// When they are free, in their own words: "weekdays after 1 pm".
    public var availability: String
    public var email: String?

    public init(name: String, headline: String, profileURL: String, availability: String, email: String? = nil) {
        self.name = name
        self.headline = headline
        self.profileURL = profileURL
        self.availability = availability
        self.email = email
    }

    public func validate() throws {
        var errors: [ValidationError] = []
        InterviewLimits.requireText(name, field: "name", max: InterviewLimits.nameCharacters, into: &errors)
        InterviewLimits.requireText(headline, field: "headline", max: InterviewLimits.headlineCharacters, into: &errors)
        if !ProfileLink.isValid(profileURL) {
            errors.append(ValidationError(field: "profileURL", reason: "Must be a full web address starting with https:// or http://."))
        }
        InterviewLimits.requireText(availability, field: "availability", max: InterviewLimits.availabilityCharacters, into: &errors)
        if let email, !InterviewText.trimmed(email).isEmpty, !EmailAddress.isValid(InterviewText.trimmed(email)) {
            errors.append(ValidationError(field: "email", reason: "Is not a valid email address (expected something like name@example.org)."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

/// The agreed length of a conversation: the method asks for fifteen to thirty minutes.
public enum InterviewLength {
    public static let allowedMinutes: ClosedRange<Int> = 15...30
    /// What a new interview's form offers first: room for rapport, a few questions and the "who else?" question.
    public static let suggestedMinutes = 20
    public static let rule = "Ask for fifteen to thirty minutes, and offer to end on time."

    public static func validate(minutes: Int, field: String = "minutes") throws {
        guard allowedMinutes.contains(minutes) else {
            throw ValidationErrors([ValidationError(
                field: field,
                reason: "Must be between \(allowedMinutes.lowerBound) and \(allowedMinutes.upperBound) minutes; an informational interview is short."
            )])
        }
    }
}

/// Length limits for interview records, in one place.
public enum InterviewLimits {
    public static let nameCharacters = 200
    public static let headlineCharacters = 160
    public static let availabilityCharacters = 160
    public static let statementCharacters = 1000
    public static let sourceCharacters = 500
    /// A draft the explorer checks or edits: the same limits for the API and the pages (longer is refused, never cut).
    public static let draftSubjectCharacters = 500
    public static let draftBodyCharacters = 20_000
    public static let referrerCharacters = 200
    public static let phoneCharacters = 60
    public static let postalAddressCharacters = 500
    /// One note under a question, and each of the three summary fields after a conversation.
    public static let noteCharacters = 4000
    public static let summaryCharacters = 2000
    /// A practitioner's answer to an on-platform request: other times, the place, a suggestion when declining.
    public static let proposedTimesCharacters = 500
    public static let placeCharacters = 200
    public static let suggestionCharacters = 200
    public static let questionIDCharacters = 100

    static func requireText(_ value: String, field: String, max: Int, singleLine: Bool = true, into errors: inout [ValidationError]) {
        if InterviewText.trimmed(value).isEmpty {
            errors.append(ValidationError(field: field, reason: "Must not be empty."))
        } else if value.count > max {
            errors.append(ValidationError(field: field, reason: "Must be at most \(max) characters."))
        } else if singleLine, value.contains(where: { $0.isNewline }) {
            // Names and titles end up in mail headers and calendar fields, where a line break would corrupt the file.
            errors.append(ValidationError(field: field, reason: "Must be a single line."))
        }
    }

    static func optionalText(_ value: String?, field: String, max: Int, into errors: inout [ValidationError]) {
        guard let value else { return }
        if value.count > max {
            errors.append(ValidationError(field: field, reason: "Must be at most \(max) characters."))
        } else if value.contains(where: { $0.isNewline }) {
            errors.append(ValidationError(field: field, reason: "Must be a single line."))
        }
    }
}

/// A pragmatic check of addresses that will go into mail headers, calendar files and mailto links.
public enum EmailAddress {
    public static func isValid(_ address: String) -> Bool {
        guard address.count <= 254, address.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) else {
            return false
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0]
        let domain = parts[1]
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
        guard !local.isEmpty, local.count <= 64, local.allSatisfy({ localAllowed.contains($0) }),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.allSatisfy({ labelAllowed.contains($0) })
                && !label.hasPrefix("-") && !label.hasSuffix("-")
        }
    }
}

/// A profile link must be an absolute http(s) address with a host.
public enum ProfileLink {
    public static func isValid(_ link: String) -> Bool {
        let clean = InterviewText.trimmed(link)
        guard !clean.isEmpty, !clean.contains(where: { $0.isWhitespace }), let url = URL(string: clean),
              let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, host.contains(".") || host == "localhost" else { return false }
        return true
    }
}
