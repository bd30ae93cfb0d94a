// The explorer's LAMP judgements on each research target: motivation and postings, 0–3, none given yet.
import Fluent

struct AddLampToInterviewTargets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("interview_targets").field("motivation", .int, .required, .sql(.default(0))).update()
        try await database.schema("interview_targets").field("postings", .int, .required, .sql(.default(0))).update()
    }
    func revert(on database: any Database) async throws {
        try await database.schema("interview_targets").deleteField("postings").update()
        try await database.schema("interview_targets").deleteField("motivation").update()
    }
}
