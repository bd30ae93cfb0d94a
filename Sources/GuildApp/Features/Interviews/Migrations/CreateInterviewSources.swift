// Research sources contacts recommended in conversations ("what should I read?").
import Fluent

struct CreateInterviewSources: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("interview_sources")
            .id()
            .field("target_id", .uuid, .required, .references("interview_targets", "id", onDelete: .cascade))
            .field("explorer_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("interview_id", .uuid, .required, .references("interviews", "id", onDelete: .cascade))
            .field("contact_id", .uuid, .required, .references("interview_contacts", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("link", .string)
            .field("note", .string)
            .field("added_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema("interview_sources").delete() }
}
