import Fluent

struct CreateLevelRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("level_runs")
            .id()
            .field("period", .string, .required)
            .field("ran_at", .datetime, .required)
            .field("sellers", .int, .required)
            .unique(on: "period")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("level_runs").delete() }
}
