// The words of the informational-interview method: what is researched, who is contacted, and how an interview moves on.
import Foundation

/// What an explorer researches before asking anyone for a conversation.
public enum TargetKind: String, Codable, CaseIterable, Sendable {
    case job
    case organisation
    case industry
}

/// The kind of thing a research finding says; each kind becomes its own question form.
public enum FindingKind: String, Codable, CaseIterable, Sendable {
    case competitor
    case trend
    case challenge
    case innovation
    case salary
    case lifestyle
    case careerPath = "career_path"
    case skills
    case culture

    /// A short label for pages and forms.
    public var label: String {
        switch self {
        case .competitor: "Competitors"
        case .trend: "Trend"
        case .challenge: "Challenge"
        case .innovation: "Innovation"
        case .salary: "Salary range"
        case .lifestyle: "Lifestyle"
        case .careerPath: "Career path"
        case .skills: "Skills"
        case .culture: "Culture"
        }
    }

    /// Words that tie a contact's focus area to this kind of finding ("technology" → innovation).
    public var keywords: [String] {
        switch self {
        case .competitor: ["competitor", "competition", "rival", "market", "player"]
        case .trend: ["trend", "shift", "change", "future"]
        case .challenge: ["challenge", "risk", "problem", "threat", "regulation"]
        case .innovation: ["innovation", "technology", "tech", "product", "digital", "automation", "ai"]
        case .salary: ["salary", "pay", "compensation", "wage", "income", "money"]
        case .lifestyle: ["lifestyle", "travel", "hours", "balance", "schedule", "remote"]
        case .careerPath: ["career", "path", "promotion", "progression", "trajectory", "title"]
        case .skills: ["skill", "training", "qualification", "certification", "tool"]
        case .culture: ["culture", "team", "people", "values", "management"]
        }
    }
}

/// How senior a contact is; senior and executive contacts get broad strategy questions early.
public enum Seniority: String, Codable, CaseIterable, Sendable {
    case junior
    case mid
    case senior
    case executive

    public var prefersStrategy: Bool { self == .senior || self == .executive }
}

/// How a contact prefers to be approached; the request is drafted for that channel.
public enum ContactChannel: String, Codable, CaseIterable, Sendable {
    case email
    case phone
    case post
}

/// What a finding turned out to be once tested in conversation.
public enum FindingVerdict: String, Codable, CaseIterable, Sendable {
    case confirmed
    case refined
    case refuted

    public var description: String {
        switch self {
        case .confirmed: "The contact agreed with the finding as it stands."
        case .refined: "The finding was partly right; the contact added nuance or corrected details."
        case .refuted: "The contact's experience contradicts the finding."
        }
    }
}

/// Where one interview stands, from first idea to follow-up.
public enum InterviewStage: String, Codable, CaseIterable, Sendable {
    case toContact = "to_contact"
    case requested
    case scheduled
    case held
    case thanked
    case followingUp = "following_up"
    /// The contact said no (or asked not to be contacted): the request is closed, and 3B7 stops chasing it.
    case declined

    /// The stage as a person says it, for pages.
    public var label: String {
        switch self {
        case .toContact: "To contact"
        case .requested: "Requested"
        case .scheduled: "Scheduled"
        case .held: "Held"
        case .thanked: "Thanked"
        case .followingUp: "Following up"
        case .declined: "Declined"
        }
    }

    public var description: String {
        switch self {
        case .toContact: "Researched and chosen, but not yet asked."
        case .requested: "A request has been sent; waiting for an answer."
        case .scheduled: "The contact agreed and a time is set."
        case .held: "The conversation took place; a thank-you note is due within 24 hours."
        case .thanked: "The thank-you note was sent."
        case .followingUp: "One follow-up was sent: either the single nudge after seven business days without an answer, or keeping in touch after the thank-you."
        case .declined: "The contact said no. Thank them for answering, and ask someone else."
        }
    }
}

/// One legal stage move, with the reason it exists, so policy pages can list them.
public struct StageTransition: Codable, Equatable, Sendable {
    public let from: InterviewStage
    public let to: InterviewStage
    public let meaning: String

    public init(from: InterviewStage, to: InterviewStage, meaning: String) {
        self.from = from
        self.to = to
        self.meaning = meaning
    }
}

extension InterviewStage {
    /// Every legal move, in one place. Anything not listed is refused.
    public static let transitions: [StageTransition] = [
        StageTransition(from: .toContact, to: .requested, meaning: "The request was sent on the contact's preferred channel."),
        StageTransition(from: .requested, to: .scheduled, meaning: "The contact said yes and a time was agreed."),
        StageTransition(from: .requested, to: .followingUp, meaning: "Seven business days passed without an answer, so the one follow-up was sent."),
        StageTransition(from: .followingUp, to: .scheduled, meaning: "The contact answered the follow-up and a time was agreed."),
        StageTransition(from: .scheduled, to: .held, meaning: "The conversation took place."),
        StageTransition(from: .held, to: .thanked, meaning: "The thank-you note was sent."),
        StageTransition(from: .thanked, to: .followingUp, meaning: "The explorer kept in touch after the thank-you, for example to report on advice they acted on."),
        StageTransition(from: .requested, to: .declined, meaning: "The contact said no to the request."),
        StageTransition(from: .followingUp, to: .declined, meaning: "The contact said no after the follow-up."),
    ]

    /// The stages this one may move to.
    public var allowedNextStages: [InterviewStage] {
        Self.transitions.filter { $0.from == self }.map(\.to)
    }

    public func canMove(to next: InterviewStage) -> Bool {
        allowedNextStages.contains(next)
    }

    /// The stage after a legal move; a ConflictError naming the current stage otherwise.
    public func moving(to next: InterviewStage) throws -> InterviewStage {
        guard canMove(to: next) else {
            let allowed = allowedNextStages.map(\.rawValue).joined(separator: ", ")
            throw ConflictError(
                code: "illegal_stage_transition",
                message: "The interview is in stage '\(rawValue)' and cannot move to '\(next.rawValue)'"
                    + (allowed.isEmpty ? "." : "; from '\(rawValue)' it can move to: \(allowed).")
            )
        }
        return next
    }
}

/// Where an on-platform request stands with the practitioner it was sent to.
public enum PlatformStatus: String, Codable, CaseIterable, Sendable {
    case pending, accepted, proposed, declined

    /// Still waiting for the practitioner's final answer: it can be accepted, declined or answered with other times.
    public var isOpen: Bool { self == .pending || self == .proposed }
    /// The practitioner said something, so 3B7 has nothing to chase.
    public var isAnswered: Bool { self != .pending }
}
