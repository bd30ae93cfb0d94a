// The live ranking weights: read once from RANKING_WEIGHTS (or the shipped defaults), validated, kept in app storage.
import Vapor
import GuildCore

enum RankingSettings {
    static let environmentName = "RANKING_WEIGHTS"

    /// Reads `text=0.45,rating=0.25,onTime=0.15,response=0.10,newcomer=0.05`. Every factor must be named
    /// once (by its short name or its key, e.g. `onTimeDelivery`) and the weights must add up to 1.
    static func parse(_ raw: String) throws -> RankingWeights {
        let aliases: [String: RankingFactorKey] = [
            "text": .textRelevance, "relevance": .textRelevance, "rating": .rating, "ontime": .onTimeDelivery,
            "response": .responsiveness, "responsiveness": .responsiveness, "newcomer": .newcomerExposure,
        ]
        var values: [RankingFactorKey: Double] = [:]
        var problems: [String] = []
        for part in raw.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { problems.append("“\(part)” is not name=number"); continue }
            let name = pair[0]
            guard let key = RankingFactorKey(rawValue: name) ?? aliases[name.lowercased()] else {
                problems.append("“\(name)” is not a ranking factor (use text, rating, onTime, response, newcomer)")
                continue
            }
            guard let value = Double(pair[1]) else { problems.append("\(name) must be a number"); continue }
            if values.updateValue(value, forKey: key) != nil { problems.append("\(name) is given twice") }
        }
        for key in RankingFactorKey.allCases where values[key] == nil {
            problems.append("\(key.rawValue) is missing")
        }
        if problems.isEmpty {
            let weights = RankingWeights(
                textRelevance: values[.textRelevance] ?? 0, rating: values[.rating] ?? 0,
                onTimeDelivery: values[.onTimeDelivery] ?? 0, responsiveness: values[.responsiveness] ?? 0,
                newcomerExposure: values[.newcomerExposure] ?? 0)
            do {
                try weights.validate()
                return weights
            } catch {
                problems += error.errors.map { "\($0.field) \($0.reason)" }
            }
        }
        throw GuildConfigError(problems: problems.map { "\(environmentName): \($0)" })
    }

    /// The weights from the environment, or `.standard` when RANKING_WEIGHTS is unset or empty.
    static func fromEnvironment() throws -> RankingWeights {
        guard let raw = Environment.get(environmentName)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return .standard
        }
        return try parse(raw)
    }
}

extension Application {
    private struct RankingWeightsKey: StorageKey { typealias Value = RankingWeights }
    /// The weights search scores with and `/ranking` publishes: one value, so the page cannot drift from the code.
    var rankingWeights: RankingWeights {
        get { storage[RankingWeightsKey.self] ?? .standard }
        set { storage[RankingWeightsKey.self] = newValue }
    }
}
