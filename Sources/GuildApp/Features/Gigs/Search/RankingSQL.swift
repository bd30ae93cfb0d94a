// The published ranking formula (GuildCore's `Ranking`) written in SQL, so that the database ranks: a stored static score
// per gig (rating, on-time delivery, responsiveness, under the live weights) kept in step by triggers, and the text and
// newcomer factors added inside the search query. `RankingSQLTests` compares it with `Ranking.score` on random catalogues.
import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers
import GuildCore

enum RankingSQL {
    /// `min(a, b)` / `max(a, b)` of two values in the database's own words.
    static func least(_ a: String, _ b: String, _ kind: DatabaseKind) -> String {
        kind == .sqlite ? "MIN(\(a), \(b))" : "LEAST(\(a), \(b))"
    }
    static func greatest(_ a: String, _ b: String, _ kind: DatabaseKind) -> String {
        kind == .sqlite ? "MAX(\(a), \(b))" : "GREATEST(\(a), \(b))"
    }
    static func clamp01(_ x: String, _ kind: DatabaseKind) -> String {
        least("1.0", greatest("0.0", x, kind), kind)
    }

    static func literal(_ value: Double) -> String {
        precondition(value.isFinite)
        // Swift prints the shortest text that reads back as the same double; a plain decimal reads the same in both engines.
        return "CAST(\(value) AS DOUBLE PRECISION)"
    }

    /// `Ranking.rating` over a `seller_stats` row `s` (columns may be NULL when the seller has no row yet).
    static func rating(_ s: String, _ kind: DatabaseKind, _ n: RankingNormalisation = .standard) -> String {
        let count = greatest("0", "COALESCE(\(s).rating_count, 0)", kind)
        let stars = least(greatest("COALESCE(\(s).rating_sum, 0)", count, kind), "5 * \(count)", kind)
        let bayes = "((CAST(\(stars) AS DOUBLE PRECISION) + \(literal(n.ratingPriorStars))) / CAST(\(count) + \(max(0, n.ratingPriorReviews)) AS DOUBLE PRECISION))"
        return clamp01("(\(bayes) - \(literal(1))) / \(literal(4))", kind)
    }

    /// `Ranking.onTime` over a `seller_stats` row `s`.
    static func onTime(_ s: String, _ kind: DatabaseKind, _ n: RankingNormalisation = .standard) -> String {
        let deliveries = greatest("0", "COALESCE(\(s).delivered_total, 0)", kind)
        let onTime = least(greatest("0", "COALESCE(\(s).on_time_delivered, 0)", kind), deliveries, kind)
        return clamp01("CAST(\(onTime) + \(max(0, n.onTimePriorOnTime)) AS DOUBLE PRECISION) / CAST(\(deliveries) + \(max(0, n.onTimePriorDeliveries)) AS DOUBLE PRECISION)", kind)
    }

    /// `Ranking.responsiveness` over a `seller_stats` row `s`.
    static func responsiveness(_ s: String, _ kind: DatabaseKind, _ n: RankingNormalisation = .standard) -> String {
        let h = "\(s).median_response_hours"
        let full = n.responseFullScoreHours, zero = n.responseZeroScoreHours
        let unknown = min(1, max(0, n.unknownResponsiveness))
        guard zero > full else {
            return "(CASE WHEN \(h) IS NULL THEN \(literal(unknown)) WHEN \(h) <= \(literal(full)) THEN \(literal(1)) ELSE \(literal(0)) END)"
        }
        return """
            (CASE WHEN \(h) IS NULL THEN \(literal(unknown)) WHEN \(h) <= \(literal(full)) THEN \(literal(1)) \
            WHEN \(h) >= \(literal(zero)) THEN \(literal(0)) \
            ELSE \(clamp01("\(literal(1)) - (\(h) - \(literal(full))) / \(literal(zero - full))", kind)) END)
            """
    }

