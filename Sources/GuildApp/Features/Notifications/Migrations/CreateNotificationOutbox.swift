import Fluent
import SQLKit

struct CreateNotificationOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notification_outbox")
            .id()
            .field("notification_id", .uuid, .required, .references("notifications", "id", onDelete: .cascade))
            .field("member_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("to_address", .string, .required)
            .field("to_name", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "notification_id")
            .create()
        try await database.sql.raw("CREATE INDEX notification_outbox_state_created_at_idx ON notification_outbox (state, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notification_outbox").delete()
    }
}
