import Fluent

/// When the buyer was reminded that a delivered milestone will be accepted automatically (once per milestone).
struct AddRemindedAtToOrderMilestones: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_milestones").field("reminded_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_milestones").deleteField("reminded_at").update()
    }
}
