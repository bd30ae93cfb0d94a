// Runs a parsed search on this instance's index (`SearchReplica`, `SearchEngine`) and shapes the answer.
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
    /// Relevance ranks at most this many candidates (see `SearchEngine.relevanceCandidates`).
    static let relevanceCandidates = SearchEngine.relevanceCandidates

    /// Scores use the start of the current UTC day as "now", so that the newcomer factor does not move
    /// between one page and the next and cursors stay exact.
    static func rankingDay(_ now: Date = Date()) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// The query parameters a search reads.
    static let parameterNames = ["q", "category", "maxPriceCents", "maxDeliveryDays", "minRating", "pro", "sort", "limit", "cursor", "explain"]

    /// Reads the request's query parameters the way `SearchRequest.parse` wants them (422 / 400 on bad ones).
    static func parse(_ req: Request) throws -> SearchRequest {
        let parameters = queryParameters(req.url.query, names: Set(parameterNames))
        do {
            return try SearchRequest.parse(parameters)
        } catch {
            switch error {
            case .invalid(let errors): throw errors
            case .malformedCursor(let e): throw APIError.badRequest("The cursor is not valid: \(e.reason)", code: "malformed_cursor")
            }
        }
    }

    /// The named parameters of a URL query, read once: `+` is a space, `%XX` a byte; a value that does not decode is
    /// left out (as `req.query` leaves it out); when a name comes twice, the first counts.
    static func queryParameters(_ query: String?, names: Set<String>) -> [String: String] {
        var out: [String: String] = [:]
        guard let query, !query.isEmpty else { return out }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first else { continue }
            guard let name = formDecoded(rawName), names.contains(name), out[name] == nil else { continue }
            guard let value = formDecoded(parts.count > 1 ? parts[1] : "") else { continue }
            out[name] = value
        }
        return out
    }

    /// One name or value of a query string decoded as `replacingOccurrences(of: "+", with: " ").removingPercentEncoding`
    /// does (nil for a broken `%` escape or bytes that are not UTF-8), in one pass over the bytes.
    static func formDecoded(_ raw: Substring) -> String? {
        let utf8 = raw.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(raw) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%") {
                let first = utf8.index(after: i)
                guard first != utf8.endIndex, let high = hex(utf8[first]) else { return nil }
                let second = utf8.index(after: first)
                guard second != utf8.endIndex, let low = hex(utf8[second]) else { return nil }
                bytes.append(high << 4 | low)
                i = second
            } else {
                bytes.append(b)
            }
            i = utf8.index(after: i)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// How long the two parts of a search took, in milliseconds: bringing the index up to date (one query to the
    /// database, more when there were changes) and the engine's own search. Sent as `Server-Timing`.
    struct Timing: Sendable {
        var catchUpMs: Double
        var engineMs: Double
        var header: String { "catchup;dur=\(Self.format(catchUpMs)), engine;dur=\(Self.format(engineMs))" }
        /// Milliseconds with three decimals (`1.250`), without a format string's cost on every search.
        static func format(_ ms: Double) -> String {
            let micros = Int((max(0, ms) * 1_000).rounded())
            let fraction = String(micros % 1_000)
            return "\(micros / 1_000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
        }
    }

    /// A search from a request, with the app's live weights.
    static func run(_ request: SearchRequest, for req: Request) async throws -> SearchResponse {
        try await run(request, weights: req.application.rankingWeights, app: req.application, on: req.db).response
    }

    static func run(_ request: SearchRequest, weights: RankingWeights, app: Application, on db: any Database,
                    now: Date = Date()) async throws -> (response: SearchResponse, timing: Timing) {
        try await run(request, weights: weights, app: app, on: db, eventLoop: db.eventLoop, now: now).get()
    }

    /// The same as a future on `eventLoop`: with the index current, the engine runs on the event loop when the feed's
    /// number arrives (a search takes a fraction of a millisecond), so the API answers without a task.
    static func run(_ request: SearchRequest, weights: RankingWeights, app: Application, on db: any Database, eventLoop: any EventLoop,
                    now: Date = Date()) -> EventLoopFuture<(response: SearchResponse, timing: Timing)> {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let day = rankingDay(now)
        return app.searchReplica.current(on: db, weights: weights, day: day, eventLoop: eventLoop).map { engine in
            let t1 = DispatchTime.now().uptimeNanoseconds
            let page = engine.search(request, day: day)
            let t2 = DispatchTime.now().uptimeNanoseconds
            let sort = request.filters.sort
            let results = page.hits.map { hit in
                SearchResultItem(gig: card(hit), score: hit.score.score, afterSellerLimit: hit.afterSellerLimit,
                                 explain: request.explain ? hit.score.factors : nil)
            }
            let response = SearchResponse(results: results, nextCursor: page.next?.encoded(),
                                          sellerLimitRule: request.explain && sort == .relevance ? Ranking.sellerLimitRule : nil)
            return (response, Timing(catchUpMs: Double(t1 - t0) / 1e6, engineMs: Double(t2 - t1) / 1e6))
        }
    }

    static func card(_ hit: SearchHit) -> GigCard {
        let d = hit.document, s = hit.seller
        return GigCard(
            id: d.id, title: d.title, category: d.category, subcategory: d.subcategory, sellerId: s.id, sellerName: s.displayName,
            sellerLevel: s.level, sellerLevelLabel: SellerLevel(rawValue: s.level)?.label ?? SellerLevel.new.label,
            rating: hit.averageRating, ratingCount: s.ratingCount, ratingScore: hit.ratingScore,
            startingPriceCents: d.startingPriceCents, fastestDeliveryDays: d.fastestDeliveryDays, isPro: s.isPro,
            createdAt: Date(timeIntervalSince1970: Double(d.createdMs) / 1000), createdAtMs: d.createdMs)
    }

    /// The same order as the databases' own uuid / blob comparison: byte by byte.
    static func idLess(_ a: UUID, _ b: UUID) -> Bool { SearchEngine.idLess(a, b) }

    /// `RankingNormalisation.bayesianStars` in SQL, with the published prior's values (see /ranking), over a
    /// `seller_stats` row: the reviews area stores it in `seller_stats.rating_score`.
    static func bayesianExpression(table: String) -> String {
        let n = RankingNormalisation.standard
        return "((CAST(COALESCE(\(table).rating_sum, 0) AS DOUBLE PRECISION) + \(n.ratingPriorStars)) / (COALESCE(\(table).rating_count, 0) + \(n.ratingPriorReviews)))"
    }
}
