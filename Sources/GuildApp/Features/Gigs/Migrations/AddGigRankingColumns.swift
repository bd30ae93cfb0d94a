// Ranking in the database: a stored static score per gig (kept in step with the seller's record by triggers), the
// creation time in whole milliseconds that `sort=newest` orders by, and an index for every sort and browse order.
import Fluent
import SQLKit
import GuildCore

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
