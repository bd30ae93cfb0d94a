import Fluent
import SQLKit

struct CreateOrderSettlements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_settlements")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id", onDelete: .cascade))
            .field("proposed_by", .string, .required)
            .field("proposed_by_id", .uuid, .required)
            .field("seller_cents", .int64, .required)
            .field("buyer_cents", .int64, .required)
            .field("escrowed_cents", .int64, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("answered_by_id", .uuid)
            .field("answered_at", .datetime)
            .create()
        try await database.sql.raw("CREATE INDEX order_settlements_order_id_idx ON order_settlements (order_id, state)").run()
        // At most one open proposal per order: the database refuses a second even when two proposals race.
        try await database.sql.raw("CREATE UNIQUE INDEX order_settlements_one_open_idx ON order_settlements (order_id) WHERE state = 'open'").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_settlements").delete()
    }
}
