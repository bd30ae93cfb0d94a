import Fluent
import SQLKit

struct CreateLedgerEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_entries")
            .field("id", .int64, .identifier(auto: true))
            .field("transfer_id", .uuid, .required, .references("ledger_transfers", "id"))
            .field("account_key", .string, .required, .references("ledger_accounts", "key"))
            .field("side", .string, .required)
            .field("amount_cents", .int64, .required)
            .field("memo", .string, .required)
            .field("order_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX ledger_entries_account_key_id_idx ON ledger_entries (account_key, id)").run()
        try await database.sql.raw("CREATE INDEX ledger_entries_transfer_id_idx ON ledger_entries (transfer_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_entries").delete()
    }
}
