import Fluent

struct CreateInterviewContacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("interview_contacts")
            .id()
            .field("explorer_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("member_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("title", .string, .required)
            .field("organisation", .string, .required)
            .field("email", .string)
            .field("phone", .string)
            .field("postal_address", .string)
            .field("seniority", .string, .required)
            .field("focus_area", .string)
            .field("preferred_channel", .string, .required)
            .field("referred_by", .string)
            .field("referred_by_contact_id", .uuid, .references("interview_contacts", "id", onDelete: .setNull))
            .field("target_ids", .array(of: .string), .required)
            .field("created_at", .datetime)
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema("interview_contacts").delete() }
}
