// Research sources from conversations ("what should I read?") and the follow-up note sent weeks later, which names
// the sources read and the referrals followed.
import Vapor
import Fluent
import GuildCore

extension InterviewStore {
    /// Stages in which the contact can have recommended something: during the conversation or after it.
    static let sourceStages: Set<InterviewStage> = [.scheduled, .held, .thanked, .followingUp]

    /// A recommendation from the conversation becomes a research source on the interview's target, in one step.
    static func addSource(_ input: SourceInput, to i: InterviewRecord, now: Date, on db: any Database) async throws -> ResearchSourceRecord {
        var errors: [ValidationError] = []
        var clean: (title: String, link: String?, note: String?) = ("", nil, nil)
        do { clean = try ResearchSource.validate(title: input.title, link: input.link, note: input.note) } catch let e as ValidationErrors { errors += e.errors }
        let kind = SourceKind(rawValue: input.kind ?? SourceKind.read.rawValue)
        if kind == nil { errors.append(.init(field: "kind", reason: "Must be one of: \(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")).")) }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        guard sourceStages.contains(i.interviewStage) else {
            throw ConflictError(code: "not_held", message: "The interview is \(i.interviewStage.label.lowercased()); sources come from the conversation itself.")
        }
        let s = ResearchSourceRecord()
        s.$target.id = i.$target.id
        s.$explorer.id = i.$explorer.id
        s.$interview.id = try i.requireID()
        s.$contact.id = i.$contact.id
        s.kind = (kind ?? .read).rawValue
        s.title = clean.title
        s.link = clean.link
        s.note = clean.note
        s.addedAt = now
        try await s.create(on: db)
        return s
    }

    static func source(_ raw: String?, owner: UUID, on db: any Database) async throws -> ResearchSourceRecord {
        guard let id = uuid(raw), let s = try await ResearchSourceRecord.query(on: db)
            .filter(\.$id == id).filter(\.$explorer.$id == owner).with(\.$contact).first() else { throw APIError.notFound("That source") }
        return s
    }

    /// Marks a source read (followed, joined) or not yet.
    static func markSource(_ s: ResearchSourceRecord, read: Bool?, now: Date, on db: any Database) async throws {
        guard let read else { throw ValidationErrors([.init(field: "read", reason: "Is required: true once you have read it, false to mark it unread.")]) }
        s.readAt = read ? (s.readAt ?? now) : nil
        try await s.update(on: db)
    }

    /// A target's sources, the unread first, newest first within each.
    static func sources(target: UUID, on db: any Database) async throws -> [ResearchSourceRecord] {
        let all = try await ResearchSourceRecord.query(on: db).filter(\.$target.$id == target).with(\.$contact).sort(\.$addedAt, .descending).all()
        return all.filter { $0.readAt == nil } + all.filter { $0.readAt != nil }
    }

    static func sources(interview: UUID, on db: any Database) async throws -> [ResearchSourceRecord] {
        try await ResearchSourceRecord.query(on: db).filter(\.$interview.$id == interview).with(\.$contact).sort(\.$addedAt).all()
    }

    /// The follow-up weeks after the conversation: the advice, what the explorer did (their own words), the sources
    /// this contact recommended that are marked read, and the people they named that the explorer wrote to or met.
    static func followUpNote(_ i: InterviewRecord, explorer: User, whatIDid: String?, now: Date, baseURL: String,
                             on db: any Database) async throws -> FollowUpNoteDTO {
        guard let heldAt = i.heldAt else {
            throw ConflictError(code: "not_held", message: "The interview is \(i.interviewStage.label.lowercased()); the follow-up is drafted once the conversation was held.")
        }
        if let did = whatIDid, did.count > InterviewLimits.summaryCharacters {
            throw ValidationErrors([.init(field: "whatIDid", reason: "Must be at most \(InterviewLimits.summaryCharacters) characters.")])
        }
        let read = try await sources(interview: try i.requireID(), on: db).filter { $0.readAt != nil }.map(\.title)
        let named = try await ContactRecord.query(on: db).filter(\.$referredByContactID == i.$contact.id)
            .filter(\.$explorer.$id == i.$explorer.id).sort(\.$name).all()
        var referrals: [FollowedReferral] = []
        if !named.isEmpty {
            let theirs = try await InterviewRecord.query(on: db).filter(\.$contact.$id ~~ named.compactMap(\.id)).all()
            for c in named {
                let stages = theirs.filter { $0.$contact.id == c.id }.map(\.interviewStage)
                if stages.contains(where: { [.held, .thanked, .followingUp].contains($0) }) {
                    referrals.append(FollowedReferral(name: c.name, organisation: c.organisation, progress: .spokeWith))
                } else if stages.contains(where: { [.requested, .scheduled].contains($0) }) {
                    referrals.append(FollowedReferral(name: c.name, organisation: c.organisation, progress: .wroteTo))
                }
            }
        }
        let note = FollowUpDraft.make(contactName: i.contact.name, explorerName: explorer.displayName, heldAt: heldAt,
                                      topic: i.target.core.phrase, adviceToAct: i.adviceToAct, whatIDid: whatIDid,
                                      sourcesRead: read, referrals: referrals, profileURL: profileURL(explorer, baseURL: baseURL))
        let mailto = i.contact.email.map { MailtoLink.make(to: [$0], subject: note.subject, body: note.body) }
        return FollowUpNoteDTO(subject: note.subject, body: note.body, sendFrom: InterviewDates.iso(note.sendFrom),
                               ready: now >= note.sendFrom, hints: note.hints, mailto: mailto,
                               warnings: DraftCheck.check(kind: .followUp, subject: note.subject, body: note.body, organisation: i.contact.organisation))
    }
}
