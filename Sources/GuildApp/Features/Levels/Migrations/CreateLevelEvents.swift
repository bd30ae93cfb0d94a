import Fluent
import SQLKit

struct CreateLevelEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("level_events")
            .id()
            .field("seller_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("from_level", .string, .required)
            .field("to_level", .string, .required)
            .field("unmet", .string, .required)
            .field("notice_ends_at", .datetime)
            .create()
        try await database.sql.raw("CREATE INDEX level_events_seller_idx ON level_events (seller_id, at)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("level_events").delete() }
}
