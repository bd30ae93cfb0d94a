import Fluent
import SQLKit

/// The security log: one row per event on a member's account, read newest first by that member.
struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("member_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("detail", .string, .required)
            .field("ip_address", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX audit_events_member_time ON audit_events (member_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
