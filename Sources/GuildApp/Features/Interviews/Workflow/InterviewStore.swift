// The interviews area's lookups and lists, shared by the API and the pages: every lookup is scoped to its owner,
// so another member's id is simply "not found". Rules are GuildCore's; the store files write and fetch.
import Vapor
import Fluent
import GuildCore

enum InterviewStore {
    static func uuid(_ raw: String?) -> UUID? { raw.flatMap(UUID.init(uuidString:)) }

    static func target(_ raw: String?, owner: UUID, on db: any Database) async throws -> ResearchTargetRecord {
        guard let id = uuid(raw), let t = try await ResearchTargetRecord.query(on: db)
            .filter(\.$id == id).filter(\.$explorer.$id == owner).first() else { throw APIError.notFound("That research target") }
        return t
    }

    static func contact(_ raw: String?, owner: UUID, on db: any Database) async throws -> ContactRecord {
        guard let id = uuid(raw), let c = try await ContactRecord.query(on: db)
            .filter(\.$id == id).filter(\.$explorer.$id == owner).first() else { throw APIError.notFound("That contact") }
        return c
    }

    static func interview(_ raw: String?, owner: UUID, on db: any Database) async throws -> InterviewRecord {
        guard let id = uuid(raw), let i = try await InterviewRecord.query(on: db)
            .filter(\.$id == id).filter(\.$explorer.$id == owner).with(\.$target).with(\.$contact).first()
        else { throw APIError.notFound("That interview") }
        return i
    }

    /// An interview seen by either party: its explorer, or the practitioner an on-platform request went to.
    static func interviewForParty(_ raw: String?, member: UUID, on db: any Database) async throws -> InterviewRecord {
        guard let id = uuid(raw), let i = try await InterviewRecord.query(on: db)
            .filter(\.$id == id).with(\.$target).with(\.$contact).with(\.$explorer).first(),
              i.$explorer.id == member || i.practitionerID == member
        else { throw APIError.notFound("That interview") }
        return i
    }

    /// An on-platform request as its practitioner sees it.
    static func incoming(_ raw: String?, practitioner: UUID, on db: any Database) async throws -> InterviewRecord {
        guard let id = uuid(raw), let i = try await InterviewRecord.query(on: db)
            .filter(\.$id == id).filter(\.$practitionerID == practitioner).with(\.$target).with(\.$contact).with(\.$explorer).first()
        else { throw APIError.notFound("That request") }
        return i
    }

    static func findings(target: UUID, on db: any Database) async throws -> [FindingRecord] {
        try await FindingRecord.query(on: db).filter(\.$target.$id == target).sort(\.$recordedAt).sort(\.$id).all()
    }

    /// Each contact's status: the stage of their most recent interview, or "to contact".
    static func contactStatuses(owner: UUID, on db: any Database) async throws -> [UUID: InterviewStage] {
        let interviews = try await InterviewRecord.query(on: db).filter(\.$explorer.$id == owner).sort(\.$createdAt).sort(\.$id).all()
        var status: [UUID: InterviewStage] = [:]
        for i in interviews { status[i.$contact.id] = i.interviewStage }
        return status
    }

    /// The explorer's contacts by name.
    static func contacts(owner: UUID, on db: any Database) async throws -> [ContactRecord] {
        try await ContactRecord.query(on: db).filter(\.$explorer.$id == owner).sort(\.$name).all()
    }

    /// The explorer's contacts by name, each with its status.
    static func contactDTOs(owner: UUID, on db: any Database) async throws -> [ContactDTO] {
        let statuses = try await contactStatuses(owner: owner, on: db)
        return try await contacts(owner: owner, on: db).map { ContactDTO($0, status: statuses[$0.id!] ?? .toContact) }
    }

    static func contactDTO(_ c: ContactRecord, on db: any Database) async throws -> ContactDTO {
        let statuses = try await contactStatuses(owner: c.$explorer.id, on: db)
        return ContactDTO(c, status: statuses[try c.requireID()] ?? .toContact)
    }

    /// The explorer's interviews with their target and contact, oldest first (the API) or newest first (the dashboard).
    static func interviews(owner: UUID, newestFirst: Bool = false, on db: any Database) async throws -> [InterviewRecord] {
        try await InterviewRecord.query(on: db).filter(\.$explorer.$id == owner)
            .with(\.$target).with(\.$contact).sort(\.$createdAt, newestFirst ? .descending : .ascending).all()
    }

    /// On-platform requests sent to this practitioner, newest first.
    static func incomingRequests(practitioner: UUID, on db: any Database) async throws -> [InterviewRecord] {
        try await InterviewRecord.query(on: db).filter(\.$practitionerID == practitioner)
            .with(\.$target).with(\.$contact).with(\.$explorer).sort(\.$requestSentAt, .descending).all()
    }

    /// How many requests wait for this practitioner's answer.
    static func openIncomingCount(practitioner: UUID, on db: any Database) async throws -> Int {
        let open = PlatformStatus.allCases.filter(\.isOpen).map(\.rawValue)
        return try await InterviewRecord.query(on: db).filter(\.$practitionerID == practitioner).filter(\.$platformStatus ~~ open).count()
    }

    static func targetDTO(_ t: ResearchTargetRecord, on db: any Database) async throws -> TargetDTO {
        let id = try t.requireID()
        guard let dto = try await targetDTOs(owner: t.$explorer.id, on: db).first(where: { $0.id == id }) else { throw APIError.notFound("That research target") }
        return dto
    }

    /// The explorer's targets in LAMP order (GuildCore's rule: advocacy, motivation, postings), each with its rank.
    static func targetDTOs(owner: UUID, on db: any Database) async throws -> [TargetDTO] {
        let ranking = try await lampRanking(owner: owner, on: db)
        let findings = try await FindingRecord.query(on: db).filter(\.$explorer.$id == owner).all()
        let byTarget = Dictionary(grouping: findings, by: { $0.$target.id })
        return ranking.map { t, lamp in
            let list = (byTarget[t.id!] ?? []).map(\.core)
            return TargetDTO(id: t.id!, kind: t.kind, name: t.name, findingCount: list.count, readiness: ResearchReadiness.assess(findings: list), lamp: lamp)
        }
    }
}

enum InterviewTextClean {
    static func line(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}
