import Fluent

struct CreateInterviewTargets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("interview_targets")
            .id()
            .field("explorer_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema("interview_targets").delete() }
}
