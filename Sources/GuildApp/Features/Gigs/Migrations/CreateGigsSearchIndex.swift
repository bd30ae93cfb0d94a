// The full-text index over listed gigs: an FTS5 table on SQLite, a weighted tsvector column with a GIN index on PostgreSQL.
import Fluent
import SQLKit

struct CreateGigsSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        switch database.kind {
        case .sqlite:
            // FTS5 rows need integer rowids; gigs have UUIDs, so each indexed gig gets a small mapping row.
            try await sql.raw("CREATE TABLE gig_search_docs (rowid INTEGER PRIMARY KEY, gig_id BLOB NOT NULL UNIQUE)").run()
            try await sql.raw("""
                CREATE VIRTUAL TABLE gigs_fts USING fts5(title, tags, description,
                    tokenize='porter unicode61', prefix='3 4')
                """).run()
        case .postgres:
            // NULL for gigs that are not listed, so only published gigs can match.
            try await sql.raw("ALTER TABLE gigs ADD COLUMN search_vector tsvector").run()
            try await sql.raw("CREATE INDEX gigs_search_vector_idx ON gigs USING GIN (search_vector)").run()
        }
        // Browsing and the non-relevance sorts read listed gigs in these orders.
        try await sql.raw("CREATE INDEX gigs_listed_price_idx ON gigs (status, starting_price_cents)").run()
        try await sql.raw("CREATE INDEX gigs_listed_category_idx ON gigs (status, category)").run()
        try await sql.raw("CREATE INDEX gigs_seller_idx ON gigs (seller_id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        for index in ["gigs_listed_price_idx", "gigs_listed_category_idx", "gigs_seller_idx"] {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index)").run()
        }
        switch database.kind {
        case .sqlite:
            try await sql.raw("DROP TABLE IF EXISTS gigs_fts").run()
            try await sql.raw("DROP TABLE IF EXISTS gig_search_docs").run()
        case .postgres:
            try await sql.raw("DROP INDEX IF EXISTS gigs_search_vector_idx").run()
            try await sql.raw("ALTER TABLE gigs DROP COLUMN IF EXISTS search_vector").run()
        }
    }
}
