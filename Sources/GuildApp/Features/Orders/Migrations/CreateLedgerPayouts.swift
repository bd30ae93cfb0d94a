import Fluent
import SQLKit

struct CreateLedgerPayouts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_payouts")
            .id()
            .field("member_id", .uuid, .required, .references("users", "id"))
            .field("amount_cents", .int64, .required)
            .field("provider", .string, .required)
            .field("state", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("settled_at", .datetime)
            .create()
        try await database.sql.raw("CREATE INDEX ledger_payouts_member_id_state_idx ON ledger_payouts (member_id, state)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_payouts").delete()
    }
}
