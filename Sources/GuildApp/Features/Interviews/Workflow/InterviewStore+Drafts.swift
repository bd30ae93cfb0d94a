// The texts that leave Guild: the request (and its check), the thank-you note, the .eml file and the calendar invitation.
import Vapor
import Fluent
import GuildCore

extension InterviewStore {
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

    static func profileURL(_ user: User, baseURL: String) -> String {
        baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/users/\(user.id?.uuidString ?? "")"
    }

    static func thankYou(_ i: InterviewRecord, explorer: User, now: Date, baseURL: String, on db: any Database) async throws -> ThankYouDTO {
        guard let heldAt = i.heldAt else {
            throw ConflictError(code: "not_held", message: "The interview is in stage '\(i.stage)'; the thank-you note is drafted once the conversation was held.")
        }
        let (plan, _) = try await currentPlan(i, on: db)
        var notes: [QuestionNote] = plan.questions.compactMap { q in i.notes[q.id].map { QuestionNote(question: q.text, answer: $0) } }
        // Notes kept under questions later removed from the plan still count.
        let planned = Set(plan.questions.map(\.id))
        notes += i.notes.filter { !planned.contains($0.key) }.sorted { $0.key < $1.key }.map { QuestionNote(question: "our conversation", answer: $0.value) }
        let note = ThankYouDraft.make(contactName: i.contact.name, explorerName: explorer.displayName, heldAt: heldAt, notes: notes,
                                      mostInteresting: i.mostInteresting, adviceToAct: i.adviceToAct,
                                      contactTitle: i.contact.title, contactOrganisation: i.contact.organisation,
                                      topic: i.target.core.phrase, whatIShared: i.whatIShared,
                                      profileURL: profileURL(explorer, baseURL: baseURL))
        let reminder = i.thankedAt != nil ? "Sent." : ThankYouDraft.reminder(heldAt: heldAt, now: now).message
        return ThankYouDTO(subject: note.subject, body: note.body, dueAt: InterviewDates.iso(note.dueAt), reminder: reminder,
                           warnings: DraftCheck.check(kind: .thankYou, subject: note.subject, body: note.body, organisation: i.contact.organisation))
    }

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
                                             location: i.practitionerID != nil ? "Guild (video or phone, as agreed)" : nil,
                                             timeZone: SpokenDate.timeZone(explorer.timezone),
                                             reminderMinutes: ICalendarEvent.interviewReminderMinutes)
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

    /// Checks a draft the explorer wrote: over-long text is refused (the same 422 and field for the API and the page),
    /// the rest gets the method's warnings.
    static func checkDraft(subject: String, body: String, referredBy: String?, channel: ContactChannel,
                           kind: DraftKind = .request, organisation: String? = nil) throws -> [DraftWarning] {
        try DraftCheck.validateInput(subject: subject, body: body, referredBy: referredBy)
        if let organisation, organisation.count > InterviewLimits.nameCharacters {
            throw ValidationErrors([.init(field: "organisation", reason: "Must be at most \(InterviewLimits.nameCharacters) characters.")])
        }
        return DraftCheck.check(kind: kind, subject: subject, body: body, referredBy: referredBy, channel: channel, organisation: organisation)
    }
}
