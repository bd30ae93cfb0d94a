import Fluent

/// A bank transfer announced for one milestone of a custom order (nil: for the whole order).
struct AddMilestonePositionToLedgerDeposits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ledger_deposits").field("milestone_position", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ledger_deposits").deleteField("milestone_position").update()
    }
}
