import Fluent
import SQLKit

struct CreateLedgerHolds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_holds")
            .id()
            .field("buyer_id", .uuid, .required, .references("users", "id"))
            .field("seller_id", .uuid, .required, .references("users", "id"))
            .field("amount_cents", .int64, .required)
            .field("fee_basis_points", .int, .required)
            .field("order_id", .uuid)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("resolved_at", .datetime)
            .field("seller_cents", .int64)
            .field("fee_cents", .int64)
            .field("seller_net_cents", .int64)
            .field("buyer_cents", .int64)
            .create()
        try await database.sql.raw("CREATE INDEX ledger_holds_buyer_id_state_idx ON ledger_holds (buyer_id, state)").run()
        try await database.sql.raw("CREATE INDEX ledger_holds_seller_id_state_idx ON ledger_holds (seller_id, state)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_holds").delete()
    }
}
