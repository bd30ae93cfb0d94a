// Runs a parsed search: the engine finds and filters, Swift scores with the published formula, keyset cursors page.
import Vapor
import Fluent
import SQLKit
import GuildCore

/// One listed gig as a search result card shows it.
struct GigCard: Content, Equatable {
    var id: UUID
    var title: String
    var category: String
    var subcategory: String?
    var sellerId: UUID
    var sellerName: String
    var sellerLevel: String
    var sellerLevelLabel: String
    /// Plain average of the seller's reviews; `nil` before the first review.
    var rating: Double?
    var ratingCount: Int
    /// Bayesian-average stars (as if five extra 4-star reviews): what `sort=rating` orders by.
    var ratingScore: Double
    var startingPriceCents: Int64
    var fastestDeliveryDays: Int
    var isPro: Bool
    var createdAt: Date
    /// `createdAt` in whole milliseconds: the exact value `sort=newest` orders by.
    var createdAtMs: Int64
}

struct SearchResultItem: Content {
    var gig: GigCard
    var score: Double
    /// Relevance only: this gig is one of its seller's beyond their best `Ranking.sellerLimit` among the candidates, so
    /// it comes after every seller's best (see `Ranking.sellerLimitRule`).
    var afterSellerLimit: Bool = false
    var explain: [FactorContribution]?
}

struct SearchResponse: Content {
    var results: [SearchResultItem]
    var nextCursor: String?
    /// With `explain=true` on a relevance search: the seller limit in words, as `/ranking` publishes it.
    var sellerLimitRule: String? = nil

    private enum CodingKeys: String, CodingKey { case results, nextCursor, sellerLimitRule }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(results, forKey: .results)
        try c.encode(nextCursor, forKey: .nextCursor)  // null on the last page, never missing
        try c.encodeIfPresent(sellerLimitRule, forKey: .sellerLimitRule)
    }
}

enum GigSearch {
    /// Relevance ranks at most this many candidates: the engine's best text matches that pass the filters (or, with no
    /// words, the gigs with the highest stored static score). The other sorts page through every match.
    static let relevanceCandidates = 200
    /// SQLite with filters: the filters are applied to this many of FTS5's best text matches, then the best
    /// `relevanceCandidates` of those that pass are ranked.
    static let relevanceWindowFiltered = 1_500

    /// Scores use the start of the current UTC day as "now", so that the newcomer factor does not move
    /// between one page and the next and cursors stay exact.
    static func rankingDay(_ now: Date = Date()) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// The query parameters a search reads.
    static let parameterNames = ["q", "category", "maxPriceCents", "maxDeliveryDays", "minRating", "pro", "sort", "limit", "cursor", "explain"]

    /// Reads the request's query parameters the way `SearchRequest.parse` wants them (422 / 400 on bad ones).
    static func parse(_ req: Request) throws -> SearchRequest {
        var parameters: [String: String] = [:]
        for name in parameterNames {
            if let value = try? req.query.get(String.self, at: name) { parameters[name] = value }
        }
        do {
            return try SearchRequest.parse(parameters)
        } catch {
            switch error {
            case .invalid(let errors): throw errors
            case .malformedCursor(let e): throw APIError.badRequest("The cursor is not valid: \(e.reason)", code: "malformed_cursor")
            }
        }
    }

    /// A search from a request: the stored scores are first made sure to use the live weights.
    static func run(_ request: SearchRequest, for req: Request) async throws -> SearchResponse {
        let weights = req.application.rankingWeights
        try await RankingSQL.ensureWeights(weights, app: req.application, on: req.db)
        return try await run(request, weights: weights, on: req.db)
    }

    /// The columns a result card and its explanation read, over `g` (gigs), `u` (the seller) and `s` (seller_stats).
    static func cardColumns(_ kind: DatabaseKind) -> String {
        """
        g.id, g.title, g.category, g.subcategory, g.seller_id, u.display_name AS seller_name, u.created_at AS joined_at,
        COALESCE(s.level, 'new') AS level, COALESCE(s.rating_sum, 0) AS rating_sum, COALESCE(s.rating_count, 0) AS rating_count,
        COALESCE(s.on_time_delivered, 0) AS on_time_delivered, COALESCE(s.delivered_total, 0) AS delivered_total,
        s.median_response_hours, COALESCE(s.is_pro, \(kind == .sqlite ? "0" : "false")) AS is_pro,
        g.starting_price_cents, g.fastest_delivery_days, g.created_ms, \(bayesianExpression) AS rating_score
        """
    }

