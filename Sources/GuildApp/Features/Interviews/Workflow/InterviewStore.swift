// The interviews area's queries and operations, shared by the API and the pages: every lookup is scoped to its owner,
// so another member's id is simply "not found". Rules are GuildCore's; this file stores and fetches.
import Vapor
import Fluent
import GuildCore

enum InterviewStore {
    // MARK: - Lookups scoped to the owner

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

    // MARK: - Writes

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
        if (input.phone ?? "").count > 60 { errors.append(.init(field: "phone", reason: "Must be at most 60 characters.")) }
        if (input.postalAddress ?? "").count > 500 { errors.append(.init(field: "postalAddress", reason: "Must be at most 500 characters.")) }
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

    /// A stage move along the core's transitions, stamping the time it happened.
    static func move(_ i: InterviewRecord, to next: InterviewStage, scheduledAt: Date?, now: Date, on db: any Database) async throws {
        let from = i.interviewStage
        let stage = try from.moving(to: next)
        switch stage {
        case .requested: i.requestSentAt = i.requestSentAt ?? now
        case .scheduled:
            guard let when = scheduledAt ?? i.scheduledAt else {
                throw ValidationErrors([ValidationError(field: "scheduledAt", reason: "is required to schedule the conversation")])
            }
            i.scheduledAt = when
        case .held:
            i.heldAt = now
            if i.startedAt == nil { i.startedAt = now.addingTimeInterval(-Double(i.minutes * 60)) }
        case .thanked: i.thankedAt = now
        case .followingUp: i.followUpsSent += 1
        case .toContact: break
        }
        i.stage = stage.rawValue
        try await i.update(on: db)
    }

    /// Starts (or restarts) the conversation clock; only a scheduled conversation can start.
    static func start(_ i: InterviewRecord, now: Date, on db: any Database) async throws {
        guard i.interviewStage == .scheduled else {
            throw ConflictError(code: "not_scheduled", message: "The interview is in stage '\(i.stage)'; only a scheduled conversation can start.")
        }
        i.startedAt = now
        try await i.update(on: db)
    }

    static func clock(_ i: InterviewRecord, now: Date) -> ClockDTO {
        // Once held, the clock stops at the end of the conversation.
        let phase = ConversationClock.phase(startedAt: i.startedAt, minutes: i.minutes, now: i.heldAt ?? now)
        switch phase {
        case .notStarted: return ClockDTO(phase: "not_started", remainingSeconds: i.minutes * 60, message: phase.message, startedAt: nil)
        case .running(let r): return ClockDTO(phase: "running", remainingSeconds: Int(r.rounded(.up)), message: phase.message, startedAt: InterviewDates.isoOrNil(i.startedAt))
        case .wrapUp(let r): return ClockDTO(phase: "wrap_up", remainingSeconds: Int(r.rounded(.up)), message: phase.message, startedAt: InterviewDates.isoOrNil(i.startedAt))
        case .overtime(let o): return ClockDTO(phase: "overtime", remainingSeconds: -Int(o.rounded(.down)), message: phase.message, startedAt: InterviewDates.isoOrNil(i.startedAt))
        }
    }

    // MARK: - Drafts

    static func explorerProfile(_ user: User, baseURL: String, target: ResearchTargetRecord) -> ExplorerProfile {
        let headline = user.headline.trimmingCharacters(in: .whitespaces)
        let availability = user.interviewAvailability.trimmingCharacters(in: .whitespaces)
        return ExplorerProfile(
            name: user.displayName,
            headline: headline.isEmpty ? "someone exploring \(target.core.phrase)" : headline,
            profileURL: baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/users/\(user.id?.uuidString ?? "")",
            availability: availability.isEmpty ? "most weekdays, at a time that suits you" : availability,
            email: user.email)
    }

