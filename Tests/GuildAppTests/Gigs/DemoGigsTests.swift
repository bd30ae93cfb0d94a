import Foundation
import Testing
import Vapor
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct DemoGigsTests {
    @Test(arguments: TestDatabase.all)
    func demoGigsAreValidSearchableAndShared(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given demo members
            let demo = DemoContext(app: app, console: Terminal(), gigCount: 120, seed: 7)
            try await DemoMembers.create(count: 12, in: demo)
            // when the gigs step runs
            try await DemoGigs.create(in: demo)
            // then every gig exists, is valid by the rules, and its id is shared for later steps
            let ids = try #require(demo.created["gigs"])
            #expect(ids.count == 120)
            let gigs = try await Gig.query(on: app.db).all()
            #expect(gigs.count == 120)
            for gig in gigs { _ = try GigRules.validate(gig.draft) }
            #expect(Set(gigs.map(\.category)) == Set(CategoryTaxonomy.all.map(\.slug)))
            // sellers have track records and some joined recently (the newcomer factor)
            let stats = try await SellerStatsRecord.query(on: app.db).all()
            #expect(stats.count == 12)
            let users = try await User.query(on: app.db).all()
            #expect(users.contains { ($0.createdAt ?? .distantPast) < Date().addingTimeInterval(-60 * 86_400) })
            // every level is the one the published rules give that record (a minute's leeway for the demo's own clock)
            let joined = Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0.createdAt ?? Date()) })
            for r in stats {
                let record = r.levelStats(joinedAt: try #require(joined[r.id!]))
                let possible = [Date(), Date().addingTimeInterval(-60)].map { LevelRules.standard.qualifiedLevel(stats: record, now: $0).rawValue }
                #expect(possible.contains(r.level), "a seller with \(r.completedOrders) orders is \(r.level), the rules say \(possible[0])")
                #expect(r.ratingScore == RankingNormalisation.standard.bayesianStars(sum: r.ratingSum, count: r.ratingCount))
            }
            // and the search index holds exactly the listed gigs, found by words from the phrase banks
            let listed = gigs.filter { $0.gigStatus.isListed }.count
            let everything = try await GigSearch.run(try SearchRequest.parse(["q": "hello", "limit": "50", "sort": "price"]),
                                                     weights: .standard, app: app, on: app.db).response
            var count = everything.results.count
            var cursor = everything.nextCursor
            while let c = cursor {
                let page = try await GigSearch.run(try SearchRequest.parse(["q": "hello", "limit": "50", "sort": "price", "cursor": c]),
                                                   weights: .standard, app: app, on: app.db).response
                count += page.results.count
                cursor = page.nextCursor
            }
            #expect(count == listed)
        }
    }
}
