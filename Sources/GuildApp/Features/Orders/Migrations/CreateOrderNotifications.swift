import Fluent
import SQLKit

struct CreateOrderNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_notifications")
            .id()
            .field("member_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("order_id", .uuid, .required, .references("orders", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX order_notifications_member_id_created_at_idx ON order_notifications (member_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_notifications").delete()
    }
}
