import Fluent
import SQLKit

struct CreateReviewFlags: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("review_flags")
            .id()
            .field("review_id", .uuid, .required, .references("order_reviews", "id", onDelete: .cascade))
            .field("flagged_by_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("flagged_at", .datetime, .required)
            .field("decide_by", .datetime, .required)
            .field("outcome", .string, .required)
            .field("decision_reason", .string)
            .field("decided_by_id", .uuid)
            .field("decided_at", .datetime)
            .unique(on: "review_id", "flagged_by_id")
            .create()
        try await database.sql.raw("CREATE INDEX review_flags_open_idx ON review_flags (outcome, decide_by)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("review_flags").delete()
    }
}
