// What the vetting queue shows: each application with its evidence and every criterion met or not from the seller's
// record now, the Pro sellers (with a removal form) and the removal notices.
import Foundation
import GuildCore

extension ProQueuePage {
    struct Criterion: Encodable { var label: String; var met: Bool; var detail: String }

    struct ApplicationRow: Encodable {
        var id: String; var sellerId: String; var sellerName: String; var qualifications: String; var links: [String]
        var appliedAt: Date; var pending: Bool; var stateText: String; var reason: String?; var decidedAt: Date?
        var identityVerified: Bool; var criteria: [Criterion]; var eligible: Bool
    }

    struct SellerRow: Encodable { var id: String; var name: String; var underNotice: Bool }

    struct RemovalRow: Encodable {
        var id: String; var sellerName: String; var reason: String; var noticedAt: Date; var effectiveAt: Date
        var response: String?; var running: Bool; var stateText: String; var closingReason: String?
    }

    struct Model: Encodable {
        var applications: [ApplicationRow]
        var proSellers: [SellerRow]
        var removals: [RemovalRow]
        var noticeDays = ProRules.removalNoticeDays
        var minimumReason = ProRules.reasonLength.lowerBound

        init(applications: [ProApplicationRecord], removals: [ProRemovalRecord], proSellers: [UUID], stats: [SellerStatsRecord], users: [User]) {
            let statsByID = Dictionary(uniqueKeysWithValues: stats.compactMap { s in s.id.map { ($0, s) } })
            let names = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u.displayName) } })
            self.applications = applications.map { a in
                let checks = ProWorkflow.checks(a, stats: statsByID[a.sellerID])
                return ApplicationRow(id: a.id?.uuidString ?? "", sellerId: a.sellerID.uuidString, sellerName: names[a.sellerID] ?? "",
                                      qualifications: a.qualifications, links: a.portfolioLinks, appliedAt: a.appliedAt,
                                      pending: a.applicationState == .pending, stateText: a.applicationState.spoken, reason: a.reason,
                                      decidedAt: a.decidedAt, identityVerified: a.identityVerifiedAt != nil,
                                      criteria: checks.map { Criterion(label: $0.label, met: $0.met, detail: $0.detail) },
                                      eligible: checks.allSatisfy(\.met))
            }
            let underNotice = Set(removals.filter { $0.removalState == .notice }.map(\.sellerID))
            self.proSellers = proSellers.map { SellerRow(id: $0.uuidString, name: names[$0] ?? "", underNotice: underNotice.contains($0)) }
                .sorted { $0.name < $1.name }
            self.removals = removals.map { r in
                RemovalRow(id: r.id?.uuidString ?? "", sellerName: names[r.sellerID] ?? "", reason: r.reason, noticedAt: r.noticedAt,
                           effectiveAt: r.effectiveAt, response: r.response, running: r.removalState == .notice,
                           stateText: r.removalState.spoken, closingReason: r.closingReason)
            }
        }
    }
}
