import Fluent
import SQLKit

struct CreateLoginFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_failures")
            .id()
            .field("email_key", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX login_failures_key_idx ON login_failures (email_key, failed_at)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("login_failures").delete() }
}
