// Gigs are deleted softly: orders and reviews may still refer to them.
import Fluent

struct AddDeletedAtToGigs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("gigs").field("deleted_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("gigs").deleteField("deleted_at").update()
    }
}
