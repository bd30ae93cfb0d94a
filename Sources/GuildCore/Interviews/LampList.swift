// The LAMP list ("The 2-Hour Job Search"): research targets ranked by Advocacy, Motivation and Postings, so the
// explorer knows whom to approach first. Advocacy is derived from what Guild knows; motivation and postings are
// the explorer's own 0–3 judgements.
import Foundation

/// What makes a target "advocated": someone there the explorer can talk to.
public struct AdvocacyEvidence: Codable, Equatable, Sendable {
    /// A contact linked to the target (or working at the organisation the target names).
    public var hasContact: Bool
    /// One of those contacts came through a referral.
    public var hasReferral: Bool
    /// One of those contacts is a Guild member who offers informational interviews.
    public var hasOfferingMember: Bool

    public init(hasContact: Bool = false, hasReferral: Bool = false, hasOfferingMember: Bool = false) {
        self.hasContact = hasContact
        self.hasReferral = hasReferral
        self.hasOfferingMember = hasOfferingMember
    }

    public var advocacy: Bool { hasContact || hasReferral || hasOfferingMember }

    /// Why, in words, for the targets list.
    public var reasons: [String] {
        var list: [String] = []
        if hasContact { list.append("a contact there") }
        if hasReferral { list.append("a referral") }
        if hasOfferingMember { list.append("a member who offers conversations") }
        return list
    }
}

/// One target's place on the LAMP list.
public struct LampScore: Codable, Equatable, Sendable {
    public var advocacy: Bool
    /// How much the explorer wants this (0 = not at all, 3 = most).
    public var motivation: Int
    /// How many openings or postings the explorer saw for it (0 = none, 3 = many): a sign of demand.
    public var postings: Int

    public init(advocacy: Bool, motivation: Int, postings: Int) {
        self.advocacy = advocacy
        self.motivation = motivation
        self.postings = postings
    }
}

public enum LampList {
    /// The explorer's scale for motivation and postings.
    public static let scale: ClosedRange<Int> = 0...3

    /// The published rule, read by the targets page and the API's description.
    public static let rules: [String] = [
        "Targets are ranked by advocacy first: a target where you already have a contact, a referral or a Guild member who offers conversations comes before one where you know nobody.",
        "Then by motivation (0–3): how much you want this, as you judge it.",
        "Then by postings (0–3): how many openings you have seen for it, a sign of demand.",
        "Ties keep alphabetical order. When a contact has not answered in three business days, the next contact suggested is the one whose research target ranks highest.",
    ]

    public static func validate(motivation: Int?, postings: Int?) throws {
        var errors: [ValidationError] = []
        if let motivation, !scale.contains(motivation) {
            errors.append(ValidationError(field: "motivation", reason: "Must be a whole number from \(scale.lowerBound) to \(scale.upperBound)."))
        }
        if let postings, !scale.contains(postings) {
            errors.append(ValidationError(field: "postings", reason: "Must be a whole number from \(scale.lowerBound) to \(scale.upperBound)."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }

    /// Whether `a` ranks before `b`: advocacy, then motivation, then postings, then name (case-insensitive), then id.
    public static func ranksBefore(_ a: LampScore, _ aName: String, _ aID: UUID, _ b: LampScore, _ bName: String, _ bID: UUID) -> Bool {
        if a.advocacy != b.advocacy { return a.advocacy }
        if a.motivation != b.motivation { return a.motivation > b.motivation }
        if a.postings != b.postings { return a.postings > b.postings }
        let (left, right) = (aName.lowercased(), bName.lowercased())
        if left != right { return left < right }
        return aID.uuidString < bID.uuidString
    }

    /// Items in LAMP order, each with its rank (1 = approach first).
    public static func ranked<T>(_ items: [T], score: (T) -> LampScore, name: (T) -> String, id: (T) -> UUID) -> [(item: T, rank: Int)] {
        items.sorted { ranksBefore(score($0), name($0), id($0), score($1), name($1), id($1)) }
            .enumerated().map { ($0.element, $0.offset + 1) }
    }

    /// The contacts to try instead of one who has not answered, best first: contacts not yet asked, by the best
    /// LAMP rank among their targets (a contact with no ranked target comes last), then someone at the same
    /// organisation, then by name.
    public static func nextContacts(_ candidates: [NextContactCandidate], sameOrganisationAs organisation: String) -> [NextContactCandidate] {
        let org = organisation.lowercased()
        return candidates.sorted { a, b in
            let (ra, rb) = (a.bestTargetRank ?? Int.max, b.bestTargetRank ?? Int.max)
            if ra != rb { return ra < rb }
            let (sa, sb) = (a.organisation.lowercased() == org, b.organisation.lowercased() == org)
            if sa != sb { return sa }
            if a.name.lowercased() != b.name.lowercased() { return a.name.lowercased() < b.name.lowercased() }
            return a.id.uuidString < b.id.uuidString
        }
    }
}

/// A contact the 3B7 rule might suggest next.
public struct NextContactCandidate: Codable, Equatable, Sendable {
    public var id: UUID
    public var name: String
    public var organisation: String
    /// The best LAMP rank among the contact's research targets; nil when none is linked.
    public var bestTargetRank: Int?

    public init(id: UUID, name: String, organisation: String, bestTargetRank: Int?) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.bestTargetRank = bestTargetRank
    }
}
