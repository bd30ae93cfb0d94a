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
    var explain: [FactorContribution]?
}

struct SearchResponse: Content {
    var results: [SearchResultItem]
    var nextCursor: String?

    private enum CodingKeys: String, CodingKey { case results, nextCursor }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(results, forKey: .results)
        try c.encode(nextCursor, forKey: .nextCursor)  // null on the last page, never missing
    }
}

enum GigSearch {
    /// Relevance needs every candidate scored before sorting, so it reads at most this many of the
    /// engine's best matches (after filters). The other sorts page through every match.
    static let relevanceCandidates = 200
    /// With filters, relevance first takes this many of the engine's best text matches, then filters them.
    static let relevanceWindowFiltered = 1_500

    /// Scores use the start of the current UTC day as "now", so that the newcomer factor does not move
    /// between one page and the next and cursors stay exact.
    static func rankingDay(_ now: Date = Date()) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// Reads the request's query parameters the way `SearchRequest.parse` wants them (422 / 400 on bad ones).
    static func parse(_ req: Request) throws -> SearchRequest {
        var parameters: [String: String] = [:]
        for name in ["q", "category", "maxPriceCents", "maxDeliveryDays", "minRating", "pro", "sort", "limit", "cursor", "explain"] {
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

    static func run(_ request: SearchRequest, weights: RankingWeights, on db: any Database, now: Date = Date()) async throws -> SearchResponse {
        let index = SearchIndexes.index(for: db)
        let filters = request.filters
        // Relevance reads the engine's best matches: 200 when nothing else narrows them, a wider window when
        // filters may drop some (then up to 200 of those that pass are scored).
        let filtered = filters.category != nil || filters.maxPriceCents != nil || filters.maxDeliveryDays != nil
            || filters.minRating != nil || filters.pro == true
        let source = index.source(for: request.terms,
                                  window: filters.sort == .relevance ? (filtered ? relevanceWindowFiltered : relevanceCandidates) : nil)
        let day = rankingDay(now)
        let sort = filters.sort
        let ms = msExpression(db.kind)

        var conditions: [SQLQueryString] = ["g.status = 'published'", "g.deleted_at IS NULL"]
        if let match = source.match { conditions.append(match) }
        if let category = filters.category { conditions.append("g.category = \(bind: category)") }
        if let maxPrice = filters.maxPriceCents { conditions.append("g.starting_price_cents <= \(bind: maxPrice)") }
        if let maxDays = filters.maxDeliveryDays { conditions.append("g.fastest_delivery_days <= \(bind: maxDays)") }
        if let minRating = filters.minRating {
            conditions.append("COALESCE(s.rating_count, 0) > 0 AND \(unsafeRaw: averageExpression) >= \(bind: minRating)")
        }
        if filters.pro == true { conditions.append("s.is_pro = \(bind: true)") }

        var order: SQLQueryString
        var limit: Int
        switch sort {
        case .relevance:
            order = source.bestFirst + ", g.id"
            limit = relevanceCandidates
        case .price:
            if let c = request.cursor, case .int(let v) = c.value {
                conditions.append("(g.starting_price_cents > \(bind: v) OR (g.starting_price_cents = \(bind: v) AND g.id > \(bind: c.id)))")
            }
            order = "g.starting_price_cents ASC, g.id ASC"
            limit = filters.limit + 1
        case .rating:
            if let c = request.cursor, case .double(let v) = c.value {
                conditions.append("(\(unsafeRaw: bayesianExpression) < \(bind: v) OR (\(unsafeRaw: bayesianExpression) = \(bind: v) AND g.id > \(bind: c.id)))")
            }
            order = "rating_score DESC, g.id ASC"
            limit = filters.limit + 1
        case .newest:
            if let c = request.cursor, case .int(let v) = c.value {
                conditions.append("(\(unsafeRaw: ms) < \(bind: v) OR (\(unsafeRaw: ms) = \(bind: v) AND g.id > \(bind: c.id)))")
            }
            order = "created_ms DESC, g.id ASC"
            limit = filters.limit + 1
        }

        var query: SQLQueryString = """
            SELECT g.id, g.title, g.category, g.subcategory, g.seller_id, u.display_name AS seller_name, u.created_at AS joined_at,
                   COALESCE(s.level, 'new') AS level, COALESCE(s.rating_sum, 0) AS rating_sum, COALESCE(s.rating_count, 0) AS rating_count,
                   COALESCE(s.on_time_delivered, 0) AS on_time_delivered, COALESCE(s.delivered_total, 0) AS delivered_total,
                   s.median_response_hours, COALESCE(s.is_pro, \(unsafeRaw: db.kind == .sqlite ? "0" : "false")) AS is_pro,
                   g.starting_price_cents, g.fastest_delivery_days, \(unsafeRaw: ms) AS created_ms,
                   \(unsafeRaw: bayesianExpression) AS rating_score,\n
            """
        query += source.rawRelevance
        query += " AS raw_relevance FROM "
        query += source.from
        query += " JOIN users u ON u.id = g.seller_id LEFT JOIN seller_stats s ON s.user_id = g.seller_id WHERE "
        query += conditions.joined(separator: " AND ")
        query += " ORDER BY "
        query += order
        query += " LIMIT \(literal: limit)"

        let rows = try await db.sql.raw(query).all()
        // Score every row from the few columns ranking reads; decode a whole card only for the rows on the page.
        var scored: [(row: any SQLRow, id: UUID, ranked: RankedScore)] = []
        scored.reserveCapacity(rows.count)
        for row in rows {
            let signals = RankingSignals(
                rawRelevance: try row.decode(column: "raw_relevance", as: Double.self),
                ratingSum: try row.decode(column: "rating_sum", as: Int.self),
                ratingCount: try row.decode(column: "rating_count", as: Int.self),
                onTimeDelivered: try row.decode(column: "on_time_delivered", as: Int.self),
                deliveredTotal: try row.decode(column: "delivered_total", as: Int.self),
                medianResponseHours: try row.decode(column: "median_response_hours", as: Double?.self),
                sellerJoinedAt: try row.decode(column: "joined_at", as: Date?.self) ?? day)
            let ranked = Ranking.score(signals: signals, weights: weights, now: day, scale: index.scale)
            scored.append((row, try row.decode(column: "id", as: UUID.self), ranked))
        }

        var page = scored
        if sort == .relevance {
            page.sort { a, b in
                a.ranked.score != b.ranked.score ? a.ranked.score > b.ranked.score : idLess(a.id, b.id)
            }
            if let c = request.cursor, case .double(let v) = c.value {
                page = page.filter { $0.ranked.score < v || ($0.ranked.score == v && idLess(c.id, $0.id)) }
            }
        }
        let hasMore = page.count > filters.limit
        let cards = try page.prefix(filters.limit).map { item in (card: try card(item.row, id: item.id), ranked: item.ranked) }
        var next: String?
        if hasMore, let last = cards.last {
            let value: CursorValue = switch sort {
            case .relevance: .double(last.ranked.score)
            case .price: .int(last.card.startingPriceCents)
            case .rating: .double(last.card.ratingScore)
            case .newest: .int(last.card.createdAtMs)
            }
            next = SearchCursor(sort: sort, value: value, id: last.card.id).encoded()
        }
        return SearchResponse(
            results: cards.map { SearchResultItem(gig: $0.card, score: $0.ranked.score, explain: request.explain ? $0.ranked.factors : nil) },
            nextCursor: next)
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

    /// Creation time in whole milliseconds since 1970 (SQLite stores seconds as a real; PostgreSQL a timestamptz).
    static func msExpression(_ kind: DatabaseKind) -> String {
        switch kind {
        case .sqlite: "CAST(g.created_at * 1000 AS INTEGER)"
        case .postgres: "CAST(floor(extract(epoch FROM g.created_at) * 1000) AS BIGINT)"
        }
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
