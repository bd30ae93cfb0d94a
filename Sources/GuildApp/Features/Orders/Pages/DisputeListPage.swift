// GET /disputes: the arbiters' queue (open disputes and flagged reviews, soonest deadline first) and the open disputes
// with their deadlines. Anyone else gets a 404.
import Vapor
import GuildCore

struct DisputeListPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).get("disputes", use: list)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.member()
        guard user.has(.arbiter) else { throw APIError.notFound("That page") }
        let open = try await OrderPageQueries.openDisputes(on: req.db)
        var model = Model(open)
        model.queue(flags: try await ReviewQueries.flags(for: user, on: req.db))
        return try await req.render("orders/disputes", title: "Open disputes", model)
    }
}
