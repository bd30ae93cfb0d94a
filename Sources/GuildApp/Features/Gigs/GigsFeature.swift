// The gigs area: gigs, keyword search with a published ranking, browse pages, policy pages and demo gigs.
import Vapor
import Fluent
import NIOConcurrencyHelpers

struct GigsFeature: Feature {
    var migrations: [any Migration] {
        // CreateGigs and CreateSellerStats ran with the foundation's tables, before every other area's: their
        // place in the order stays.
        [CreateGigs(), CreateSellerStats(), AddDeletedAtToGigs(), CreateGigsSearchIndex(), AddGigRankingColumns(), CreateSearchChanges(),
         AddGigPageChangesToSearchFeed()]
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
        // Since the last pass (with a minute's overlap); the first pass after a start looks back the default three hours.
        let now = app.clock.now()
        let last = app.lastResponsivenessPass.withLockedValue { $0 }
        let lookback = last.map { min(3 * 3_600, max(60, now.timeIntervalSince($0) + 60)) } ?? 3 * 3_600
        let measured = try await SellerResponsiveness.refreshRecent(now: now, lookbackSeconds: lookback, on: app.db)
        app.lastResponsivenessPass.withLockedValue { $0 = now }
        return [("sellers' responsiveness measured", measured), ("search changes pruned", try await SearchReplica.prune(on: app.db))]
    }

    /// RANKING_WEIGHTS is read once; a bad value stops the start with a message naming the problem.
    func boot(_ app: Application) throws {
        app.rankingWeights = try RankingSettings.fromEnvironment()
        _ = app.searchReplica  // made here, before requests share the app's storage
        _ = app.lastResponsivenessPass
        // The server loads its search index as it starts, so the first buyer does not wait for it.
        let command = app.environment.arguments.dropFirst().first
        if app.environment != .testing && (command == "serve" || command == nil) {
            app.lifecycle.use(SearchWarmUp())
        }
    }
}

extension Application {
    private struct LastResponsivenessPassKey: StorageKey { typealias Value = NIOLockedValueBox<Date?> }
    /// When the responsiveness timer last looked for sellers to measure (nil before its first pass).
    var lastResponsivenessPass: NIOLockedValueBox<Date?> {
        if let box = storage[LastResponsivenessPassKey.self] { return box }
        let box = NIOLockedValueBox<Date?>(nil)
        storage[LastResponsivenessPassKey.self] = box
        return box
    }
}

/// Loads the search index in the background when `guild serve` starts (100,000 gigs take a few seconds); a search that
/// arrives first waits for the same load.
struct SearchWarmUp: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
        Task { [app] in
            do {
                _ = try await app.searchReplica.current(on: app.db, weights: app.rankingWeights, day: GigSearch.rankingDay())
            } catch {
                app.logger.warning("search index: loading at start failed (the first search will try again): \(error)")
            }
        }
    }
}
