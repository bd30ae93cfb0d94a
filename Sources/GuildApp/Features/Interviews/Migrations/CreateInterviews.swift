import Fluent

struct CreateInterviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("interviews")
            .id()
            .field("explorer_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("target_id", .uuid, .required, .references("interview_targets", "id", onDelete: .cascade))
            .field("contact_id", .uuid, .required, .references("interview_contacts", "id", onDelete: .cascade))
            .field("minutes", .int, .required)
            .field("stage", .string, .required)
            .field("request_sent_at", .datetime)
            .field("scheduled_at", .datetime)
            .field("started_at", .datetime)
            .field("held_at", .datetime)
            .field("thanked_at", .datetime)
            .field("follow_ups_sent", .int, .required)
            .field("plan", .json)
            .field("notes", .json, .required)
            .field("most_interesting", .string)
            .field("advice_to_act", .string)
            .field("what_i_shared", .string)
            .field("practitioner_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("platform_status", .string)
            .field("platform_reply", .string)
            .field("proposed_times", .string)
            .field("request_subject", .string)
            .field("request_body", .string)
            .field("created_at", .datetime)
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema("interviews").delete() }
}