    static func run(_ request: SearchRequest, weights: RankingWeights, on db: any Database, now: Date = Date()) async throws -> SearchResponse {
        let kind = db.kind
        let scale = SearchIndexes.index(for: kind).scale
        let day = rankingDay(now).timeIntervalSince1970
        let query = sql(request, weights: weights, kind: kind, now: now)
        let rows = try await db.sql.raw(query).all()
        let filters = request.filters
        let sort = filters.sort
        let hasMore = rows.count > filters.limit
        let page = rows.prefix(filters.limit)
        let scoreDay = Date(timeIntervalSince1970: day)
        var results: [SearchResultItem] = []
        results.reserveCapacity(page.count)
        var lastKey: (card: GigCard, key: Double)?
        for row in page {
            let card = try card(row, id: try row.decode(column: "id", as: UUID.self))
            // The score shown is GuildCore's own, from the same facts; the database ranked by the same formula.
            let signals = RankingSignals(
                rawRelevance: try row.decode(column: "raw_relevance", as: Double.self),
                ratingSum: try row.decode(column: "rating_sum", as: Int.self),
                ratingCount: try row.decode(column: "rating_count", as: Int.self),
                onTimeDelivered: try row.decode(column: "on_time_delivered", as: Int.self),
                deliveredTotal: try row.decode(column: "delivered_total", as: Int.self),
                medianResponseHours: try row.decode(column: "median_response_hours", as: Double?.self),
                sellerJoinedAt: try row.decode(column: "joined_at", as: Date?.self) ?? scoreDay)
            let ranked = Ranking.score(signals: signals, weights: weights, now: scoreDay, scale: scale)
            var afterLimit = false
            var key = ranked.score
            if sort == .relevance {
                key = try row.decode(column: "rank_key", as: Double.self)
                afterLimit = key < -0.5
            }
            results.append(SearchResultItem(gig: card, score: ranked.score, afterSellerLimit: afterLimit,
                                            explain: request.explain ? ranked.factors : nil))
            lastKey = (card, key)
        }
        var next: String?
        if hasMore, let last = lastKey {
            let value: CursorValue = switch sort {
            case .relevance: .double(last.key)
            case .price: .int(last.card.startingPriceCents)
            case .rating: .double(last.card.ratingScore)
            case .newest: .int(last.card.createdAtMs)
            }
            next = SearchCursor(sort: sort, value: value, id: last.card.id).encoded()
        }
        return SearchResponse(results: results, nextCursor: next,
                              sellerLimitRule: request.explain && sort == .relevance ? Ranking.sellerLimitRule : nil)
    }

    /// The one SQL statement a search runs (`guild search-sql` prints it for the benchmark's engine timings).
    static func sql(_ request: SearchRequest, weights: RankingWeights, kind: DatabaseKind, now: Date = Date()) -> SQLQueryString {
        let filters = request.filters
        let sort = filters.sort
        let day = rankingDay(now).timeIntervalSince1970
        let index = SearchIndexes.index(for: kind)
        let filtered = filters.category != nil || filters.maxPriceCents != nil || filters.maxDeliveryDays != nil
            || filters.minRating != nil || filters.pro == true
        let source = index.source(for: request.terms,
                                  window: sort == .relevance ? (filtered ? relevanceWindowFiltered : relevanceCandidates) : nil)

        var conditions: [SQLQueryString] = ["g.status = 'published'", "g.deleted_at IS NULL"]
        if let match = source.match { conditions.append(match) }
        if let category = filters.category { conditions.append("g.category = \(bind: category)") }
        if let maxPrice = filters.maxPriceCents { conditions.append("g.starting_price_cents <= \(bind: maxPrice)") }
        if let maxDays = filters.maxDeliveryDays { conditions.append("g.fastest_delivery_days <= \(bind: maxDays)") }
        if let minRating = filters.minRating {
            conditions.append("COALESCE(s.rating_count, 0) > 0 AND \(unsafeRaw: averageExpression) >= \(bind: minRating)")
        }
        if filters.pro == true { conditions.append("s.is_pro = \(bind: true)") }

        var fromAndWhere: SQLQueryString = " FROM "
        fromAndWhere += source.from
        fromAndWhere += " JOIN users u ON u.id = g.seller_id LEFT JOIN seller_stats s ON s.user_id = g.seller_id WHERE "

        var query: SQLQueryString
        if sort == .relevance {
            // Candidates: the engine's best text matches that pass the filters (or the best static scores when
            // browsing), at most `relevanceCandidates`. Each is scored with the whole published formula: the stored
            // static part plus text relevance and newcomer exposure. Then each seller's best `Ranking.sellerLimit`
            // come before everyone's others (unless the words name the seller).
            var named: SQLQueryString = "0 = 1"
            if !request.terms.isEmpty {
                // A word of the query that is a whole word of the seller's name names the seller.
                let parts: [SQLQueryString] = request.terms.words.map { word in
                    let padded = " " + word + " "
                    return kind == .sqlite ? "instr(' ' || lower(u.display_name) || ' ', \(bind: padded)) > 0"
                        : "strpos(' ' || lower(u.display_name) || ' ', \(bind: padded)) > 0"
                }
                named = "(" + parts.joined(separator: " OR ") + ")"
            }
            let textValue = RankingSQL.textRelevance("raw_relevance", index.scale, kind)
            let newcomerValue = RankingSQL.newcomer(joined: RankingSQL.epochSeconds("joined_at", kind), day: RankingSQL.literal(day), kind)
            query = "WITH c AS (SELECT \(unsafeRaw: cardColumns(kind)), "
            query += source.rawRelevance
            query += " AS raw_relevance, g.static_score, CASE WHEN "
            query += named
            query += " THEN 1 ELSE 0 END AS named"
            query += fromAndWhere
            query += conditions.joined(separator: " AND ")
            query += " ORDER BY "
            query += source.bestFirst
            query += ", g.id LIMIT \(literal: relevanceCandidates)), "
            query += "r AS (SELECT c.*, (\(bind: weights.textRelevance) * \(unsafeRaw: textValue) + static_score + \(bind: weights.newcomerExposure) * \(unsafeRaw: newcomerValue)) AS score FROM c), "
            query += "k AS (SELECT r.*, CASE WHEN named = 1 OR ROW_NUMBER() OVER (PARTITION BY seller_id ORDER BY score DESC, id) <= \(literal: Ranking.sellerLimit) THEN score ELSE score - 2.0 END AS rank_key FROM r) SELECT * FROM k"
            if let c = request.cursor, case .double(let v) = c.value {
                query += " WHERE (rank_key < \(bind: v) OR (rank_key = \(bind: v) AND id > \(bind: c.id)))"
            }
            query += " ORDER BY rank_key DESC, id ASC LIMIT \(literal: filters.limit + 1)"
        } else {
            var order: SQLQueryString
            switch sort {
            case .relevance:
                preconditionFailure("relevance is ranked above")
            case .price:
                if let c = request.cursor, case .int(let v) = c.value {
                    conditions.append("(g.starting_price_cents > \(bind: v) OR (g.starting_price_cents = \(bind: v) AND g.id > \(bind: c.id)))")
                }
                order = "g.starting_price_cents ASC, g.id ASC"
            case .rating:
                if let c = request.cursor, case .double(let v) = c.value {
                    conditions.append("(\(unsafeRaw: bayesianExpression) < \(bind: v) OR (\(unsafeRaw: bayesianExpression) = \(bind: v) AND g.id > \(bind: c.id)))")
                }
                order = "rating_score DESC, g.id ASC"
            case .newest:
                if let c = request.cursor, case .int(let v) = c.value {
                    conditions.append("(g.created_ms < \(bind: v) OR (g.created_ms = \(bind: v) AND g.id > \(bind: c.id)))")
                }
                order = "g.created_ms DESC, g.id ASC"
            }
            query = "SELECT \(unsafeRaw: cardColumns(kind)), "
            query += source.rawRelevance
            query += " AS raw_relevance"
            query += fromAndWhere
            query += conditions.joined(separator: " AND ")
            query += " ORDER BY "
            query += order
            query += " LIMIT \(literal: filters.limit + 1)"
        }

        return query
    }

