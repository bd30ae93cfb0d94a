// The gigs area: gigs, keyword search with a published ranking, browse pages, policy pages and demo gigs.
import Vapor
import Fluent

struct GigsFeature: Feature {
    var migrations: [any Migration] {
        // CreateGigs and CreateSellerStats ran with the foundation's tables, before every other area's: their
        // place in the order stays.
        [CreateGigs(), CreateSellerStats(), AddDeletedAtToGigs(), CreateGigsSearchIndex(), AddGigRankingColumns(), CreateSearchChanges()]
    }

    var models: [any Model.Type] { [Gig.self, SellerStatsRecord.self] }

    /// The search change feed: read by `SearchReplica` with plain SQL, written by triggers.
    var tablesWithoutModels: [String] { ["search_changes"] }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: GigsAPIController())
        // /gigs/new is a literal path, so it wins over /gigs/:gigID whichever registers first.
        for page: any RouteCollection in [GigFormPage(), GigPage(), SearchPage(), RankingPage(), SellerPolicyPage()] {
            try pages.register(collection: page)
        }
    }

    func demo(_ demo: DemoContext) async throws {
        try await DemoGigs.create(in: demo)
    }

    /// Responsiveness is measured from the order history, for the sellers whose orders moved lately.
    func runTimers(_ app: Application) async throws -> [(String, Int)] {
        [("sellers' responsiveness measured", try await SellerResponsiveness.refreshRecent(now: app.clock.now(), on: app.db)),
         ("search changes pruned", try await SearchReplica.prune(on: app.db))]
    }

    /// RANKING_WEIGHTS is read once; a bad value stops the start with a message naming the problem.
    func boot(_ app: Application) throws {
        app.rankingWeights = try RankingSettings.fromEnvironment()
        _ = app.searchReplica  // made here, before requests share the app's storage
    }
}
