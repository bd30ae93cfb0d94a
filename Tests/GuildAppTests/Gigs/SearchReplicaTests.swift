import Foundation
import Testing
import Vapor
import Fluent
import SQLKit
import VaporTesting
import GuildCore
@testable import GuildApp

/// Every instance holds its own search index and keeps it in step through `search_changes`: a write committed on one
/// instance is in the next search on another, and an index caught up change by change answers exactly as one loaded anew.
@Suite struct SearchReplicaTests {
    func ids(_ app: Application, _ query: String) async throws -> [UUID] {
        let (status, page) = try await app.search(query + "&limit=50")
        try #require(status == .ok)
        return try #require(page).results.map(\.gig.id)
    }

    @Test(arguments: TestDatabase.all)
    func aWriteOnOneInstanceIsInTheNextSearchOnAnother(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let seller = try await app.member("Nadia Weaver")
            let gig = try await app.gig(seller: seller.id, title: "Handwoven tapestry")
            try await withSecondInstance(of: app) { second in
                // the other instance loads what is listed at its first search
                #expect(try await ids(second, "q=tapestry") == [try gig.requireID()])
                #expect(second.searchReplica.loads.withLockedValue { $0 } == 1)

                // a new title: found by its new word, no longer by the old one
                let renamed = try await GigCatalog.update(gig, patch: GigPatch(title: "Handwoven rug"), status: nil, on: app.db)
                #expect(try await ids(second, "q=rug") == [try gig.requireID()])
                #expect(try await ids(second, "q=tapestry").isEmpty)

                // paused: gone at once; published again: back
                let paused = try await GigCatalog.update(renamed, patch: GigPatch(), status: .paused, on: app.db)
                #expect(try await ids(second, "q=rug").isEmpty)
                #expect(try await ids(second, "q=").isEmpty)
                let back = try await GigCatalog.update(paused, patch: GigPatch(), status: .published, on: app.db)
                #expect(try await ids(second, "q=rug") == [try gig.requireID()])

                // the seller's record and name as written on the first instance
                try await app.stats(seller.id, ratingSum: 45, ratingCount: 10, pro: true, onTime: 9, delivered: 10)
                try await app.db.sql.raw("UPDATE users SET display_name = 'Nadia Loomwright' WHERE id = \(bind: seller.id)").run()
                let (_, explained) = try await second.search("q=rug&explain=true&pro=true")
                let result = try #require(explained?.results.first)
                #expect(result.gig.sellerName == "Nadia Loomwright")
                #expect(result.gig.isPro && result.gig.ratingCount == 10 && result.gig.rating == 4.5)
                let rating = try #require(result.explain?.first { $0.key == RankingFactorKey.rating.rawValue })
                #expect(abs(rating.value - Ranking.rating(sum: 45, count: 10)) < 1e-12)

                // deleted: gone
                try await GigCatalog.delete(back, on: app.db)
                #expect(try await ids(second, "q=rug").isEmpty)
                // and all of it by catching up, without loading everything again
                #expect(second.searchReplica.loads.withLockedValue { $0 } == 1)
            }
        }
    }

    /// A restarted instance under traffic: every search that arrives before the index is loaded waits for the one load.
    @Test(arguments: TestDatabase.all)
    func searchesArrivingTogetherBeforeTheFirstLoadShareOneLoad(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let seller = try await app.member("Odile Potter")
            var made: [UUID] = []
            for i in 0..<12 { made.append(try await app.gig(seller: seller.id, title: "Stoneware jug \(i)").requireID()) }
            try await withSecondInstance(of: app) { second in
                let found = try await withThrowingTaskGroup(of: [UUID].self) { group in
                    for _ in 0..<16 { group.addTask { try await ids(second, "q=stoneware") } }
                    var all: [[UUID]] = []
                    for try await ids in group { all.append(ids) }
                    return all
                }
                #expect(found.count == 16)
                #expect(found.allSatisfy { Set($0) == Set(made) })
                #expect(second.searchReplica.loads.withLockedValue { $0 } == 1)
            }
        }
    }

    /// Gigs added after the load are read in full by every scan; once they are a fifth of the index, it is loaded again
    /// in order in the background and answers exactly as before.
    @Test(arguments: TestDatabase.all)
    func anIndexThatDriftedFromItsOrderIsLoadedAgainInTheBackground(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let sellers = [try await app.member("Pia Glazier").id, try await app.member("Quinn Turner").id]
            for i in 0..<20 { _ = try await app.gig(seller: sellers[i % 2], title: "Glazed bowl \(i)") }
            #expect(try await ids(app, "q=bowl").count == 20)
            let loaded = app.searchReplica.reorders.withLockedValue { $0 }
            for i in 0..<60 { _ = try await app.gig(seller: sellers[i % 2], title: "Turned bowl \(i)") }
            let before = try await ids(app, "q=bowl")  // catches up: 60 added to 20 in order
            #expect(before.count == 50)
            var waited = 0
            while app.searchReplica.reorders.withLockedValue({ $0 }) == loaded && waited < 200 {
                try await Task.sleep(for: .milliseconds(50))
                waited += 1
            }
            #expect(app.searchReplica.reorders.withLockedValue { $0 } == loaded + 1)
            let engine = try await app.searchReplica.current(on: app.db, weights: app.rankingWeights, day: GigSearch.rankingDay())
            #expect(engine.drift.added == 0 && engine.drift.ordered == 80)
            #expect(try await ids(app, "q=bowl") == before)
            #expect(try await ids(app, "q=turned").count == 50)
            #expect(app.searchReplica.loads.withLockedValue { $0 } == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anIndexCaughtUpChangeByChangeAnswersAsOneLoadedAnew(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            var rng = SeededRandom(seed: 77)
            let words = ["amber", "basalt", "cobalt", "dune", "ember", "fjord"]
            var sellers: [UUID] = []
            for name in ["Ann Amber", "Ben Basalt", "Cat Cobalt", "Dan Dune"] { sellers.append(try await app.member(name).id) }
            var gigs: [Gig] = []
            let queries = ["q=", "q=amb", "q=basalt+cobalt", "q=dune&sort=price", "q=&sort=newest", "q=&sort=rating", "q=ember&maxPriceCents=3000",
                           "q=fjo&category=writing", "q=cobalt&minRating=3", "q=&pro=true", "q=dan", "q=basalt&sort=newest&maxDeliveryDays=3"]
            for step in 0..<60 {
                switch Int.random(in: 0..<6, using: &rng) {
                case 0, 1:
                    let picked = words.filter { _ in Bool.random(using: &rng) }
                    let gig = try await app.gig(seller: sellers.randomElement(using: &rng)!, title: "Piece \(step) " + picked.joined(separator: " "),
                                                category: ["design", "writing"].randomElement(using: &rng)!,
                                                priceCents: Int64(Int.random(in: 1...6, using: &rng) * 1_000), days: Int.random(in: 1...7, using: &rng),
                                                tags: [words.randomElement(using: &rng)!])
                    gigs.append(gig)
                case 2 where !gigs.isEmpty:
                    let i = Int.random(in: 0..<gigs.count, using: &rng)
                    gigs[i] = try await GigCatalog.update(gigs[i], patch: GigPatch(title: "Piece \(step) \(words.randomElement(using: &rng)!)"), status: nil, on: app.db)
                case 3 where !gigs.isEmpty:
                    let i = Int.random(in: 0..<gigs.count, using: &rng)
                    let next: GigStatus = gigs[i].gigStatus == .published ? .paused : .published
                    gigs[i] = try await GigCatalog.update(gigs[i], patch: GigPatch(), status: next, on: app.db)
                case 4 where !gigs.isEmpty:
                    let i = Int.random(in: 0..<gigs.count, using: &rng)
                    try await GigCatalog.delete(gigs.remove(at: i), on: app.db)
                default:
                    let count = Int.random(in: 0...20, using: &rng)
                    try await app.stats(sellers.randomElement(using: &rng)!, ratingSum: count == 0 ? 0 : Int.random(in: count...(5 * count), using: &rng),
                                        ratingCount: count, pro: Bool.random(using: &rng), onTime: 0, delivered: 0)
                }
                // the first instance catches up after every step
                _ = try await app.search(queries[step % queries.count])
            }
            try await withSecondInstance(of: app) { fresh in
                for query in queries {
                    let (_, a) = try await app.search(query + "&limit=50&explain=true")
                    let (_, b) = try await fresh.search(query + "&limit=50&explain=true")
                    let mine = try #require(a).results, loaded = try #require(b).results
                    #expect(mine.map(\.gig.id) == loaded.map(\.gig.id), "\(query)")
                    #expect(mine.map(\.score) == loaded.map(\.score), "\(query)")
                    #expect(mine.map(\.gig) == loaded.map(\.gig), "\(query)")
                }
                #expect(app.searchReplica.loads.withLockedValue { $0 } == 1)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func onlyWritesThatChangeWhatSearchShowsAddToTheFeed(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let seller = try await app.member("Olu Potter")
            let gig = try await app.gig(seller: seller.id, title: "Thrown stoneware mug")
            try await app.stats(seller.id, ratingSum: 9, ratingCount: 2)
            let before = try await SearchReplica.head(on: app.db)
            // the same values written again: nothing for search to carry
            try await app.db.sql.raw("UPDATE gigs SET title = title, tags = tags, updated_at = \(bind: Date()) WHERE id = \(bind: try gig.requireID())").run()
            try await app.db.sql.raw("UPDATE seller_stats SET rating_sum = rating_sum, median_response_hours = median_response_hours, completed_orders = completed_orders + 1 WHERE user_id = \(bind: seller.id)").run()
            try await app.db.sql.raw("UPDATE users SET display_name = display_name WHERE id = \(bind: seller.id)").run()
            #expect(try await SearchReplica.head(on: app.db) == before)
            // a value that moved: one change each
            try await app.db.sql.raw("UPDATE seller_stats SET median_response_hours = 3.5 WHERE user_id = \(bind: seller.id)").run()
            try await app.db.sql.raw("UPDATE gigs SET title = 'Thrown stoneware jug' WHERE id = \(bind: try gig.requireID())").run()
            #expect(try await SearchReplica.head(on: app.db) == before + 2)
            #expect(try await ids(app, "q=jug") == [try gig.requireID()])
        }
    }
}
