import Foundation
import Testing
import Vapor
import VaporTesting
import GuildCore
@testable import GuildApp

@Suite struct SearchAPITests {
    /// Three sellers with different records and 24 gigs; "mosaic" is in some titles and some tags.
    func catalogue(_ app: Application) async throws -> (all: Int, mosaic: Int, ids: [UUID]) {
        let ada = try await app.member("Ada Top")
        let bob = try await app.member("Bob Middle")
        let cy = try await app.member("Cy New")
        try await app.stats(ada.id, ratingSum: 98, ratingCount: 20, pro: true, onTime: 19, delivered: 20)
        try await app.stats(bob.id, ratingSum: 35, ratingCount: 10, onTime: 6, delivered: 10)
        var ids: [UUID] = []
        var mosaic = 0
        let sellers = [ada.id, bob.id, cy.id]
        let categories = ["design", "writing", "data"]
        for i in 0..<24 {
            let word = i % 3 == 2 ? "quilt" : "mosaic"
            let tags = i % 2 == 0 ? ["mosaic"] : ["tiles"]
            if word == "mosaic" || tags == ["mosaic"] { mosaic += 1 }  // matched by title or by tag
            // Prices repeat so that ties must break on id.
            let gig = try await app.gig(seller: sellers[i % 3], title: "Handmade \(word) pattern number \(i)",
                                        category: categories[i % categories.count], priceCents: Int64(1_000 + (i % 5) * 500),
                                        days: 1 + i % 7, tags: tags)
            ids.append(try gig.requireID())
        }
        return (24, mosaic, ids)
    }

