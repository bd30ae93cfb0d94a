import Fluent

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("display_name", .string, .required)
            .field("roles", .array(of: .string), .required)
            .field("headline", .string, .required)
            .field("bio", .string, .required)
            .field("skills", .array(of: .string), .required)
            .field("languages", .array(of: .string), .required)
            .field("timezone", .string, .required)
            .field("hourly_rate_cents", .int64)
            .field("portfolio_links", .array(of: .string), .required)
            .field("open_to_interviews", .bool, .required)
            .field("interview_topics", .array(of: .string), .required)
            .field("interview_channel", .string, .required)
            .field("interview_availability", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
