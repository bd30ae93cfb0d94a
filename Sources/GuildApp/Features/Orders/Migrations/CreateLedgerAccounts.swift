import Fluent
import SQLKit

struct CreateLedgerAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_accounts")
            .field("key", .string, .identifier(auto: false))
            .field("balance_cents", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_accounts").delete()
    }
}
