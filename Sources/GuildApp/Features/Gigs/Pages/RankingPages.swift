// /ranking and the policy pages this area owns, generated from the same data the code runs on.
import Vapor
import GuildCore

struct RankingPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("ranking", use: ranking)
        routes.get("policies", "ranking", use: ranking)
        routes.get("policies", "levels") { req in
            try await req.render("gigs/policy", title: "Seller levels", PolicyView(
                heading: "Seller levels", intro: "How sellers move between levels, and the grace period before any demotion.",
                items: LevelRules.standard.descriptions))
        }
        routes.get("policies", "reviews") { req in
            try await req.render("gigs/policy", title: "Reviews", PolicyView(
                heading: "Reviews", intro: "Reviews are double-blind: neither side sees the other's review until both are in or the window closes.",
                items: ReviewReveal.descriptions))
        }
        routes.get("policies", "pro") { req in
            try await req.render("gigs/policy", title: "Pro sellers", PolicyView(
                heading: "Pro sellers", intro: "What it takes to be vetted as a Pro seller.", items: ProVetting.standard.descriptions))
        }
    }

    struct PolicyView: Encodable { var heading: String; var intro: String; var items: [String] }

    struct FactorRow: Encodable { var key: String; var label: String; var weight: String; var percent: String; var description: String }
    struct RankingView: Encodable {
        var formula: String
        var factors: [FactorRow]
        var advice: [String]
        var payment: String
        var reference: String
        var candidates: Int
        var configured: Bool
    }

    func ranking(req: Request) async throws -> Response {
        let weights = req.application.rankingWeights
        let rows = Ranking.factorDescriptions(weights: weights).map {
            FactorRow(key: $0.key, label: $0.label, weight: GigText.decimal($0.weight, places: 2),
                      percent: "\(Int(($0.weight * 100).rounded()))%", description: $0.description)
        }
        let formula = "score = " + rows.map { "\($0.weight) × \($0.label.lowercased())" }.joined(separator: " + ")
        let view = RankingView(formula: formula, factors: rows, advice: Ranking.advice,
                               payment: Ranking.paymentNeverChangesRank.statement, reference: Ranking.paymentNeverChangesRank.reference,
                               candidates: GigSearch.relevanceCandidates, configured: weights != .standard)
        return try await req.render("gigs/ranking", title: "How ranking works", view)
    }
}
