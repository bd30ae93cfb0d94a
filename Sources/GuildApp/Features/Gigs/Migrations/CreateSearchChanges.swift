// Search moves into Guild's own engine (`SearchEngine`, held by each instance's `SearchReplica`). The database keeps the
// record and a change feed, `search_changes`: every write that changes what search shows (a gig's text, listing, price
// or delivery; a seller's record or name) adds a row, so every instance can bring its index up to date before it answers.
// What the database-side ranking needed goes: the FTS5 tables, PostgreSQL's tsvector, the stored static score with the
// triggers that kept it (they cost every order step an UPDATE of the seller's gigs), and the stored weights.
import Fluent
import SQLKit

struct CreateSearchChanges: AsyncMigration {
    /// The gig columns whose change a search can see.
    static let gigColumns = "seller_id, title, description, category, subcategory, tags, status, starting_price_cents, fastest_delivery_days, created_at, deleted_at"
    /// The seller's record as ranking, filters and result cards read it.
    static let statsColumns = "rating_sum, rating_count, on_time_delivered, delivered_total, median_response_hours, is_pro, level"
    /// A row counts as changed only when one of these columns holds another value (writers that store the same value again
    /// add nothing to the feed).
    static func changed(_ columns: String, _ differs: String) -> String {
        columns.split(separator: ",").map { c in
            let name = c.trimmingCharacters(in: .whitespaces)
            return "OLD.\(name) \(differs) NEW.\(name)"
        }.joined(separator: " OR ")
    }

