// GET /disputes: the arbiters' list of open disputes with their deadlines. Anyone else gets a 404.
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
        return try await req.render("orders/disputes", title: "Open disputes", Model(open))
    }
}
