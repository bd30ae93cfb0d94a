// The Pro area: sellers apply with evidence, admins vet against the published criteria (`ProVetting`) with reasons,
// and Pro status is removed only with a reason under published notice. The badge and `pro=true` read the result.
import Vapor
import Fluent
import GuildCore

struct ProFeature: Feature {
    var migrations: [any Migration] { [CreateProApplications(), CreateProRemovals()] }

    var models: [any Model.Type] { [ProApplicationRecord.self, ProRemovalRecord.self] }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: ProAPIController())
        for page: any RouteCollection in [ProPage(), ProQueuePage()] {
            try pages.register(collection: page)
        }
    }

    /// Applications from the sellers the demo's evaluations raised, vetted by the demo's admin.
    func demo(_ demo: DemoContext) async throws {
        try await ProDemo.run(demo)
    }

    func runTimers(_ app: Application) async throws -> [(String, Int)] {
        [("pro removals applied", try await ProWorkflow.runDue(now: app.clock.now(), on: app.db))]
    }
}
