// The gigs area: gigs, keyword search with a published ranking, browse pages, policy pages and demo gigs.
import Vapor
import Fluent

struct GigsFeature: Feature {
    var migrations: [any Migration] {
        // CreateGigs and CreateSellerStats ran with the foundation's tables, before every other area's: their
        // place in the order stays.
        [CreateGigs(), CreateSellerStats(), AddDeletedAtToGigs(), CreateGigsSearchIndex(), AddGigRankingColumns()]
    }

    var models: [any Model.Type] { [Gig.self, SellerStatsRecord.self, RankingWeightsRecord.self] }

    /// SQLite's full-text index (FTS5 adds shadow tables named `gigs_fts_…`) and its rowid map.
    var tablesWithoutModels: [String] { ["gigs_fts", "gig_search_docs"] }

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
        [("sellers' responsiveness measured", try await SellerResponsiveness.refreshRecent(now: app.clock.now(), on: app.db))]
    }

    /// RANKING_WEIGHTS is read once; a bad value stops the start with a message naming the problem.
    func boot(_ app: Application) throws {
        app.rankingWeights = try RankingSettings.fromEnvironment()
        _ = app.storedRankingWeights  // made here, before requests share the app's storage
    }
}
