// What the ranking page shows, generated from the weights and descriptions search itself runs on.
import Foundation
import GuildCore

extension RankingPage {
    struct FactorRow: Encodable { var key: String; var label: String; var weight: String; var percent: String; var description: String }

    struct Model: Encodable {
        var formula: String
        var factors: [FactorRow]
        var advice: [String]
        var payment: String
        var reference: String
        var candidates: Int
        var configured: Bool
        var sellerLimitRule: String

        init(weights: RankingWeights) {
            factors = Ranking.factorDescriptions(weights: weights).map {
                FactorRow(key: $0.key, label: $0.label, weight: GigText.decimal($0.weight, places: 2),
                          percent: "\(Int(($0.weight * 100).rounded()))%", description: $0.description)
            }
            formula = "score = " + factors.map { "\($0.weight) × \($0.label.lowercased())" }.joined(separator: " + ")
            advice = Ranking.advice
            payment = Ranking.paymentNeverChangesRank.statement
            reference = Ranking.paymentNeverChangesRank.reference
            candidates = GigSearch.relevanceCandidates
            configured = weights != .standard
            sellerLimitRule = Ranking.sellerLimitRule
        }
    }
}
