import Fluent
import SQLKit

struct CreateOrderReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_reviews")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("subject_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("side", .string, .required)
            .field("rating", .int, .required)
            .field("communication", .int)
            .field("quality", .int)
            .field("on_time", .int)
            .field("text", .string, .required)
            .field("outside_seller_control", .bool, .required)
            .field("submitted_at", .datetime, .required)
            .field("window_closes_at", .datetime, .required)
            .field("revealed_at", .datetime)
            .field("counted", .bool, .required)
            .field("response", .string)
            .field("responded_at", .datetime)
            .field("removed_at", .datetime)
            .field("removal_reason", .string)
            // One review per side per order: the database refuses a second even when two requests race.
            .unique(on: "order_id", "side")
            .create()
        try await database.sql.raw("CREATE INDEX order_reviews_subject_idx ON order_reviews (subject_id, revealed_at)").run()
        try await database.sql.raw("CREATE INDEX order_reviews_unrevealed_idx ON order_reviews (revealed_at, window_closes_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_reviews").delete()
    }
}
