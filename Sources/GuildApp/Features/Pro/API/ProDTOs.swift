// The Pro API's bodies and answers.
import Vapor
import GuildCore

struct ProApplicationRequest: Content {
    var qualifications: String?
    var portfolioLinks: [String]?
}

struct ProDecisionRequest: Content {
    var accept: Bool?
    var reason: String?
}

struct ProReasonRequest: Content {
    var reason: String?
}

struct ProResponseRequest: Content {
    var text: String?
}

struct ProCriterionDTO: Content {
    var key: String
    var label: String
    var met: Bool
    var detail: String

    init(_ c: ProCriterionCheck) { key = c.key.rawValue; label = c.label; met = c.met; detail = c.detail }
}

struct ProApplicationDTO: Content {
    var id: UUID
    var sellerId: UUID
    var qualifications: String
    var portfolioLinks: [String]
    /// pending, accepted or declined.
    var state: String
    var appliedAt: Date
    var identityVerifiedAt: Date?
    var decidedAt: Date?
    var reason: String?
    /// Each published criterion, met or not, from the seller's record now (for an admin) or at the last look.
    var criteria: [ProCriterionDTO]
    var eligible: Bool

    init(_ a: ProApplicationRecord, stats: SellerStatsRecord?) {
        id = a.id!; sellerId = a.sellerID; qualifications = a.qualifications; portfolioLinks = a.portfolioLinks; state = a.state
        appliedAt = a.appliedAt; identityVerifiedAt = a.identityVerifiedAt; decidedAt = a.decidedAt; reason = a.reason
        let checks = ProWorkflow.checks(a, stats: stats)
        criteria = checks.map(ProCriterionDTO.init)
        eligible = checks.allSatisfy(\.met)
    }
}

struct ProRemovalDTO: Content {
    var id: UUID
    var sellerId: UUID
    var reason: String
    /// notice, cancelled or effective.
    var state: String
    var noticedAt: Date
    var effectiveAt: Date
    var response: String?
    var respondedAt: Date?
    var closingReason: String?

    init(_ r: ProRemovalRecord) {
        id = r.id!; sellerId = r.sellerID; reason = r.reason; state = r.state; noticedAt = r.noticedAt; effectiveAt = r.effectiveAt
        response = r.response; respondedAt = r.respondedAt; closingReason = r.closingReason
    }
}
