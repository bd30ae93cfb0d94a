import Fluent
import SQLKit

struct CreateProApplications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pro_applications")
            .id()
            .field("seller_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("qualifications", .string, .required)
            .field("portfolio_links", .string, .required)
            .field("state", .string, .required)
            .field("applied_at", .datetime, .required)
            .field("identity_verified_at", .datetime)
            .field("identity_verified_by_id", .uuid)
            .field("decided_by_id", .uuid)
            .field("decided_at", .datetime)
            .field("reason", .string)
            .create()
        try await database.sql.raw("CREATE INDEX pro_applications_seller_idx ON pro_applications (seller_id)").run()
        // One pending application per seller, even when two requests race.
        try await database.sql.raw("CREATE UNIQUE INDEX pro_applications_one_pending_idx ON pro_applications (seller_id) WHERE state = 'pending'").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pro_applications").delete()
    }
}
