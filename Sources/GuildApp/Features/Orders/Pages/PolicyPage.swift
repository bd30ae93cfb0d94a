// /policies/fees and /policies/disputes: the money rules in words, printed from the values the code runs.
import Vapor
import GuildCore

struct PolicyPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("policies", "fees", use: fees)
        routes.get("policies", "disputes", use: disputes)
    }

    func fees(req: Request) async throws -> Response {
        try await req.render("orders/policy", title: "Fees", Model.fees(req.guild.payments))
    }

    func disputes(req: Request) async throws -> Response {
        try await req.render("orders/policy", title: "Disputes", Model.disputes)
    }
}
