import Fluent
import SQLKit

struct CreateLedgerTransfers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_transfers")
            .id()
            .field("memo", .string, .required)
            .field("hold_id", .uuid)
            .field("order_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX ledger_transfers_hold_id_idx ON ledger_transfers (hold_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_transfers").delete()
    }
}
