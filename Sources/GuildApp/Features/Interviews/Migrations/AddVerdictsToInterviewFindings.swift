// One verdict per conversation on each finding (the single verdict columns keep the latest, for older clients).
import Fluent

struct AddVerdictsToInterviewFindings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("interview_findings").field("verdicts", .json).update()
    }
    func revert(on database: any Database) async throws {
        try await database.schema("interview_findings").deleteField("verdicts").update()
    }
}
