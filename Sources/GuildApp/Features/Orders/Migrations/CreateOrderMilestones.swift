import Fluent
import SQLKit

struct CreateOrderMilestones: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_milestones")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("amount_cents", .int64, .required)
            .field("due_date", .datetime, .required)
            .field("state", .string, .required)
            .field("hold_id", .uuid)
            .unique(on: "order_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_milestones").delete()
    }
}
