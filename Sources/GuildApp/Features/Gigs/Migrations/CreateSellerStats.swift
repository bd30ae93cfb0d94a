import Fluent

struct CreateSellerStats: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("seller_stats")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("completed_orders", .int, .required)
            .field("earned_cents", .int64, .required)
            .field("rating_sum", .int, .required)
            .field("rating_count", .int, .required)
            .field("on_time_delivered", .int, .required)
            .field("delivered_total", .int, .required)
            .field("seller_cancellations", .int, .required)
            .field("mutual_cancellations", .int, .required)
            .field("median_response_hours", .double)
            .field("rating_score", .double, .required)
            .field("is_pro", .bool, .required)
            .field("level", .string, .required)
            .field("level_at_risk_since", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("seller_stats").delete()
    }
}
