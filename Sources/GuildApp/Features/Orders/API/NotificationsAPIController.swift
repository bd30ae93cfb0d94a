// GET /api/v1/notifications: what Guild has told the member (reminders from the order timers), newest first.
import Vapor
import Fluent
import GuildCore

struct NotificationsAPIController: RouteCollection {
    struct NotificationDTO: Content {
        var id: UUID
        var kind: String
        var text: String
        var orderId: UUID
        var createdAt: Date
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberAPI()).get("notifications", use: list)
    }

    func list(req: Request) async throws -> [NotificationDTO] {
        var limit = 50
        if let raw = req.query[String.self, at: "limit"] {
            guard let n = Int(raw), (1...200).contains(n) else {
                throw ValidationErrors([.init(field: "limit", reason: "must be a whole number from 1 to 200")])
            }
            limit = n
        }
        return try await Self.recent(for: req.memberID(), limit: limit, on: req.db)
    }

    static func recent(for memberID: UUID, limit: Int, on db: any Database) async throws -> [NotificationDTO] {
        try await OrderPageQueries.notifications(for: memberID, limit: limit, on: db)
            .map { NotificationDTO(id: try $0.requireID(), kind: $0.kind, text: $0.text, orderId: $0.orderID, createdAt: $0.createdAt) }
    }
}
