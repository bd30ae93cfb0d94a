// Ranking in the database: a stored static score per gig (kept in step with the seller's record by triggers), the
// creation time in whole milliseconds that `sort=newest` orders by, and an index for every sort and browse order.
import Fluent
import SQLKit
import GuildCore
import Vapor

struct AddGigRankingColumns: AsyncMigration {
    /// Listed gigs: every index below covers only these, as every search does.
    static let listed = "status = 'published' AND deleted_at IS NULL"

    /// The columns of `seller_stats` that the static score reads.
    static let scoredColumns = "rating_sum, rating_count, on_time_delivered, delivered_total, median_response_hours"

    static let indexes: [(name: String, columns: String)] = [
        ("gigs_listed_static_idx", "static_score DESC, id"),
        ("gigs_listed_category_static_idx", "category, static_score DESC, id"),
        ("gigs_listed_newest_idx", "created_ms DESC, id"),
        ("gigs_listed_category_newest_idx", "category, created_ms DESC, id"),
        ("gigs_listed_cheapest_idx", "starting_price_cents, id"),
        ("gigs_listed_category_cheapest_idx", "category, starting_price_cents, id"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        let kind = database.kind
        // The weights the stored scores were computed with: one row, made the live ones before the first search.
        try await sql.raw("""
            CREATE TABLE ranking_weights (id INTEGER PRIMARY KEY, rating DOUBLE PRECISION NOT NULL,
                on_time DOUBLE PRECISION NOT NULL, responsiveness DOUBLE PRECISION NOT NULL)
            """).run()
        let w = RankingWeights.standard
        try await sql.raw("""
            INSERT INTO ranking_weights (id, rating, on_time, responsiveness)
            VALUES (1, \(bind: w.rating), \(bind: w.onTimeDelivery), \(bind: w.responsiveness))
            """).run()
        try await sql.raw("ALTER TABLE gigs ADD COLUMN static_score DOUBLE PRECISION NOT NULL DEFAULT 0").run()
        try await sql.raw("ALTER TABLE gigs ADD COLUMN created_ms BIGINT NOT NULL DEFAULT 0").run()
        try await sql.raw(SQLQueryString(RankingSQL.refreshStaticScores(where: "1 = 1", kind))).run()
        try await sql.raw(SQLQueryString("UPDATE gigs SET created_ms = \(Self.createdMs("created_at", kind))")).run()

        let refreshSeller = RankingSQL.refreshStaticScores(where: "seller_id = NEW.user_id", kind)
        let refreshGig = RankingSQL.refreshStaticScores(where: "id = NEW.id", kind)
        switch kind {
        case .sqlite:
            try await sql.raw(SQLQueryString("""
                CREATE TRIGGER gigs_ranking_after_insert AFTER INSERT ON gigs BEGIN
                    \(refreshGig);
                    UPDATE gigs SET created_ms = \(Self.createdMs("NEW.created_at", kind)) WHERE id = NEW.id;
                END
                """)).run()
            try await sql.raw(SQLQueryString("""
                CREATE TRIGGER gigs_ranking_after_update AFTER UPDATE OF seller_id, created_at ON gigs BEGIN
                    \(refreshGig);
                    UPDATE gigs SET created_ms = \(Self.createdMs("NEW.created_at", kind)) WHERE id = NEW.id;
                END
                """)).run()
            try await sql.raw(SQLQueryString("""
                CREATE TRIGGER seller_stats_ranking_after_insert AFTER INSERT ON seller_stats BEGIN \(refreshSeller); END
                """)).run()
            try await sql.raw(SQLQueryString("""
                CREATE TRIGGER seller_stats_ranking_after_update AFTER UPDATE OF \(Self.scoredColumns) ON seller_stats BEGIN \(refreshSeller); END
                """)).run()
        case .postgres:
            try await sql.raw(SQLQueryString("""
                CREATE FUNCTION gigs_ranking_columns() RETURNS trigger AS $$ BEGIN
                    NEW.created_ms := \(Self.createdMs("NEW.created_at", kind));
                    NEW.static_score := COALESCE((SELECT \(RankingSQL.staticScore(stats: "s", weights: "w", kind))
                        FROM ranking_weights w LEFT JOIN seller_stats s ON s.user_id = NEW.seller_id WHERE w.id = 1), 0);
                    RETURN NEW;
                END $$ LANGUAGE plpgsql
                """)).run()
            try await sql.raw("""
                CREATE TRIGGER gigs_ranking_before_write BEFORE INSERT OR UPDATE OF seller_id, created_at ON gigs
                FOR EACH ROW EXECUTE FUNCTION gigs_ranking_columns()
                """).run()
            try await sql.raw(SQLQueryString("""
                CREATE FUNCTION seller_stats_ranking() RETURNS trigger AS $$ BEGIN
                    \(refreshSeller);
                    RETURN NULL;
                END $$ LANGUAGE plpgsql
                """)).run()
            try await sql.raw(SQLQueryString("""
                CREATE TRIGGER seller_stats_ranking_after_write AFTER INSERT OR UPDATE OF \(Self.scoredColumns) ON seller_stats
                FOR EACH ROW EXECUTE FUNCTION seller_stats_ranking()
                """)).run()
        }
        for index in Self.indexes {
            try await sql.raw(SQLQueryString("CREATE INDEX \(index.name) ON gigs (\(index.columns)) WHERE \(Self.listed)")).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        for index in Self.indexes { try await sql.raw(SQLQueryString("DROP INDEX IF EXISTS \(index.name)")).run() }
        switch database.kind {
        case .sqlite:
            for trigger in ["gigs_ranking_after_insert", "gigs_ranking_after_update", "seller_stats_ranking_after_insert", "seller_stats_ranking_after_update"] {
                try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS \(trigger)")).run()
            }
        case .postgres:
            try await sql.raw("DROP TRIGGER IF EXISTS gigs_ranking_before_write ON gigs").run()
            try await sql.raw("DROP TRIGGER IF EXISTS seller_stats_ranking_after_write ON seller_stats").run()
            try await sql.raw("DROP FUNCTION IF EXISTS gigs_ranking_columns()").run()
            try await sql.raw("DROP FUNCTION IF EXISTS seller_stats_ranking()").run()
        }
        try await sql.raw("ALTER TABLE gigs DROP COLUMN created_ms").run()
        try await sql.raw("ALTER TABLE gigs DROP COLUMN static_score").run()
        try await sql.raw("DROP TABLE IF EXISTS ranking_weights").run()
    }

    /// Creation time in whole milliseconds since 1970: what `sort=newest` orders and pages by.
    static func createdMs(_ column: String, _ kind: DatabaseKind) -> String {
        switch kind {
        case .sqlite: "CAST(\(column) * 1000 AS INTEGER)"
        case .postgres: "CAST(floor(extract(epoch FROM \(column)) * 1000) AS BIGINT)"
        }
    }
}

/// The ranking formula's static part in SQL as this migration shipped it (search now ranks in `SearchEngine`; a later
/// migration, `CreateSearchChanges`, drops what this one made). Frozen: a fresh database must run it exactly as it ran.
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

    /// Sets `static_score` of the gigs matching `condition` (over `gigs`) from their seller's record and the stored weights.
    static func refreshStaticScores(where condition: String, _ kind: DatabaseKind) -> String {
        """
        UPDATE gigs SET static_score = COALESCE((SELECT \(staticScore(stats: "s", weights: "w", kind))
            FROM ranking_weights w LEFT JOIN seller_stats s ON s.user_id = gigs.seller_id WHERE w.id = 1), 0) WHERE \(condition)
        """
    }

}
