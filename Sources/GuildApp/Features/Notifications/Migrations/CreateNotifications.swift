import Fluent
import SQLKit

struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("member_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("text", .string, .required)
            .field("link", .string, .required)
            .field("order_id", .uuid, .references("orders", "id", onDelete: .cascade))
            .field("dedupe_key", .string, .required)
            .field("in_app", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "dedupe_key")
            .create()
        try await database.sql.raw("CREATE INDEX notifications_member_id_created_at_idx ON notifications (member_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").delete()
    }
}
