import Fluent
import SQLKit

struct CreateProRemovals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pro_removals")
            .id()
            .field("seller_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("noticed_by_id", .uuid, .required)
            .field("noticed_at", .datetime, .required)
            .field("effective_at", .datetime, .required)
            .field("response", .string)
            .field("responded_at", .datetime)
            .field("state", .string, .required)
            .field("closed_at", .datetime)
            .field("closed_by_id", .uuid)
            .field("closing_reason", .string)
            .create()
        try await database.sql.raw("CREATE INDEX pro_removals_due_idx ON pro_removals (state, effective_at)").run()
        // One running notice per seller.
        try await database.sql.raw("CREATE UNIQUE INDEX pro_removals_one_notice_idx ON pro_removals (seller_id) WHERE state = 'notice'").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pro_removals").delete()
    }
}