    /// The static part of a gig's score: rating, on-time delivery and responsiveness under the weights in row `w` of
    /// `ranking_weights`. It changes only when the seller's record or the weights change, so it is stored on the gig.
    static func staticScore(stats s: String, weights w: String, _ kind: DatabaseKind) -> String {
        "(\(w).rating * \(rating(s, kind)) + \(w).on_time * \(onTime(s, kind)) + \(w).responsiveness * \(responsiveness(s, kind)))"
    }

    /// `Ranking.relevance` of the engine's raw score.
    static func textRelevance(_ raw: String, _ scale: RelevanceScale, _ kind: DatabaseKind) -> String {
        let strength = scale == .bm25 ? "(-(\(raw)))" : "(\(raw))"
        return "(CASE WHEN \(strength) > 0 THEN \(clamp01("\(strength) / (\(strength) + \(literal(scale.halfSaturation)))", kind)) ELSE \(literal(0)) END)"
    }

    /// A stored time as seconds since 1970 (SQLite stores a real; PostgreSQL a timestamptz).
    static func epochSeconds(_ column: String, _ kind: DatabaseKind) -> String {
        kind == .sqlite ? "CAST(\(column) AS DOUBLE PRECISION)" : "CAST(extract(epoch FROM \(column)) AS DOUBLE PRECISION)"
    }

    /// `Ranking.newcomerExposure` of a seller who joined at `joined` (seconds since 1970, NULL counts as today) on `day`.
    static func newcomer(joined: String, day: String, _ kind: DatabaseKind, _ n: RankingNormalisation = .standard) -> String {
        guard n.newcomerWindowDays > 0 else { return literal(0) }
        let days = greatest("0.0", "(\(day) - COALESCE(\(joined), \(day))) / \(literal(86_400))", kind)
        return clamp01("\(literal(1)) - \(days) / \(literal(n.newcomerWindowDays))", kind)
    }

    /// Sets `static_score` of the gigs matching `condition` (over `gigs`) from their seller's record and the stored weights.
    static func refreshStaticScores(where condition: String, _ kind: DatabaseKind) -> String {
        """
        UPDATE gigs SET static_score = COALESCE((SELECT \(staticScore(stats: "s", weights: "w", kind))
            FROM ranking_weights w LEFT JOIN seller_stats s ON s.user_id = gigs.seller_id WHERE w.id = 1), 0) WHERE \(condition)
        """
    }

    /// Makes the weights stored for the triggers the live ones, re-scoring every gig when they changed (a new
    /// RANKING_WEIGHTS). Checked before each search against the last weights this app stored, so it costs a comparison.
    static func ensureWeights(_ weights: RankingWeights, app: Application, on db: any Database) async throws {
        if app.storedRankingWeights.withLockedValue({ $0 == weights }) { return }
        let row = try await db.sql.raw("SELECT rating, on_time, responsiveness FROM ranking_weights WHERE id = 1").first()
        let stored = try row.map { (try $0.decode(column: "rating", as: Double.self), try $0.decode(column: "on_time", as: Double.self),
                                    try $0.decode(column: "responsiveness", as: Double.self)) }
        if stored == nil || stored! != (weights.rating, weights.onTimeDelivery, weights.responsiveness) {
            try await WriteTransaction.run(on: db) { tx in
                try await tx.sql.raw("""
                    UPDATE ranking_weights SET rating = \(bind: weights.rating), on_time = \(bind: weights.onTimeDelivery),
                        responsiveness = \(bind: weights.responsiveness) WHERE id = 1
                    """).run()
                try await tx.sql.raw(SQLQueryString(refreshStaticScores(where: "1 = 1", tx.kind))).run()
            }
        }
        app.storedRankingWeights.withLockedValue { $0 = weights }
    }
}

extension Application {
    private struct StoredRankingWeightsKey: StorageKey { typealias Value = NIOLockedValueBox<RankingWeights?> }
    /// The weights this app last made sure the database scores with (nil until the first search).
    var storedRankingWeights: NIOLockedValueBox<RankingWeights?> {
        if let box = storage[StoredRankingWeightsKey.self] { return box }
        let box = NIOLockedValueBox<RankingWeights?>(nil)
        storage[StoredRankingWeightsKey.self] = box
        return box
    }
}
