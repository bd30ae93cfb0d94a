// Research targets, findings, contacts (with referrals) and new interviews: the explorer's records before a conversation.
import Vapor
import Fluent
import GuildCore

extension InterviewStore {
    static func createTarget(_ input: TargetInput, owner: UUID, on db: any Database) async throws -> ResearchTargetRecord {
        try ResearchTarget.validate(name: input.name)
        let t = ResearchTargetRecord(explorerID: owner, kind: input.kind, name: InterviewTextClean.line(input.name))
        try await t.create(on: db)
        return t
    }

    static func addFinding(_ input: FindingInput, to target: ResearchTargetRecord, now: Date, on db: any Database) async throws -> FindingRecord {
        let source = input.source ?? ""
        try ResearchFinding.validate(statement: input.statement, source: source)
        let f = FindingRecord(targetID: try target.requireID(), explorerID: target.$explorer.id, kind: input.kind,
                              statement: input.statement.trimmingCharacters(in: .whitespacesAndNewlines),
                              source: source.trimmingCharacters(in: .whitespacesAndNewlines), recordedAt: now, share: input.share ?? false)
        try await f.create(on: db)
        return f
    }

    /// Fills a contact record from the input after the core's validation and the app's own checks (member, targets).
    static func apply(_ input: ContactInput, to c: ContactRecord, owner: UUID, on db: any Database) async throws {
        func clean(_ s: String?) -> String? {
            let t = (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }
        let core = InterviewContact(id: c.id ?? UUID(), name: input.name, title: input.title, organisation: input.organisation,
                                    email: clean(input.email), seniority: input.seniority, focusArea: clean(input.focusArea),
                                    preferredChannel: input.preferredChannel, referredBy: clean(input.referredBy))
        var errors: [ValidationError] = []
        do { try core.validate() } catch let e as ValidationErrors { errors += e.errors }
        if (input.phone ?? "").count > InterviewLimits.phoneCharacters {
            errors.append(.init(field: "phone", reason: "Must be at most \(InterviewLimits.phoneCharacters) characters."))
        }
        if (input.postalAddress ?? "").count > InterviewLimits.postalAddressCharacters {
            errors.append(.init(field: "postalAddress", reason: "Must be at most \(InterviewLimits.postalAddressCharacters) characters."))
        }
        if input.preferredChannel == .phone, clean(input.phone) == nil {
            errors.append(.init(field: "phone", reason: "Is required when the preferred channel is phone."))
        }
        if input.preferredChannel == .post, clean(input.postalAddress) == nil {
            errors.append(.init(field: "postalAddress", reason: "Is required when the preferred channel is post."))
        }
        if let member = input.memberId, try await User.find(member, on: db) == nil {
            errors.append(.init(field: "memberId", reason: "No member has that id."))
        }
        let targetIDs = input.targetIds ?? []
        if !targetIDs.isEmpty {
            let owned = try await ResearchTargetRecord.query(on: db).filter(\.$id ~~ targetIDs).filter(\.$explorer.$id == owner).count()
            if owned != Set(targetIDs).count { errors.append(.init(field: "targetIds", reason: "Must name your own research targets.")) }
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        c.$explorer.id = owner
        c.memberID = input.memberId
        c.name = InterviewTextClean.line(input.name)
        c.title = InterviewTextClean.line(input.title)
        c.organisation = InterviewTextClean.line(input.organisation)
        c.email = clean(input.email)
        c.phone = clean(input.phone)
        c.postalAddress = clean(input.postalAddress)
        c.seniority = input.seniority.rawValue
        c.focusArea = clean(input.focusArea)
        c.preferredChannel = input.preferredChannel.rawValue
        c.referredBy = clean(input.referredBy)
        c.targetIDs = Array(Set(targetIDs.map { $0.uuidString })).sorted()
    }

    static func createContact(_ input: ContactInput, owner: UUID, referrer: ContactRecord? = nil, on db: any Database) async throws -> ContactRecord {
        var input = input
        if let referrer { input.referredBy = referrer.name }
        let c = ContactRecord()
        try await apply(input, to: c, owner: owner, on: db)
        c.referredByContactID = try referrer?.requireID()
        try await c.create(on: db)
        return c
    }

    static func createInterview(_ input: InterviewInput, owner: UUID, on db: any Database) async throws -> InterviewRecord {
        try InterviewLength.validate(minutes: input.minutes)
        var errors: [ValidationError] = []
        let target = try await ResearchTargetRecord.query(on: db).filter(\.$id == input.targetId).filter(\.$explorer.$id == owner).first()
        let contact = try await ContactRecord.query(on: db).filter(\.$id == input.contactId).filter(\.$explorer.$id == owner).first()
        if target == nil { errors.append(.init(field: "targetId", reason: "Must name one of your research targets.")) }
        if contact == nil { errors.append(.init(field: "contactId", reason: "Must name one of your contacts.")) }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        let i = InterviewRecord(explorerID: owner, targetID: input.targetId, contactID: input.contactId, minutes: input.minutes)
        try await i.create(on: db)
        // Link the contact to the target the interview is about.
        if let contact, !contact.targetIDs.contains(input.targetId.uuidString) {
            contact.targetIDs.append(input.targetId.uuidString)
            try await contact.update(on: db)
        }
        i.$target.value = target
        i.$contact.value = contact
        return i
    }

    /// The referral chain up to the first referrer (bounded, so a bad cycle cannot loop), and who this contact referred.
    static func chain(_ contact: ContactRecord, on db: any Database) async throws -> ChainDTO {
        var chain = [ContactSummary(id: contact.id!, name: contact.name, organisation: contact.organisation)]
        var seen: Set<UUID> = [contact.id!]
        var next = contact.referredByContactID
        while let id = next, !seen.contains(id), chain.count < 50,
              let parent = try await ContactRecord.query(on: db).filter(\.$id == id).filter(\.$explorer.$id == contact.$explorer.id).first() {
            chain.insert(ContactSummary(id: id, name: parent.name, organisation: parent.organisation), at: 0)
            seen.insert(id)
            next = parent.referredByContactID
        }
        let referrals = try await ContactRecord.query(on: db).filter(\.$referredByContactID == contact.id!).sort(\.$name).all()
            .map { ContactSummary(id: $0.id!, name: $0.name, organisation: $0.organisation) }
        return ChainDTO(chain: chain, referrals: referrals)
    }

    /// Saves an edited contact (a PUT: `targetIds` nil links no targets).
    static func updateContact(_ c: ContactRecord, with input: ContactInput, owner: UUID, on db: any Database) async throws {
        try await apply(input, to: c, owner: owner, on: db)
        try await c.update(on: db)
    }
}
