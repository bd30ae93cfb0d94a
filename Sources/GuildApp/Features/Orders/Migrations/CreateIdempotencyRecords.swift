import Fluent
import SQLKit

struct CreateIdempotencyRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("idempotency_records")
            .id()
            .field("member_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("fingerprint", .string, .required)
            .field("status", .int, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "member_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("idempotency_records").delete()
    }
}
