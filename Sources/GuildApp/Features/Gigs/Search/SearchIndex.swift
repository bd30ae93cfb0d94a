// The text side of search behind one protocol: SQLite FTS5 (bm25) and PostgreSQL full-text search (ts_rank).
import Fluent
import SQLKit
import GuildCore

/// Where a search reads its rows from and how strongly each matched the words.
struct SearchSource {
    /// The FROM clause; the gigs table is always aliased `g`.
    var from: SQLQueryString
    /// The engine's raw relevance for a row (0 when browsing), as a double.
    var rawRelevance: SQLQueryString
    /// The text condition, `nil` when browsing without words.
    var match: SQLQueryString?
    /// ORDER BY text that puts the engine's best match first.
    var bestFirst: SQLQueryString
}

/// A full-text index over listed gigs. Writers call `sync` inside the same transaction as the gig's own
/// write, so that a published gig is found at once and a paused or deleted one is gone at once.
protocol SearchIndex: Sendable {
    /// How the engine's raw relevance is read by `Ranking`.
    var scale: RelevanceScale { get }
    /// Indexes the gig's current text when it is listed; takes it out of the index otherwise.
    func sync(_ gig: Gig, on tx: any Database) async throws
    /// Rebuilds the whole index from the gigs table (after bulk loads).
    func rebuild(on db: any Database) async throws
    /// The SQL pieces for a query with these words. With a `window`, only that many of the engine's best
    /// text matches are read (relevance sorting); without, every match (the other sorts page through all).
    func source(for terms: SearchTerms, window: Int?) -> SearchSource
}

enum SearchIndexes {
    static func index(for db: any Database) -> any SearchIndex { index(for: db.kind) }

    static func index(for kind: DatabaseKind) -> any SearchIndex {
        switch kind {
        case .sqlite: SQLiteFTS5Index()
        case .postgres: PostgresTextIndex()
        }
    }
}

/// SQLite FTS5 with bm25 column weights: title 10, tags 5, description 1.
struct SQLiteFTS5Index: SearchIndex {
    var scale: RelevanceScale { .bm25 }
    static let bm25 = "bm25(gigs_fts, 10.0, 5.0, 1.0)"

    func sync(_ gig: Gig, on tx: any Database) async throws {
        let id = try gig.requireID()
        let sql = tx.sql
        try await sql.raw("DELETE FROM gigs_fts WHERE rowid IN (SELECT rowid FROM gig_search_docs WHERE gig_id = \(bind: id))").run()
        guard gig.gigStatus.isListed, gig.deletedAt == nil else {
            try await sql.raw("DELETE FROM gig_search_docs WHERE gig_id = \(bind: id)").run()
            return
        }
        try await sql.raw("INSERT INTO gig_search_docs (gig_id) VALUES (\(bind: id)) ON CONFLICT (gig_id) DO NOTHING").run()
        try await sql.raw("""
            INSERT INTO gigs_fts (rowid, title, tags, description)
            SELECT rowid, \(bind: gig.title), \(bind: gig.tags.joined(separator: " ")), \(bind: gig.description)
            FROM gig_search_docs WHERE gig_id = \(bind: id)
            """).run()
    }

    func rebuild(on db: any Database) async throws {
        let sql = db.sql
        try await sql.raw("DELETE FROM gigs_fts").run()
        try await sql.raw("DELETE FROM gig_search_docs").run()
        try await sql.raw("INSERT INTO gig_search_docs (gig_id) SELECT id FROM gigs WHERE status = 'published' AND deleted_at IS NULL").run()
        try await sql.raw("""
            INSERT INTO gigs_fts (rowid, title, tags, description)
            SELECT d.rowid, g.title, (SELECT COALESCE(group_concat(value, ' '), '') FROM json_each(g.tags)), g.description
            FROM gig_search_docs d JOIN gigs g ON g.id = d.gig_id
            """).run()
        try await sql.raw("INSERT INTO gigs_fts (gigs_fts) VALUES ('optimize')").run()
    }

    func source(for terms: SearchTerms, window: Int?) -> SearchSource {
        guard let expression = terms.fts5MatchExpression(prefixLast: true) else {
            return SearchSource(from: "gigs g", rawRelevance: "0.0", match: nil, bestFirst: "g.static_score DESC")
        }
        // The full-text match runs first, once (CROSS JOIN fixes the join order in SQLite): otherwise the planner
        // may walk a gigs index and re-run MATCH for every row. With a window, FTS5 ranks and cuts before any join.
        if let window {
            return SearchSource(
                from: """
                    (SELECT rowid AS fts_rowid, \(unsafeRaw: Self.bm25) AS fts_rank FROM gigs_fts WHERE gigs_fts MATCH \(bind: expression)
                     ORDER BY fts_rank LIMIT \(literal: window)) m
                    CROSS JOIN gig_search_docs d ON d.rowid = m.fts_rowid CROSS JOIN gigs g ON g.id = d.gig_id
                    """,
                rawRelevance: "m.fts_rank", match: nil, bestFirst: "m.fts_rank ASC")
        }
        return SearchSource(
            from: "gigs_fts CROSS JOIN gig_search_docs d ON d.rowid = gigs_fts.rowid CROSS JOIN gigs g ON g.id = d.gig_id",
            rawRelevance: "\(unsafeRaw: Self.bm25)",
            match: "gigs_fts MATCH \(bind: expression)",
            bestFirst: "\(unsafeRaw: Self.bm25) ASC")
    }
}

/// PostgreSQL: a stored `search_vector` (title A, tags B, description C; NULL when not listed), a GIN
/// index, and `ts_rank`. Both sides use the `simple` configuration so that `word:*` prefixes match
/// exactly what was indexed.
struct PostgresTextIndex: SearchIndex {
    var scale: RelevanceScale { .tsRank }

    static let vector = """
        CASE WHEN status = 'published' AND deleted_at IS NULL THEN
            setweight(to_tsvector('simple', title), 'A')
            || setweight(to_tsvector('simple', array_to_string(tags, ' ')), 'B')
            || setweight(to_tsvector('simple', description), 'C')
        ELSE NULL END
        """

    func sync(_ gig: Gig, on tx: any Database) async throws {
        try await tx.sql.raw("UPDATE gigs SET search_vector = \(unsafeRaw: Self.vector) WHERE id = \(bind: try gig.requireID())").run()
    }

    func rebuild(on db: any Database) async throws {
        try await db.sql.raw("UPDATE gigs SET search_vector = \(unsafeRaw: Self.vector)").run()
        // Fresh statistics after a bulk load, so the planner uses the GIN index instead of scanning every gig.
        try await db.sql.raw("ANALYZE gigs, users, seller_stats").run()
    }

    func source(for terms: SearchTerms, window: Int?) -> SearchSource {
        guard let query = terms.postgresTsQuery(prefixLast: true) else {
            return SearchSource(from: "gigs g", rawRelevance: "0.0::float8", match: nil, bestFirst: "g.static_score DESC")
        }
        return SearchSource(
            from: "gigs g",
            rawRelevance: "ts_rank(g.search_vector, to_tsquery('simple', \(bind: query)))::float8",
            match: "g.search_vector @@ to_tsquery('simple', \(bind: query))",
            bestFirst: "ts_rank(g.search_vector, to_tsquery('simple', \(bind: query))) DESC")
    }
}
