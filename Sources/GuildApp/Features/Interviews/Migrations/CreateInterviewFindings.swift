import Fluent

struct CreateInterviewFindings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("interview_findings")
            .id()
            .field("target_id", .uuid, .required, .references("interview_targets", "id", onDelete: .cascade))
            .field("explorer_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("statement", .string, .required)
            .field("source", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("share", .bool, .required)
            .field("verdict", .string)
            .field("verdict_note", .string)
            .field("verdict_at", .datetime)
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema("interview_findings").delete() }
}
