import Fluent
import SQLKit

struct CreateOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("orders")
            .id()
            .field("buyer_id", .uuid, .required, .references("users", "id"))
            .field("seller_id", .uuid, .required, .references("users", "id"))
            .field("gig_id", .uuid, .references("gigs", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("package_name", .string, .required)
            .field("price_cents", .int64, .required)
            .field("delivery_days", .int, .required)
            .field("revisions_allowed", .int, .required)
            .field("fee_basis_points", .int, .required)
            .field("state", .string, .required)
            .field("state_entered_at", .datetime, .required)
            .field("revisions_used", .int, .required)
            .field("cancellation_proposed_by", .string)
            .field("cancellation_kind", .string)
            .field("hold_id", .uuid)
            .field("funded_at", .datetime)
            .field("delivered_at", .datetime)
            .field("due_at", .datetime)
            .field("completed_at", .datetime)
            .field("reminded_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX orders_buyer_id_created_at_idx ON orders (buyer_id, created_at)").run()
        try await database.sql.raw("CREATE INDEX orders_seller_id_created_at_idx ON orders (seller_id, created_at)").run()
        try await database.sql.raw("CREATE INDEX orders_state_state_entered_at_idx ON orders (state, state_entered_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("orders").delete()
    }
}
