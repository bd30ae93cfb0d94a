import Fluent
import SQLKit

struct CreateLevelAppeals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("level_appeals")
            .id()
            .field("seller_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("event_id", .uuid, .required, .references("level_events", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("appealed_at", .datetime, .required)
            .field("answer_by", .datetime, .required)
            .field("outcome", .string, .required)
            .field("answer", .string)
            .field("answered_by_id", .uuid)
            .field("answered_at", .datetime)
            .unique(on: "event_id")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("level_appeals").delete() }
}
