import Fluent

struct CreateNotificationSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notification_settings")
            .id()
            .field("member_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("in_app", .bool, .required)
            .field("email", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "member_id", "kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notification_settings").delete()
    }
}