    private static func card(_ row: any SQLRow, id: UUID) throws -> GigCard {
        let ratingSum = try row.decode(column: "rating_sum", as: Int.self)
        let ratingCount = try row.decode(column: "rating_count", as: Int.self)
        let level = try row.decode(column: "level", as: String.self)
        let createdMs = try row.decode(column: "created_ms", as: Int64.self)
        return GigCard(
            id: id,
            title: try row.decode(column: "title", as: String.self),
            category: try row.decode(column: "category", as: String.self),
            subcategory: try row.decode(column: "subcategory", as: String?.self),
            sellerId: try row.decode(column: "seller_id", as: UUID.self),
            sellerName: try row.decode(column: "seller_name", as: String.self),
            sellerLevel: level,
            sellerLevelLabel: SellerLevel(rawValue: level)?.label ?? SellerLevel.new.label,
            rating: ratingCount > 0 ? Double(ratingSum) / Double(ratingCount) : nil,
            ratingCount: ratingCount,
            ratingScore: try row.decode(column: "rating_score", as: Double.self),
            startingPriceCents: try row.decode(column: "starting_price_cents", as: Int64.self),
            fastestDeliveryDays: try row.decode(column: "fastest_delivery_days", as: Int.self),
            isPro: try row.decode(column: "is_pro", as: Bool.self),
            createdAt: Date(timeIntervalSince1970: Double(createdMs) / 1000),
            createdAtMs: createdMs)
    }

    /// The same order as the databases' own uuid / blob comparison: byte by byte.
    static func idLess(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { x in withUnsafeBytes(of: b.uuid) { y in x.lexicographicallyPrecedes(y) } }
    }

    /// The plain average of a seller's reviews (only meaningful when rating_count > 0): what `minRating` filters on.
    static let averageExpression = "CAST(s.rating_sum AS DOUBLE PRECISION) / s.rating_count"

    /// `RankingNormalisation.bayesianStars` in SQL, with the published prior's values (see /ranking): what
    /// `sort=rating` orders by. `SearchAPITests` checks that it ranks as the core's formula does.
    static var bayesianExpression: String { bayesianExpression(table: "s") }

    /// The same over another name for `seller_stats` (the reviews area stores it in `seller_stats.rating_score`).
    static func bayesianExpression(table: String) -> String {
        let n = RankingNormalisation.standard
        return "((CAST(COALESCE(\(table).rating_sum, 0) AS DOUBLE PRECISION) + \(n.ratingPriorStars)) / (COALESCE(\(table).rating_count, 0) + \(n.ratingPriorReviews)))"
    }
}
