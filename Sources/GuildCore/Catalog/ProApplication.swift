// The Pro workflow's rules: what an application carries, how an admin decides it (against `ProVetting`, with a
// reason), and how Pro status is removed (only with a reason and under published notice the seller can answer).
import Foundation

public enum ProApplicationState: String, Codable, Sendable, CaseIterable {
    case pending, accepted, declined

    public var spoken: String {
        switch self {
        case .pending: "Waiting for an admin"
        case .accepted: "Accepted: you are a Pro seller"
        case .declined: "Declined"
        }
    }
}

public enum ProRemovalState: String, Codable, Sendable, CaseIterable {
    /// Under notice: the seller is still Pro and may answer.
    case notice
    /// An admin kept the seller Pro after reading the answer.
    case cancelled
    /// The notice ended: Pro status was removed.
    case effective

    public var spoken: String {
        switch self {
        case .notice: "Under notice"
        case .cancelled: "Cancelled: Pro status kept"
        case .effective: "Pro status removed"
        }
    }
}

/// What a seller applies with.
public struct ProEvidence: Equatable, Sendable {
    public var qualifications: String
    public var portfolioLinks: [String]

    public init(qualifications: String, portfolioLinks: [String]) {
        self.qualifications = qualifications
        self.portfolioLinks = portfolioLinks
    }
}

public enum ProRules {
    public static let qualificationsLength = 20...5_000
    public static let maximumLinks = 10
    public static let maximumLinkLength = 500
    public static let reasonLength = 10...2_000
    public static let responseLength = 1...5_000
    /// The notice before a removal takes effect, during which the seller may answer.
    public static let removalNoticeDays = 14
    public static var removalNoticeSeconds: Int { removalNoticeDays * 86_400 }

    /// The evidence, trimmed: qualifications in words and http(s) links (blank lines dropped). Problems name their field.
    public static func validate(qualifications: String?, portfolioLinks: [String]?) throws(ValidationErrors) -> ProEvidence {
        var problems: [ValidationError] = []
        let text = (qualifications ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !qualificationsLength.contains(text.count) {
            problems.append(.init(field: "qualifications", reason: "must be \(qualificationsLength.lowerBound) to \(qualificationsLength.upperBound) characters: your training, experience and the kind of work you do"))
        }
        let links = (portfolioLinks ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if links.isEmpty {
            problems.append(.init(field: "portfolioLinks", reason: "must list at least one link to your work"))
        } else if links.count > maximumLinks {
            problems.append(.init(field: "portfolioLinks", reason: "may list at most \(maximumLinks) links"))
        } else if let bad = links.first(where: { $0.count > maximumLinkLength || ProVetting.distinctWebLinks([$0]) == 0 }) {
            problems.append(.init(field: "portfolioLinks", reason: "must be web links starting with http:// or https:// (not \"\(bad.prefix(80))\")"))
        }
        guard problems.isEmpty else { throw ValidationErrors(problems) }
        return ProEvidence(qualifications: text, portfolioLinks: links)
    }

    /// A seller applies once at a time, and not while already Pro.
    public static func requireCanApply(isPro: Bool, hasPendingApplication: Bool) throws(ConflictError) {
        if isPro { throw ConflictError(code: "already_pro", message: "you are already a Pro seller") }
        if hasPendingApplication { throw ConflictError(code: "application_pending", message: "your application is already waiting for an admin") }
    }

    /// Every decision and removal states its reason, so the seller knows why.
    public static func validateReason(_ reason: String?, field: String = "reason") throws(ValidationError) -> String {
        let text = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reasonLength.contains(text.count) else {
            throw ValidationError(field: field, reason: "must be \(reasonLength.lowerBound) to \(reasonLength.upperBound) characters: the seller reads it")
        }
        return text
    }

    /// An admin decides a pending application. Accepting needs every published criterion met; declining needs only
    /// the reason (an admin may decline an eligible seller, saying why).
    public static func requireCanDecide(state: ProApplicationState, accept: Bool, checks: [ProCriterionCheck]) throws(ConflictError) {
        guard state == .pending else {
            throw ConflictError(code: "application_decided", message: "this application was already \(state.rawValue)")
        }
        let unmet = checks.filter { !$0.met }
        if accept, !unmet.isEmpty {
            throw ConflictError(code: "criteria_not_met",
                                message: "cannot accept: not met - " + unmet.map { "\($0.label.lowercased()) (\($0.detail))" }.joined(separator: "; "))
        }
    }

    /// Removal starts a notice; the seller stays Pro until it ends.
    public static func requireCanStartRemoval(isPro: Bool, hasOpenNotice: Bool) throws(ConflictError) {
        if !isPro { throw ConflictError(code: "not_pro", message: "this member is not a Pro seller") }
        if hasOpenNotice { throw ConflictError(code: "removal_pending", message: "a removal notice is already running for this seller") }
    }

    public static func effectiveAt(noticeFrom start: Date) -> Date {
        start.addingTimeInterval(TimeInterval(removalNoticeSeconds))
    }

    /// The seller answers once, before the notice ends.
    public static func requireCanRespond(state: ProRemovalState, respondedAt: Date?, effectiveAt: Date, now: Date) throws(ConflictError) {
        guard state == .notice, now < effectiveAt else {
            throw ConflictError(code: "notice_over", message: "this removal notice is over")
        }
        guard respondedAt == nil else { throw ConflictError(code: "already_responded", message: "you already answered this notice") }
    }

    /// Only a notice still running can be cancelled (Pro kept) or take effect.
    public static func requireNoticeRunning(_ state: ProRemovalState) throws(ConflictError) {
        guard state == .notice else { throw ConflictError(code: "notice_over", message: "this removal notice is already \(state.rawValue)") }
    }

    public static func isDue(state: ProRemovalState, effectiveAt: Date, now: Date) -> Bool {
        state == .notice && now >= effectiveAt
    }

    /// The workflow in words, for /policies/pro after the criteria.
    public static var plainLanguage: [String] { [
        "A seller applies with their qualifications and links to their work. An admin checks each criterion above against the seller's real record (level and rating as Guild measured them), verifies the seller's identity as part of the vetting, and accepts or declines with a reason the seller reads.",
        "An application is accepted only when every criterion is met.",
        "Pro status is removed only with a reason, after \(removalNoticeDays) days' notice. During the notice the seller stays Pro and may answer once; an admin may then keep them Pro. When the notice ends without that, the badge and the Pro search filter stop showing them.",
    ] }
}
