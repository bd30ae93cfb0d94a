// PostgreSQL only: Fluent binds a `[PackageDraft]` field as `jsonb[]` (one JSON value per package), so the
// column `CreateGigs` made as `jsonb` refused every insert. SQLite stores the list as JSON text and needs nothing.
import Fluent
import SQLKit

struct AlterGigPackagesToJSONBArray: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard database.kind == .postgres else { return }
        // No row can exist yet (every insert failed), so the USING clause only has to be valid.
        try await database.sql.raw("ALTER TABLE gigs ALTER COLUMN packages TYPE jsonb[] USING ARRAY[packages]").run()
    }

    func revert(on database: any Database) async throws {
        guard database.kind == .postgres else { return }
        try await database.sql.raw("ALTER TABLE gigs ALTER COLUMN packages TYPE jsonb USING to_jsonb(packages)").run()
    }
}
