import Fluent
import SQLKit

struct CreateOrderEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_events")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id", onDelete: .cascade))
            .field("event", .string, .required)
            .field("from_state", .string, .required)
            .field("to_state", .string, .required)
            .field("actor", .string, .required)
            .field("actor_id", .uuid)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX order_events_order_id_created_at_idx ON order_events (order_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_events").delete()
    }
}
