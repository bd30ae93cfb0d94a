// GET /interviews/rules: the published rules of the interview method as the software applies them — the job-ask
// check with its examples, the request checks, the planner and 3B7 — read from GuildCore, open to everyone.
import Vapor
import GuildCore

struct RulesPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("interviews", "rules", use: show)
    }

    func show(req: Request) async throws -> Response {
        try await req.render("interviews/rules", title: "How Guild checks interview messages", Model())
    }
}
