// The reviews area: double-blind reviews both ways, responses, flags and the arbiter's decisions. Its timers reveal
// reviews whose window has closed and lapse flags nobody decided in time.
import Vapor
import Fluent

struct ReviewsFeature: Feature {
    var migrations: [any Migration] { [CreateOrderReviews(), CreateReviewFlags()] }

    var models: [any Model.Type] { [ReviewRecord.self, ReviewFlagRecord.self] }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: ReviewsAPIController())
        for page: any RouteCollection in [ReviewPage(), ReviewFlagPage(), FlagQueuePage()] {
            try pages.register(collection: page)
        }
    }

    func demo(_ demo: DemoContext) async throws {
        try await ReviewsDemo.run(demo)
    }

    func runTimers(_ app: Application) async throws -> [(String, Int)] {
        let now = app.clock.now()
        return [("reviews revealed", try await ReviewWorkflow.revealDue(now: now, on: app.db)),
                ("flags lapsed", try await ReviewWorkflow.lapseDue(now: now, on: app.db))]
    }
}
