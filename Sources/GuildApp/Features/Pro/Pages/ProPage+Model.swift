// What /pro shows: Pro or not, the criteria against the seller's record, their applications with the admins' reasons,
// removal notices with their end, and the form (re-shown as typed, each problem on its field).
import Foundation
import GuildCore

extension ProPage {
    struct Criterion: Encodable { var label: String; var met: Bool; var detail: String }

    struct ApplicationRow: Encodable {
        var state: String; var stateText: String; var appliedAt: Date; var decidedAt: Date?; var reason: String?
        var identityVerified: Bool
    }

    struct RemovalRow: Encodable {
        var id: String; var state: String; var stateText: String; var reason: String; var noticedAt: Date; var effectiveAt: Date
        var response: String?; var canRespond: Bool; var closingReason: String?; var running: Bool
    }

    struct Model: Encodable {
        var isPro: Bool
        var criteria: [Criterion]
        var rules: [String]
        var applications: [ApplicationRow]
        var removals: [RemovalRow]
        var canApply: Bool
        var qualifications: String
        var portfolioLinks: String
        var qualificationsProblem: String?
        var portfolioLinksProblem: String?
        var noticeDays = ProRules.removalNoticeDays

        init(isPro: Bool, stats: SellerStatsRecord?, applications: [ProApplicationRecord], removals: [ProRemovalRecord],
             problems: [ValidationError], typed: ProApplicationRequest?, now: Date) {
            self.isPro = isPro
            // Before applying, the criteria as the record stands (the identity check is the admin's step).
            let latest = applications.first
            let draft = ProApplicationRecord()
            draft.portfolioLinksText = (typed?.portfolioLinks ?? latest?.portfolioLinks ?? []).joined(separator: "\n")
            draft.identityVerifiedAt = latest?.identityVerifiedAt
            criteria = ProWorkflow.checks(latest ?? draft, stats: stats).map { Criterion(label: $0.label, met: $0.met, detail: $0.detail) }
            rules = ProWorkflow.vetting.descriptions + ProRules.plainLanguage
            self.applications = applications.map { a in
                ApplicationRow(state: a.state, stateText: a.applicationState.spoken, appliedAt: a.appliedAt, decidedAt: a.decidedAt,
                               reason: a.reason, identityVerified: a.identityVerifiedAt != nil)
            }
            self.removals = removals.map { r in
                RemovalRow(id: r.id?.uuidString ?? "", state: r.state, stateText: r.removalState.spoken, reason: r.reason, noticedAt: r.noticedAt,
                           effectiveAt: r.effectiveAt, response: r.response,
                           canRespond: (try? ProRules.requireCanRespond(state: r.removalState, respondedAt: r.respondedAt, effectiveAt: r.effectiveAt, now: now)) != nil,
                           closingReason: r.closingReason, running: r.removalState == .notice)
            }
            canApply = !isPro && !applications.contains { $0.applicationState == .pending }
            qualifications = typed?.qualifications ?? ""
            portfolioLinks = (typed?.portfolioLinks ?? []).joined(separator: "\n")
            qualificationsProblem = problems.first { $0.field == "qualifications" }?.reason
            portfolioLinksProblem = problems.first { $0.field == "portfolioLinks" }?.reason
        }
    }
}
