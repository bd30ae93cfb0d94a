import Foundation
import Testing
import Vapor
import Fluent
import SQLKit
import VaporTesting
import GuildCore
@testable import GuildApp

/// Search ranks with the published formula: every result's score is GuildCore's `Ranking.score` over the seller's record
/// as the database holds it (written through the same paths orders use), the order follows it, and the seller limit
/// holds, on random catalogues.
@Suite struct SearchRankingTests {
    static let words = ["amber", "basalt", "cobalt", "dune", "ember"]

    struct Seller { var id: UUID; var name: String; var ratingSum: Int; var ratingCount: Int; var onTime: Int; var delivered: Int; var hours: Double?; var joined: Date }

    /// Sellers with random records and join dates, and gigs whose titles hold random words.
    func randomCatalogue(_ app: Application, seed: UInt64) async throws -> (sellers: [UUID: Seller], titles: [UUID: String]) {
        var rng = SeededRandom(seed: seed)
        var sellers: [UUID: Seller] = [:]
        var titles: [UUID: String] = [:]
        let now = Date()
        let names = ["Ada Amber", "Bo Quartz", "Cy Slate", "Di Onyx", "Ed Flint", "Flo Jade"]
        for name in names.prefix(Int.random(in: 3...6, using: &rng)) {
            let member = try await app.member(name)
            let count = Int.random(in: 0...30, using: &rng)
            let delivered = Int.random(in: 0...30, using: &rng)
            let seller = Seller(id: member.id, name: name, ratingSum: count == 0 ? 0 : Int.random(in: count...(5 * count), using: &rng), ratingCount: count,
                                onTime: Int.random(in: 0...delivered, using: &rng), delivered: delivered,
                                hours: Bool.random(using: &rng) ? nil : Double.random(in: 0...100, using: &rng),
                                joined: now.addingTimeInterval(-Double.random(in: 0...(120 * 86_400), using: &rng)))
            sellers[member.id] = seller
            try await app.db.sql.raw("UPDATE users SET created_at = \(bind: seller.joined) WHERE id = \(bind: seller.id)").run()
            // Gigs first for some sellers, so that the seller's record reaches gigs that already exist (the triggers).
            let gigsFirst = Bool.random(using: &rng)
            if !gigsFirst { try await setStats(app, seller) }
            for i in 0..<Int.random(in: 1...9, using: &rng) {
                let picked = Self.words.filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }
                let title = "Handmade \(picked.joined(separator: " ")) piece \(i)"
                let gig = try await app.gig(seller: member.id, title: title, tags: picked.isEmpty ? ["logo"] : [picked[0]])
                titles[try gig.requireID()] = title
            }
            if gigsFirst { try await setStats(app, seller) }
        }
        return (sellers, titles)
    }

    func setStats(_ app: Application, _ s: Seller) async throws {
        // Through the orders' own upsert and the responsiveness job's update: the paths that change records in use.
        try await SellerStatsUpdate.add([("rating_sum", Int64(s.ratingSum)), ("rating_count", Int64(s.ratingCount)),
                                         ("on_time_delivered", Int64(s.onTime)), ("delivered_total", Int64(s.delivered))], to: s.id, on: app.db)
        try await app.db.sql.raw("UPDATE seller_stats SET median_response_hours = \(bind: s.hours) WHERE user_id = \(bind: s.id)").run()
    }

    func staticPart(_ s: Seller, _ w: RankingWeights) -> Double {
        w.rating * Ranking.rating(sum: s.ratingSum, count: s.ratingCount) + w.onTimeDelivery * Ranking.onTime(delivered: s.onTime, total: s.delivered)
            + w.responsiveness * Ranking.responsiveness(medianHours: s.hours)
    }

    func allPages(_ app: Application, _ query: String, limit: Int) async throws -> [SearchResultItem] {
        var results: [SearchResultItem] = []
        var cursor: String?
        repeat {
            let (status, page) = try await app.search(query + "&limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? ""))
            try #require(status == .ok)
            results += try #require(page).results
            cursor = page?.nextCursor
        } while cursor != nil && results.count < 500
        return results
    }

    @Test(arguments: TestDatabase.all)
    func searchRanksAsTheCoreFormulaOnRandomCatalogues(_ db: TestDatabase) async throws {
        for seed in [UInt64(7), 2024, 99_991] {
            try await withGuild(db) { app in
                let (sellers, titles) = try await randomCatalogue(app, seed: seed)

                for word in Self.words + [""] {
                    let results = try await allPages(app, "q=\(word)&explain=true", limit: 4)
                    let matching = titles.filter { word.isEmpty || $0.value.contains(word) }
                    // every match appears once
                    #expect(Set(results.map(\.gig.id)) == Set(matching.keys), "seed \(seed) q=\(word)")
                    #expect(results.count == matching.count)
                    for r in results {
                        // the score is the core's formula over the seller's record, join date and the text score
                        let seller = try #require(sellers[r.gig.sellerId])
                        let factors = try #require(r.explain)
                        let text = factors.first { $0.key == RankingFactorKey.textRelevance.rawValue }!.value
                        let newcomer = Ranking.newcomerExposure(joinedAt: seller.joined, now: GigSearch.rankingDay())
                        let w = RankingWeights.standard
                        let want = w.textRelevance * text + staticPart(seller, w) + w.newcomerExposure * newcomer
                        #expect(abs(r.score - want) < 1e-9, "seed \(seed) q=\(word) \(r.gig.title)")
                        #expect(word.isEmpty ? text == 0 : text > 0)
                    }
                    // each seller's best three (by the core's score) come first, then everyone's others, each part best first
                    var perSeller: [UUID: [SearchResultItem]] = [:]
                    for r in results { perSeller[r.gig.sellerId, default: []].append(r) }
                    for (_, items) in perSeller {
                        let ranked = items.sorted { $0.score != $1.score ? $0.score > $1.score : GigSearch.idLess($0.gig.id, $1.gig.id) }
                        for (i, item) in ranked.enumerated() {
                            #expect(item.afterSellerLimit == (i >= Ranking.sellerLimit), "seed \(seed) q=\(word) \(item.gig.title)")
                        }
                    }
                    for (a, b) in zip(results, results.dropFirst()) {
                        #expect(!a.afterSellerLimit || b.afterSellerLimit, "seed \(seed) q=\(word): a held-back gig came before a seller's best")
                        if a.afterSellerLimit == b.afterSellerLimit {
                            #expect(a.score > b.score - 1e-12, "seed \(seed) q=\(word): \(a.gig.title) (\(a.score)) before \(b.gig.title) (\(b.score))")
                        }
                    }
                    // so page one holds at most three gigs of one seller whenever others have gigs to show
                    let firstPage = try await app.search("q=\(word)&limit=20").1
                    let pageOne = try #require(firstPage).results
                    let counts = Dictionary(grouping: pageOne, by: \.gig.sellerId).mapValues(\.count)
                    if results.filter({ !$0.afterSellerLimit }).count >= pageOne.count {
                        #expect(counts.values.allSatisfy { $0 <= Ranking.sellerLimit }, "seed \(seed) q=\(word)")
                    }
                    if !word.isEmpty {
                        let (_, explained) = try await app.search("q=\(word)&explain=true")
                        #expect(explained?.sellerLimitRule == Ranking.sellerLimitRule)
                    }
                }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSearchNamingTheSellerIsNotHeldBackAndNewRecordsAndWeightsRescore(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let prolific = try await app.member("Zora Quillfeather")
            let other = try await app.member("Other Seller")
            for i in 0..<6 { _ = try await app.gig(seller: prolific.id, title: "Quilted cushion by Zora, number \(i)") }
            _ = try await app.gig(seller: other.id, title: "Quilted blanket")
            // a search for the words alone holds the prolific seller's fourth gig back
            let plainPage = try await app.search("q=quilted&limit=20").1
            let plain = try #require(plainPage).results
            #expect(plain.count == 7)
            #expect(plain.filter(\.afterSellerLimit).count == 3)
            #expect(plain.prefix(4).contains { $0.gig.sellerId == other.id })
            #expect(plain.suffix(3).allSatisfy { $0.gig.sellerId == prolific.id && $0.afterSellerLimit })
            // a search whose words are in the seller's name shows all of their gigs by score
            let namedPage = try await app.search("q=zora&limit=20").1
            let named = try #require(namedPage).results
            #expect(named.count == 6)
            #expect(named.allSatisfy { !$0.afterSellerLimit })
            let bothPage = try await app.search("q=zora+quilted&limit=20").1
            let both = try #require(bothPage).results
            #expect(both.count == 6)
            #expect(both.allSatisfy { !$0.afterSellerLimit })

            // when the seller's record changes and the operator publishes other weights, the next search scores with both
            try await app.stats(prolific.id, ratingSum: 40, ratingCount: 10, onTime: 3, delivered: 9)
            let custom = RankingWeights(textRelevance: 0.2, rating: 0.5, onTimeDelivery: 0.1, responsiveness: 0.1, newcomerExposure: 0.1)
            app.rankingWeights = custom
            let rescoredPage = try await app.search("q=zora&limit=20&explain=true").1
            let rescored = try #require(rescoredPage).results
            #expect(rescored.count == 6)
            for r in rescored {
                let factors = try #require(r.explain)
                let rating = try #require(factors.first { $0.key == RankingFactorKey.rating.rawValue })
                #expect(rating.weight == 0.5)
                #expect(abs(rating.value - Ranking.rating(sum: 40, count: 10)) < 1e-12)
                let onTime = try #require(factors.first { $0.key == RankingFactorKey.onTimeDelivery.rawValue })
                #expect(abs(onTime.value - Ranking.onTime(delivered: 3, total: 9)) < 1e-12)
                #expect(abs(r.score - factors.reduce(0) { $0 + $1.contribution }) < 1e-12)
            }
        }
    }
}
