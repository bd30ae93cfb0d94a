// GET /orders: the member's orders as buyer and seller, and the reminders Guild sent them.
import Vapor
import GuildCore

struct OrderListPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).get("orders", use: list)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.member()
        let memberID = try user.requireID()
        let orders = try await OrderQueries.list(try await OrderQueries.mine(memberID, on: req.db), for: user, on: req.db)
        let notifications = try await OrderPageQueries.notifications(for: memberID, limit: 10, on: req.db)
        return try await req.render("orders/list", title: "My orders", Model(orders: orders, memberID: memberID, notifications: notifications))
    }
}