    /// A fixed key for the advisory lock that puts PostgreSQL's change numbers in commit order.
    static let lockKey = 7_324_011

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        switch database.kind {
        case .sqlite:
            // One writer at a time: numbers are handed out in commit order by construction.
            try await sql.raw("CREATE TABLE search_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, gig_id BLOB, seller_id BLOB)").run()
            let triggers: [(String, String)] = [
                ("search_changes_gig_insert", "AFTER INSERT ON gigs BEGIN INSERT INTO search_changes (gig_id) VALUES (NEW.id); END"),
                ("search_changes_gig_update", "AFTER UPDATE OF \(Self.gigColumns) ON gigs WHEN \(Self.changed(Self.gigColumns, "IS NOT")) BEGIN INSERT INTO search_changes (gig_id) VALUES (NEW.id); END"),
                ("search_changes_gig_delete", "AFTER DELETE ON gigs BEGIN INSERT INTO search_changes (gig_id) VALUES (OLD.id); END"),
                ("search_changes_stats_insert", "AFTER INSERT ON seller_stats BEGIN INSERT INTO search_changes (seller_id) VALUES (NEW.user_id); END"),
                ("search_changes_stats_update", "AFTER UPDATE OF \(Self.statsColumns) ON seller_stats WHEN \(Self.changed(Self.statsColumns, "IS NOT")) BEGIN INSERT INTO search_changes (seller_id) VALUES (NEW.user_id); END"),
                ("search_changes_user_update", "AFTER UPDATE OF display_name, created_at ON users WHEN \(Self.changed("display_name, created_at", "IS NOT")) BEGIN INSERT INTO search_changes (seller_id) VALUES (NEW.id); END"),
            ]
            for (name, body) in triggers {
                try await sql.raw(SQLQueryString("CREATE TRIGGER \(name) \(body)")).run()
            }
            // The database-side ranking's pieces.
            for trigger in ["gigs_ranking_after_insert", "gigs_ranking_after_update", "seller_stats_ranking_after_insert", "seller_stats_ranking_after_update"] {
                try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS \(trigger)")).run()
            }
            // `created_ms` stays (the order newest-first pages by); it is now set on its own.
            try await sql.raw("""
                CREATE TRIGGER gigs_created_ms_after_insert AFTER INSERT ON gigs BEGIN
                    UPDATE gigs SET created_ms = CAST(NEW.created_at * 1000 AS INTEGER) WHERE id = NEW.id; END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER gigs_created_ms_after_update AFTER UPDATE OF created_at ON gigs BEGIN
                    UPDATE gigs SET created_ms = CAST(NEW.created_at * 1000 AS INTEGER) WHERE id = NEW.id; END
                """).run()
            try await sql.raw("DROP TABLE IF EXISTS gigs_fts").run()
            try await sql.raw("DROP TABLE IF EXISTS gig_search_docs").run()
        case .postgres:
            try await sql.raw("CREATE TABLE search_changes (seq BIGSERIAL PRIMARY KEY, gig_id UUID, seller_id UUID)").run()
            // Deferred to commit, behind one advisory lock: a change's number is taken as its transaction commits, so the
            // numbers are in commit order and an instance that has read up to N can never later find a smaller one.
            let lock = "PERFORM pg_advisory_xact_lock(\(Self.lockKey));"
            try await sql.raw("""
                CREATE FUNCTION search_change() RETURNS trigger AS $$ BEGIN
                    \(unsafeRaw: lock)
                    IF TG_TABLE_NAME = 'gigs' THEN
                        INSERT INTO search_changes (gig_id) VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
                    ELSIF TG_TABLE_NAME = 'seller_stats' THEN
                        INSERT INTO search_changes (seller_id) VALUES (NEW.user_id);
                    ELSE
                        INSERT INTO search_changes (seller_id) VALUES (NEW.id);
                    END IF;
                    RETURN NULL;
                END $$ LANGUAGE plpgsql
                """).run()
            // A WHEN clause may not read OLD on INSERT or NEW on DELETE: inserts and deletes have their own triggers.
            let d = "IS DISTINCT FROM"
            let triggers: [(String, String, String?)] = [
                ("search_changes_gigs_write", "AFTER INSERT OR DELETE ON gigs", nil),
                ("search_changes_gigs_update", "AFTER UPDATE OF \(Self.gigColumns) ON gigs", Self.changed(Self.gigColumns, d)),
                ("search_changes_stats_insert", "AFTER INSERT ON seller_stats", nil),
                ("search_changes_stats_update", "AFTER UPDATE OF \(Self.statsColumns) ON seller_stats", Self.changed(Self.statsColumns, d)),
                ("search_changes_users", "AFTER UPDATE OF display_name, created_at ON users", Self.changed("display_name, created_at", d)),
            ]
            for (name, event, condition) in triggers {
                let when = condition.map { " WHEN (\($0))" } ?? ""
                try await sql.raw(SQLQueryString("""
                    CREATE CONSTRAINT TRIGGER \(name) \(event) DEFERRABLE INITIALLY DEFERRED FOR EACH ROW\(when) EXECUTE FUNCTION search_change()
                    """)).run()
            }
            try await sql.raw("DROP TRIGGER IF EXISTS seller_stats_ranking_after_write ON seller_stats").run()
            try await sql.raw("DROP FUNCTION IF EXISTS seller_stats_ranking()").run()
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION gigs_ranking_columns() RETURNS trigger AS $$ BEGIN
                    NEW.created_ms := CAST(floor(extract(epoch FROM NEW.created_at) * 1000) AS BIGINT);
                    RETURN NEW;
                END $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("DROP INDEX IF EXISTS gigs_search_vector_idx").run()
            try await sql.raw("ALTER TABLE gigs DROP COLUMN IF EXISTS search_vector").run()
        }
        try await sql.raw("DROP INDEX IF EXISTS gigs_listed_static_idx").run()
        try await sql.raw("DROP INDEX IF EXISTS gigs_listed_category_static_idx").run()
        try await sql.raw("ALTER TABLE gigs DROP COLUMN static_score").run()
        try await sql.raw("DROP TABLE IF EXISTS ranking_weights").run()
    }

    func revert(on database: any Database) async throws {
        // The database-side search is not rebuilt: revert the earlier migrations too to get it back.
        let sql = database.sql
        switch database.kind {
        case .sqlite:
            for trigger in ["search_changes_gig_insert", "search_changes_gig_update", "search_changes_gig_delete", "search_changes_stats_insert",
                            "search_changes_stats_update", "search_changes_user_update", "gigs_created_ms_after_insert", "gigs_created_ms_after_update"] {
                try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS \(trigger)")).run()
            }
        case .postgres:
            try await sql.raw("DROP TRIGGER IF EXISTS search_changes_gigs_write ON gigs").run()
            try await sql.raw("DROP TRIGGER IF EXISTS search_changes_gigs_update ON gigs").run()
            try await sql.raw("DROP TRIGGER IF EXISTS search_changes_stats_insert ON seller_stats").run()
            try await sql.raw("DROP TRIGGER IF EXISTS search_changes_stats_update ON seller_stats").run()
            try await sql.raw("DROP TRIGGER IF EXISTS search_changes_users ON users").run()
            try await sql.raw("DROP FUNCTION IF EXISTS search_change()").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS search_changes").run()
    }
}
