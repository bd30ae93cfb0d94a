// /ranking (and /policies/ranking): the published formula, its live weights and what each factor measures.
import Vapor
import GuildCore

struct RankingPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("ranking", use: ranking)
        routes.get("policies", "ranking", use: ranking)
    }

    func ranking(req: Request) async throws -> Response {
        try await req.render("gigs/ranking", title: "How ranking works", Model(weights: req.application.rankingWeights))
    }
}