    /// Follows nextCursor to the end, checking each page's own size.
    func allPages(_ app: Application, _ query: String, limit: Int) async throws -> [SearchResultItem] {
        var results: [SearchResultItem] = []
        var cursor: String?
        var pages = 0
        repeat {
            let q = query + "&limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let (status, page) = try await app.search(q)
            try #require(status == .ok, "\(q) gave \(status)")
            let p = try #require(page)
            #expect(p.results.count <= limit)
            if p.nextCursor != nil { #expect(p.results.count == limit) }
            results += p.results
            cursor = p.nextCursor
            pages += 1
        } while cursor != nil && pages < 100
        #expect(pages < 100)
        return results
    }

    @Test(arguments: TestDatabase.all)
    func everySortPagesThroughEveryResultExactlyOnceInOrder(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let setup = try await catalogue(app)
            for (query, expected) in [("q=mosaic", setup.mosaic), ("q=", setup.all)] {
                for sort in SearchSort.allCases {
                    // when paging through with a small page
                    let results = try await allPages(app, "\(query)&sort=\(sort.rawValue)", limit: 4)
                    // then every match appears exactly once
                    #expect(results.count == expected, "\(query) sort=\(sort)")
                    #expect(Set(results.map(\.gig.id)).count == results.count, "\(query) sort=\(sort) repeated a result")
                    // and the order holds across page boundaries, ties broken by id
                    for (a, b) in zip(results, results.dropFirst()) {
                        let ordered: Bool
                        switch sort {
                        // relevance: each seller's best three first (the seller limit), then the others, each part best first
                        case .relevance: ordered = (!a.afterSellerLimit && b.afterSellerLimit) || (a.afterSellerLimit == b.afterSellerLimit
                            && (a.score > b.score || (a.score == b.score && GigSearch.idLess(a.gig.id, b.gig.id))))
                        case .price: ordered = a.gig.startingPriceCents < b.gig.startingPriceCents
                            || (a.gig.startingPriceCents == b.gig.startingPriceCents && GigSearch.idLess(a.gig.id, b.gig.id))
                        case .rating: ordered = a.gig.ratingScore > b.gig.ratingScore
                            || (a.gig.ratingScore == b.gig.ratingScore && GigSearch.idLess(a.gig.id, b.gig.id))
                        case .newest: ordered = a.gig.createdAtMs > b.gig.createdAtMs
                            || (a.gig.createdAtMs == b.gig.createdAtMs && GigSearch.idLess(a.gig.id, b.gig.id))
                        }
                        #expect(ordered, "\(query) sort=\(sort): \(a.gig.title) before \(b.gig.title)")
                    }
                }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func filtersHoldOnEveryResultOfEveryPage(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            _ = try await catalogue(app)
            for sort in SearchSort.allCases {
                let s = "&sort=\(sort.rawValue)"
                let cheap = try await allPages(app, "q=&maxPriceCents=2000" + s, limit: 3)
                #expect(!cheap.isEmpty)
                #expect(cheap.allSatisfy { $0.gig.startingPriceCents <= 2000 })
                let fast = try await allPages(app, "q=mosaic&maxDeliveryDays=3" + s, limit: 3)
                #expect(!fast.isEmpty)
                #expect(fast.allSatisfy { $0.gig.fastestDeliveryDays <= 3 })
                let writing = try await allPages(app, "category=writing" + s, limit: 3)
                #expect(writing.count == 8)
                #expect(writing.allSatisfy { $0.gig.category == "writing" })
                let rated = try await allPages(app, "minRating=4.5" + s, limit: 3)
                #expect(rated.count == 8)  // only Ada averages 4.9; Bob's 3.5 and Cy's no reviews are out
                #expect(rated.allSatisfy { ($0.gig.rating ?? 0) >= 4.5 && $0.gig.sellerName == "Ada Top" })
                let pro = try await allPages(app, "q=pattern&pro=true" + s, limit: 5)
                #expect(pro.count == 8)
                #expect(pro.allSatisfy { $0.gig.isPro })
                let combined = try await allPages(app, "q=mosaic&category=design&maxPriceCents=2500&maxDeliveryDays=5" + s, limit: 2)
                #expect(combined.allSatisfy { $0.gig.category == "design" && $0.gig.startingPriceCents <= 2500 && $0.gig.fastestDeliveryDays <= 5 })
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func explainContributionsAddUpToTheScore(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            _ = try await catalogue(app)
            let (_, page) = try await app.search("q=mosaic&explain=true&limit=50")
            let results = try #require(page?.results)
            #expect(!results.isEmpty)
            for r in results {
                let factors = try #require(r.explain)
                #expect(factors.map(\.key) == RankingFactorKey.allCases.map(\.rawValue))
                let sum = factors.reduce(0) { $0 + $1.contribution }
                #expect(abs(sum - r.score) < 1e-12)
                for f in factors {
                    #expect(abs(f.weight * f.value - f.contribution) < 1e-12)
                    #expect((0...1).contains(f.value))
                }
                #expect(factors.first { $0.key == "textRelevance" }!.value > 0)
            }
            // the better-rated, Pro seller's record shows in the rating factor
            let ada = results.first { $0.gig.sellerName == "Ada Top" }!, cy = results.first { $0.gig.sellerName == "Cy New" }!
            #expect(ada.explain!.first { $0.key == "rating" }!.value > cy.explain!.first { $0.key == "rating" }!.value)
            // without explain=true there are no factors
            #expect(try await app.search("q=mosaic").1?.results.allSatisfy { $0.explain == nil } == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func hostileQueriesAreAnsweredNotFailed(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Seller")
            _ = try await app.gig(seller: ada.id, title: "Near the sea: OR logo design")
            let hostile = ["\"", "\"\"\"", "*", "-", "NEAR(", "NEAR(a b, 2)", "a OR b", "OR", "AND NOT", "'; DROP TABLE gigs; --",
                           "title:logo", "^logo", "logo*", "(((", "a & b | !c", "logo:*", "\\", "%", "_", "ünïcödé 日本語 🎨",
                           String(repeating: "x", count: 3000), "{}[]", "NEAR/2", "-logo", "\"logo\"", "col:1"]
            for q in hostile {
                let res = try await app.send(.GET, "/api/v1/search?q=\(encoded(q))")
                #expect(res.status == .ok, "q=\(q.prefix(40)) gave \(res.status)")
                let page = try await app.send(.GET, "/search?q=\(encoded(q))")
                #expect(page.status == .ok, "page q=\(q.prefix(40)) gave \(page.status)")
            }
            // operator words are plain words: "OR" matches the title that contains it
            #expect(try await app.search("q=\(encoded("NEAR OR"))").1?.results.count == 1)
            #expect(try await app.search("q=\(encoded("logo*"))").1?.results.count == 1)
            // the gigs table survived
            #expect(try await app.search("q=logo").1?.results.count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func badParametersAre422NamingThemAndBadCursorsAre400(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            for (query, field) in [("limit=0", "limit"), ("limit=1000", "limit"), ("sort=sideways", "sort"), ("limit=abc", "limit"),
                                   ("maxPriceCents=-5", "maxPriceCents"), ("minRating=9", "minRating"), ("category=astrology", "category"),
                                   ("pro=maybe", "pro"), ("maxDeliveryDays=0", "maxDeliveryDays"), ("explain=perhaps", "explain")] {
                let res = try await app.send(.GET, "/api/v1/search?\(query)")
                #expect(res.status == .unprocessableEntity, "\(query)")
                #expect(res.errorBody?.field == field, "\(query) named \(res.errorBody?.field ?? "nothing")")
            }
            for cursor in ["garbled!!", "bm90IGpzb24", String(repeating: "A", count: 600),
                           SearchCursor(sort: .price, value: .int(5), id: UUID()).encoded()] {
                let res = try await app.send(.GET, "/api/v1/search?sort=relevance&cursor=\(encoded(cursor))")
                #expect(res.status == .badRequest, "cursor \(cursor.prefix(20))")
                #expect(res.errorBody?.code == "malformed_cursor")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func theDatabasesRatingScoreIsTheCoresBayesianFormula(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given sellers with no reviews, one review and many reviews
            let records = [(0, 0), (5, 1), (1, 1), (98, 20), (35, 10)]
            var expected: [UUID: Double] = [:]
            for (i, (sum, count)) in records.enumerated() {
                let seller = try await app.member("Seller \(i)")
                try await app.stats(seller.id, ratingSum: sum, ratingCount: count)
                let gig = try await app.gig(seller: seller.id, title: "Woven basket number \(i)")
                expected[try gig.requireID()] = RankingNormalisation.standard.bayesianStars(sum: sum, count: count)
            }
            // when searching by rating
            let (status, page) = try await app.search("q=basket&sort=rating&limit=10")
            // then every score the SQL computed is the core's, and they come best first
            #expect(status == .ok)
            let results = try #require(page).results
            #expect(results.count == records.count)
            for r in results {
                let want = try #require(expected[r.gig.id])
                #expect(abs(r.gig.ratingScore - want) < 1e-9, "\(r.gig.title): \(r.gig.ratingScore) ≠ \(want)")
            }
            #expect(results.map(\.gig.ratingScore) == results.map(\.gig.ratingScore).sorted(by: >))
        }
    }

    @Test(arguments: TestDatabase.all)
    func pingIsTheBareBaseline(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let res = try await app.send(.GET, "/api/v1/ping")
            #expect(res.status == .ok)
            #expect(res.body.string == "{\"ok\":true}")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theHandWrittenJSONIsTheCodableDocument(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            _ = try await catalogue(app)
            let odd = try await app.member("Zoë \"Quotes\" O'Brien")
            _ = try await app.gig(seller: odd.id, title: "Mosaic \"deluxe\" — naïve \\ tiles 🧩", tags: ["mosaic"])
            let encoder = try ContentConfiguration.global.requireEncoder(for: .json)
            for query in ["q=mosaic&explain=true&limit=5", "q=mosaic", "q=&sort=newest&limit=3", "q=quilt&sort=rating", "q=nothing-matches",
                          "q=mosaic&explain=true&limit=50"] {
                var parameters: [String: String] = [:]
                for pair in query.split(separator: "&") {
                    let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    parameters[kv[0]] = kv.count > 1 ? kv[1] : ""
                }
                let response = try await GigSearch.run(try SearchRequest.parse(parameters), weights: .standard, app: app, on: app.db).response
                var codable = ByteBuffer()
                var headers = HTTPHeaders()
                try encoder.encode(response, to: &codable, headers: &headers)
                let mine = try JSONSerialization.jsonObject(with: Data(buffer: response.jsonBody())) as? NSDictionary
                let theirs = try JSONSerialization.jsonObject(with: Data(buffer: codable)) as? NSDictionary
                #expect(mine != nil && mine == theirs, "\(query)")
            }
            // and the API answers with it, with the engine's timings
            let res = try await app.send(.GET, "/api/v1/search?q=mosaic+deluxe")
            #expect(res.headers.contentType == .json)
            #expect(res.headers.first(name: "Server-Timing")?.contains("engine;dur=") == true)
            let page = try res.decode(SearchResponse.self)
            #expect(page.results.map(\.gig.title) == ["Mosaic \"deluxe\" — naïve \\ tiles 🧩"])
            #expect(page.results.first?.gig.sellerName == "Zoë \"Quotes\" O'Brien")
        }
    }

    @Test func queryValuesDecodeAsFoundationDecodesThem() {
        for raw in ["design", "sound+design", "caf%C3%A9", "caf%c3%a9+bar", "100%25", "a%2Bb", "%", "%4", "%zz", "50%", "%FF%FE", "%E2%82",
                    "", "+", "++a++", "%20%20", "na%C3%AFve%20tiles+%F0%9F%A7%A9", "%00", "a=b", "%3D%26"] {
            let foundation = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            #expect(GigSearch.formDecoded(Substring(raw)) == foundation, "\(raw)")
        }
        let parameters = GigSearch.queryParameters("q=sound+design&q=ignored&limit=5&cursor=%zz&sort=price", names: ["q", "limit", "cursor", "sort"])
        #expect(parameters == ["q": "sound design", "limit": "5", "sort": "price"])
    }
}
