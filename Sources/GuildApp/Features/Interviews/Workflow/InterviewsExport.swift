// The interviews area's part of a member's data export: their research, contacts, interviews with notes, the sources
// contacts recommended, and
// the requests other members sent them as a practitioner (without the explorer's private notes).
import Vapor
import Fluent

extension InterviewsFeature {
    struct IncomingRequestExport: Encodable {
        var id: UUID?
        var explorerId: UUID
        var minutes: Int
        var status: String?
        var subject: String?
        var body: String?
        var reply: String?
        var proposedTimes: String?
        var scheduledAt: Date?
        var heldAt: Date?
        var createdAt: Date?
    }

    func export(_ context: ExportContext) async throws -> [ExportFile] {
        let db = context.db, id = context.memberID
        let targets = try await ResearchTargetRecord.query(on: db).filter(\.$explorer.$id == id).all()
        let findings = try await FindingRecord.query(on: db).filter(\.$explorer.$id == id).all()
        let contacts = try await ContactRecord.query(on: db).filter(\.$explorer.$id == id).all()
        let interviews = try await InterviewRecord.query(on: db).filter(\.$explorer.$id == id).all()
        let sources = try await ResearchSourceRecord.query(on: db).filter(\.$explorer.$id == id).all()
        let incoming = try await InterviewRecord.query(on: db).filter(\.$practitionerID == id).all().map {
            IncomingRequestExport(id: $0.id, explorerId: $0.$explorer.id, minutes: $0.minutes, status: $0.platformStatus,
                                  subject: $0.requestSubject, body: $0.requestBody, reply: $0.platformReply,
                                  proposedTimes: $0.proposedTimes, scheduledAt: $0.scheduledAt, heldAt: $0.heldAt, createdAt: $0.createdAt)
        }
        return try ExportFile.records("interviews/research-targets", "Jobs, organisations and industries you research", targets)
            + ExportFile.records("interviews/findings", "What you found, with sources, and what each interview made of it", findings)
            + ExportFile.records("interviews/contacts", "Your contacts for informational interviews", contacts)
            + ExportFile.records("interviews/sources", "What your contacts recommended reading, following or joining, and what you have read", sources)
            + ExportFile.records("interviews/interviews", "Your interviews: stages, question plans, notes, what you shared", interviews)
            + ExportFile.records("interviews/requests-received", "Interview requests other members sent you, and your replies", incoming)
    }
}
