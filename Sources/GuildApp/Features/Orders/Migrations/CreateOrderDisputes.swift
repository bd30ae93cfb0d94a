import Fluent
import SQLKit

struct CreateOrderDisputes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_disputes")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id", onDelete: .cascade))
            .field("opened_by", .string, .required)
            .field("opened_by_id", .uuid, .required)
            .field("reason", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("answer", .string)
            .field("answered_at", .datetime)
            .field("state", .string, .required)
            .field("seller_cents", .int64)
            .field("buyer_cents", .int64)
            .field("outcome_reason", .string)
            .field("resolved_by_id", .uuid)
            .field("resolved_at", .datetime)
            .create()
        try await database.sql.raw("CREATE INDEX order_disputes_order_id_idx ON order_disputes (order_id)").run()
        try await database.sql.raw("CREATE INDEX order_disputes_state_idx ON order_disputes (state)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_disputes").delete()
    }
}