    static func requestDraft(_ i: InterviewRecord, explorer: User, channel: ContactChannel?, baseURL: String, on db: any Database) async throws -> RequestDTO {
        let target = i.target, contact = i.contact
        let findings = try await findings(target: try target.requireID(), on: db).map(\.core)
        let profile = explorerProfile(explorer, baseURL: baseURL, target: target)
        let core = contact.core
        let chosen = channel ?? core.preferredChannel
        let draft: RequestDraft
        switch chosen {
        case .email: draft = RequestDraft.email(explorer: profile, contact: core, target: target.core, findings: findings, minutes: i.minutes)
        case .phone: draft = RequestDraft.phoneScript(explorer: profile, contact: core, target: target.core, findings: findings, minutes: i.minutes)
        case .post: draft = RequestDraft.letter(explorer: profile, contact: core, target: target.core, findings: findings, minutes: i.minutes)
        }
        let mailto = chosen == .email ? contact.email.map { MailtoLink.make(to: [$0], subject: draft.subject, body: draft.body) } : nil
        return RequestDTO(channel: draft.channel.rawValue, subject: draft.subject, body: draft.body, warnings: draft.warnings,
                          gaps: ResearchReadiness.assess(findings: findings), mailto: mailto)
    }

    static func currentPlan(_ i: InterviewRecord, on db: any Database) async throws -> (plan: QuestionPlan, edited: Bool) {
        if let plan = i.plan { return (plan, true) }
        let findings = try await findings(target: i.$target.id, on: db).map(\.core)
        return (QuestionPlanner.plan(findings: findings, contact: i.contact.core, minutes: i.minutes), false)
    }

    static func planDTO(_ i: InterviewRecord, on db: any Database) async throws -> PlanDTO {
        let (plan, edited) = try await currentPlan(i, on: db)
        return PlanDTO(id: try i.requireID(), minutes: plan.minutes, estimatedMinutes: plan.estimatedMinutes, edited: edited,
                       questions: plan.questions.map(PlanQuestionDTO.init), warnings: plan.jobRequestWarnings)
    }

