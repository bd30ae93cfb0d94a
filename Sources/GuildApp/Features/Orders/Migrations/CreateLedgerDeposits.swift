import Fluent
import SQLKit

struct CreateLedgerDeposits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_deposits")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id"))
            .field("buyer_id", .uuid, .required, .references("users", "id"))
            .field("amount_cents", .int64, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .create()
        try await database.sql.raw("CREATE INDEX ledger_deposits_order_id_idx ON ledger_deposits (order_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_deposits").delete()
    }
}
