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

    /// The reviews the member wrote, those about them that are revealed (a sealed one is not theirs to read yet), and
    /// the flags they raised.
    func export(_ context: ExportContext) async throws -> [ExportFile] {
        let written = try await ReviewRecord.query(on: context.db).filter(\.$authorID == context.memberID).all()
        let received = try await ReviewRecord.query(on: context.db).filter(\.$subjectID == context.memberID).filter(\.$revealedAt != nil).all()
        let flags = try await ReviewFlagRecord.query(on: context.db).filter(\.$flaggedByID == context.memberID).all()
        return try ExportFile.records("reviews/written", "Reviews you wrote, sealed or revealed", written.map { ReviewDTO($0) })
            + (try ExportFile.records("reviews/received", "Revealed reviews about you, with your responses", received.map { ReviewDTO($0) }))
            + (try ExportFile.records("reviews/flags", "Reviews you flagged, and how each was decided", flags.map(FlagDTO.init)))
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