    /// Replaces the plan with the explorer's list, validated question by question (errors name `questions[i].text`).
    static func savePlan(_ input: PlanInput, for i: InterviewRecord, on db: any Database) async throws -> QuestionPlan {
        var errors: [ValidationError] = []
        if input.questions.isEmpty { errors.append(.init(field: "questions", reason: "Must hold at least one question.")) }
        if input.questions.count > QuestionPlanner.maximumQuestions * 2 {
            errors.append(.init(field: "questions", reason: "Must hold at most \(QuestionPlanner.maximumQuestions * 2) questions."))
        }
        var plan = QuestionPlan(minutes: i.minutes, questions: [])
        var seen = Set<String>()
        for (index, q) in input.questions.enumerated() {
            let id = (q.id ?? "").trimmingCharacters(in: .whitespaces)
            if !id.isEmpty, seen.contains(id) { errors.append(.init(field: "questions[\(index)].id", reason: "Is used twice.")); continue }
            if id.count > 100 { errors.append(.init(field: "questions[\(index)].id", reason: "Must be at most 100 characters.")); continue }
            do {
                plan = try id.isEmpty ? plan.add(text: q.text, kind: q.kind) : plan.add(text: q.text, kind: q.kind, id: id)
                plan.questions[plan.questions.count - 1].findingID = q.findingId
                seen.insert(plan.questions[plan.questions.count - 1].id)
            } catch let e as ValidationErrors {
                errors += e.errors.map { .init(field: "questions[\(index)].\($0.field)", reason: $0.reason) }
            }
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        i.plan = plan
        try await i.update(on: db)
        return plan
    }

    static func saveNotes(_ input: NotesInput, for i: InterviewRecord, on db: any Database) async throws {
        var errors: [ValidationError] = []
        // A plan holds at most a couple of dozen questions; more keys than that is not a note-taker.
        if (input.notes ?? [:]).count > QuestionPlanner.maximumQuestions * 4 {
            errors.append(.init(field: "notes", reason: "Must hold at most \(QuestionPlanner.maximumQuestions * 4) notes."))
        }
        for (key, value) in input.notes ?? [:] where value.count > 4000 || key.count > 100 {
            errors.append(.init(field: "notes.\(key.prefix(100))", reason: "Must be at most 4000 characters."))
        }
        for (field, value) in [("mostInteresting", input.mostInteresting), ("adviceToAct", input.adviceToAct), ("whatIShared", input.whatIShared)]
        where (value ?? "").count > 2000 {
            errors.append(.init(field: field, reason: "Must be at most 2000 characters."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        var notes = i.notes
        for (key, value) in input.notes ?? [:] {
            let clean = value.trimmingCharacters(in: .whitespacesAndNewlines)
            notes[key] = clean.isEmpty ? nil : clean
        }
        i.notes = notes
        func clean(_ s: String?, _ old: String?) -> String? {
            guard let s else { return old }
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }
        i.mostInteresting = clean(input.mostInteresting, i.mostInteresting)
        i.adviceToAct = clean(input.adviceToAct, i.adviceToAct)
        i.whatIShared = clean(input.whatIShared, i.whatIShared)
        try await i.update(on: db)
    }

    static func recordOutcome(_ input: OutcomeInput, for i: InterviewRecord, now: Date, on db: any Database) async throws -> FindingRecord {
        let note = input.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        try FindingOutcome(findingID: input.findingId, verdict: input.verdict, note: note).validate()
        guard let f = try await FindingRecord.query(on: db).filter(\.$id == input.findingId)
            .filter(\.$target.$id == i.$target.id).filter(\.$explorer.$id == i.$explorer.id).first() else {
            throw ValidationErrors([ValidationError(field: "findingId", reason: "Must name a finding of this interview's research target.")])
        }
        f.verdict = input.verdict.rawValue
        f.verdictNote = (note ?? "").isEmpty ? nil : note
        f.verdictAt = now
        try await f.update(on: db)
        return f
    }

    static func thankYou(_ i: InterviewRecord, explorer: User, now: Date, on db: any Database) async throws -> ThankYouDTO {
        guard let heldAt = i.heldAt else {
            throw ConflictError(code: "not_held", message: "The interview is in stage '\(i.stage)'; the thank-you note is drafted once the conversation was held.")
        }
        let (plan, _) = try await currentPlan(i, on: db)
        var notes: [QuestionNote] = plan.questions.compactMap { q in i.notes[q.id].map { QuestionNote(question: q.text, answer: $0) } }
        // Notes kept under questions later removed from the plan still count.
        let planned = Set(plan.questions.map(\.id))
        notes += i.notes.filter { !planned.contains($0.key) }.sorted { $0.key < $1.key }.map { QuestionNote(question: "our conversation", answer: $0.value) }
        let note = ThankYouDraft.make(contactName: i.contact.name, explorerName: explorer.displayName, heldAt: heldAt, notes: notes,
                                      mostInteresting: i.mostInteresting, adviceToAct: i.adviceToAct)
        let reminder = i.thankedAt != nil ? "Sent." : ThankYouDraft.reminder(heldAt: heldAt, now: now).message
        return ThankYouDTO(subject: note.subject, body: note.body, dueAt: InterviewDates.iso(note.dueAt), reminder: reminder)
    }

    // MARK: - Files

    static func host(_ baseURL: String) -> String { URL(string: baseURL)?.host ?? "guild.local" }

    static func invite(_ i: InterviewRecord, now: Date, baseURL: String, on db: any Database) async throws -> String {
        guard let start = i.scheduledAt else {
            throw ConflictError(code: "not_scheduled", message: "The interview is in stage '\(i.stage)' and has no agreed time yet.")
        }
        let explorer = try await i.$explorer.get(on: db)
        var contactEmail = i.contact.email
        if contactEmail == nil, let pid = i.practitionerID ?? i.contact.memberID { contactEmail = try await User.find(pid, on: db)?.email }
        guard let email = contactEmail else {
            throw ConflictError(code: "no_contact_email", message: "Add the contact's email address to make a calendar invitation.")
        }
        let (plan, _) = try await currentPlan(i, on: db)
        let event = ICalendarEvent.interview(interviewID: try i.requireID(), host: host(baseURL), start: start, minutes: i.minutes, stamp: now,
                                             explorer: Mailbox(name: explorer.displayName, email: explorer.email),
                                             contact: Mailbox(name: i.contact.name, email: email), topic: i.target.core.phrase,
                                             agenda: plan.questions.prefix(6).map(\.text),
                                             location: i.practitionerID != nil ? "Guild (video or phone, as agreed)" : nil)
        try event.validate()
        return event.render()
    }

    static func emailFile(_ i: InterviewRecord, explorer: User, now: Date, baseURL: String, on db: any Database) async throws -> EmailFile {
        guard let to = i.contact.email else {
            throw ConflictError(code: "no_contact_email", message: "Add the contact's email address to download the request as an email.")
        }
        let draft = try await requestDraft(i, explorer: explorer, channel: .email, baseURL: baseURL, on: db)
        let file = EmailFile(from: Mailbox(name: explorer.displayName, email: explorer.email), to: [Mailbox(name: i.contact.name, email: to)],
                             subject: draft.subject, body: draft.body, date: now,
                             messageID: EmailFile.messageID(for: try i.requireID(), domain: host(baseURL)),
                             timeZone: TimeZone(identifier: explorer.timezone) ?? TimeZone(identifier: "UTC")!)
        try file.validate()
        return file
    }

    // MARK: - Follow-ups, statuses, dashboard

    static func answered(_ i: InterviewRecord) -> Bool {
        guard let status = i.platformStatus.flatMap(PlatformStatus.init(rawValue:)) else { return false }
        return status != .pending
    }

    static func followUps(owner: UUID, now: Date, on db: any Database) async throws -> [FollowUpDTO] {
        let interviews = try await InterviewRecord.query(on: db).filter(\.$explorer.$id == owner)
            .filter(\.$stage ~~ [InterviewStage.requested.rawValue, InterviewStage.followingUp.rawValue])
            .with(\.$contact).sort(\.$requestSentAt).all()
        let contacts = try await ContactRecord.query(on: db).filter(\.$explorer.$id == owner).sort(\.$name).all()
        return interviews.compactMap { i in
            // Following up after a thank-you is keeping in touch, not chasing an answer.
            guard let sent = i.requestSentAt, i.thankedAt == nil else { return nil }
            let step = FollowUpPolicy.nextStep(requestSentAt: sent, now: now, answered: answered(i), followUpsSent: i.followUpsSent, calendar: .utc)
            var dueAt: Date? = nil
            let name: String
            switch step {
            case .none: name = "none"
            case .waiting(let until): name = "waiting"; dueAt = until
            case .tryAnotherContact(let at): name = "try_another_contact"; dueAt = at
            case .followUpOnce: name = "follow_up_once"
            case .stop: name = "stop"
            }
            let others = step == FollowUpStep.none || step == .stop ? [] :
                contacts.filter { $0.organisation.lowercased() == i.contact.organisation.lowercased() && $0.id != i.$contact.id }
                    .map { FollowUpDTO.Alternative(id: $0.id!, name: $0.name) }
            return FollowUpDTO(interviewId: i.id!, contactId: i.$contact.id, contactName: i.contact.name, organisation: i.contact.organisation,
                               step: name, message: step.message, dueAt: InterviewDates.isoOrNil(dueAt), alternatives: others)
        }
    }

    /// Each contact's status: the stage of their most recent interview, or "to_contact".
    static func contactStatuses(owner: UUID, on db: any Database) async throws -> [UUID: String] {
        let interviews = try await InterviewRecord.query(on: db).filter(\.$explorer.$id == owner).sort(\.$createdAt).sort(\.$id).all()
        var status: [UUID: String] = [:]
        for i in interviews { status[i.$contact.id] = i.stage }
        return status
    }

    static func targetDTOs(owner: UUID, on db: any Database) async throws -> [TargetDTO] {
        let targets = try await ResearchTargetRecord.query(on: db).filter(\.$explorer.$id == owner).sort(\.$name).all()
        let findings = try await FindingRecord.query(on: db).filter(\.$explorer.$id == owner).all()
        let byTarget = Dictionary(grouping: findings, by: { $0.$target.id })
        return targets.map { t in
            let list = (byTarget[t.id!] ?? []).map(\.core)
            return TargetDTO(id: t.id!, kind: t.kind, name: t.name, findingCount: list.count, readiness: ResearchReadiness.assess(findings: list))
        }
    }

    static func dashboard(owner: UUID, now: Date, on db: any Database) async throws -> DashboardDTO {
        let targets = try await targetDTOs(owner: owner, on: db)
        let contacts = try await ContactRecord.query(on: db).filter(\.$explorer.$id == owner).sort(\.$name).all()
        let statuses = try await contactStatuses(owner: owner, on: db)
        var byStatus: [String: [ContactSummary]] = Dictionary(uniqueKeysWithValues: InterviewStage.allCases.map { ($0.rawValue, []) })
        for c in contacts {
            byStatus[statuses[c.id!] ?? InterviewStage.toContact.rawValue, default: []].append(ContactSummary(id: c.id!, name: c.name, organisation: c.organisation))
        }
        var due: [DueItem] = []
        let held = try await InterviewRecord.query(on: db).filter(\.$explorer.$id == owner)
            .filter(\.$stage == InterviewStage.held.rawValue).with(\.$contact).sort(\.$heldAt).all()
        for i in held {
            guard let heldAt = i.heldAt else { continue }
            let reminder = ThankYouDraft.reminder(heldAt: heldAt, now: now)
            due.append(DueItem(interviewId: i.id!, kind: "thank_you", contactName: i.contact.name, message: reminder.message,
                               dueAt: InterviewDates.iso(heldAt.addingTimeInterval(ThankYouDraft.dueAfter))))
        }
        let startOfDay = Calendar(identifier: .gregorian).startOfDay(for: now)
        let today = try await InterviewRecord.query(on: db).filter(\.$explorer.$id == owner)
            .filter(\.$stage == InterviewStage.scheduled.rawValue).filter(\.$scheduledAt >= startOfDay)
            .filter(\.$scheduledAt < startOfDay.addingTimeInterval(86_400)).with(\.$contact).all()
        for i in today {
            due.append(DueItem(interviewId: i.id!, kind: "conversation", contactName: i.contact.name,
                               message: "Conversation today: \(i.minutes) minutes. Review your plan and end on time.", dueAt: InterviewDates.isoOrNil(i.scheduledAt)))
        }
        for f in try await followUps(owner: owner, now: now, on: db) where f.step == "follow_up_once" || f.step == "try_another_contact" {
            due.append(DueItem(interviewId: f.interviewId, kind: "follow_up", contactName: f.contactName, message: f.message, dueAt: f.dueAt))
        }
        return DashboardDTO(targets: targets, contactsByStatus: byStatus, due: due)
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

    // MARK: - On-platform requests

    static func sendPlatformRequest(_ i: InterviewRecord, explorer: User, now: Date, baseURL: String, on db: any Database) async throws {
        guard let memberID = i.contact.memberID, let practitioner = try await User.find(memberID, on: db) else {
            throw ConflictError(code: "not_on_platform", message: "This contact is not linked to a Guild member; send the request by email instead.")
        }
        guard practitioner.openToInterviews else {
            throw ConflictError(code: "not_open_to_interviews", message: "\(practitioner.displayName) has not opted in to conversation requests.")
        }
        guard memberID != i.$explorer.id else { throw ConflictError(code: "own_request", message: "You cannot send a request to yourself.") }
        let draft = try await requestDraft(i, explorer: explorer, channel: .email, baseURL: baseURL, on: db)
        try await WriteTransaction.run(on: db) { tx in
            guard let fresh = try await InterviewRecord.find(i.id, on: tx) else { throw APIError.notFound("That interview") }
            _ = try fresh.interviewStage.moving(to: .requested)
            fresh.stage = InterviewStage.requested.rawValue
            fresh.requestSentAt = now
            fresh.practitionerID = memberID
            fresh.platformStatus = PlatformStatus.pending.rawValue
            fresh.requestSubject = draft.subject
            fresh.requestBody = draft.body
            try await fresh.update(on: tx)
        }
    }

    static func incomingDTO(_ i: InterviewRecord) -> IncomingDTO {
        IncomingDTO(id: i.id!, explorerId: i.$explorer.id, explorerName: i.explorer.displayName, subject: i.requestSubject ?? "",
                    body: i.requestBody ?? "", minutes: i.minutes, status: i.platformStatus ?? PlatformStatus.pending.rawValue,
                    scheduledAt: InterviewDates.isoOrNil(i.scheduledAt), proposedTimes: i.proposedTimes, reply: i.platformReply)
    }

    static func requireOpen(_ i: InterviewRecord) throws {
        let status = i.platformStatus.flatMap(PlatformStatus.init(rawValue:)) ?? .pending
        guard status == .pending || status == .proposed else {
            throw ConflictError(code: "already_answered", message: "This request was already \(status.rawValue).")
        }
    }

    static func accept(_ i: InterviewRecord, practitioner: User, input: AcceptInput, on db: any Database) async throws {
        try requireOpen(i)
        let when = try InterviewDates.parse(input.scheduledAt, field: "scheduledAt")
        let place = input.place.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if (place ?? "").count > 200 { throw ValidationErrors([.init(field: "place", reason: "Must be at most 200 characters.")]) }
        let (plan, _) = try await currentPlan(i, on: db)
        let reply = PlatformReply.acceptance(explorerName: i.explorer.displayName, practitionerName: practitioner.displayName, minutes: i.minutes,
                                             scheduledAt: when, timeZone: TimeZone(identifier: practitioner.timezone) ?? TimeZone(identifier: "UTC")!,
                                             place: place, topics: plan.questions.prefix(3).map(\.text))
        _ = try i.interviewStage.moving(to: .scheduled)
        i.stage = InterviewStage.scheduled.rawValue
        i.scheduledAt = when
        i.platformStatus = PlatformStatus.accepted.rawValue
        i.platformReply = reply.body
        try await i.update(on: db)
    }

    static func propose(_ i: InterviewRecord, input: ProposeInput, on db: any Database) async throws {
        try requireOpen(i)
        let times = input.times.trimmingCharacters(in: .whitespacesAndNewlines)
        if times.isEmpty { throw ValidationErrors([.init(field: "times", reason: "Must say which times suit you.")]) }
        if times.count > 500 { throw ValidationErrors([.init(field: "times", reason: "Must be at most 500 characters.")]) }
        i.platformStatus = PlatformStatus.proposed.rawValue
        i.proposedTimes = times
        try await i.update(on: db)
    }

    static func decline(_ i: InterviewRecord, practitioner: User, input: DeclineInput, on db: any Database) async throws {
        try requireOpen(i)
        if (input.suggestion ?? "").count > 200 { throw ValidationErrors([.init(field: "suggestion", reason: "Must be at most 200 characters.")]) }
        let reply = PlatformReply.decline(explorerName: i.explorer.displayName, practitionerName: practitioner.displayName,
                                          topic: i.target.core.phrase, reason: input.reason, suggestion: input.suggestion)
        i.platformStatus = PlatformStatus.declined.rawValue
        i.platformReply = reply.body
        try await i.update(on: db)
    }
}

enum InterviewTextClean {
    static func line(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}
