import Fluent
import SQLKit

struct CreateOrderDeliveries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_deliveries")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id", onDelete: .cascade))
            .field("milestone_id", .uuid)
            .field("message", .string, .required)
            .field("links", .array(of: .string), .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX order_deliveries_order_id_idx ON order_deliveries (order_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_deliveries").delete()
    }
}
