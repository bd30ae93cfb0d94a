// 3B7 follow-ups and the dashboard: what is due for the explorer now.
import Vapor
import Fluent
import GuildCore

extension InterviewStore {
    /// Whether the contact answered: an on-platform request answered in any way (email, phone and letter requests
    /// are answered when the explorer moves the stage on).
    static func answered(_ i: InterviewRecord) -> Bool {
        i.platform?.isAnswered ?? false
    }

    /// The member's own time zone (their profile's IANA name), UTC when unset.
    static func zone(of member: UUID, on db: any Database) async throws -> TimeZone {
        SpokenDate.timeZone(try await User.find(member, on: db)?.timezone)
    }

    static func followUps(owner: UUID, now: Date, on db: any Database) async throws -> [FollowUpDTO] {
        // Business days are the explorer's: a Friday evening in Auckland is already Saturday.
        let calendar = BusinessCalendar(timeZone: try await zone(of: owner, on: db))
        let interviews = try await InterviewRecord.query(on: db).filter(\.$explorer.$id == owner)
            .filter(\.$stage ~~ [InterviewStage.requested.rawValue, InterviewStage.followingUp.rawValue])
            .with(\.$contact).sort(\.$requestSentAt).all()
        let contacts = try await contacts(owner: owner, on: db)
        let statuses = try await contactStatuses(owner: owner, on: db)
        var ranks: [String: Int] = [:]
        for (t, lamp) in try await lampRanking(owner: owner, on: db) { ranks[t.id!.uuidString] = lamp.rank }
        return interviews.compactMap { i in
            // Following up after a thank-you is keeping in touch, not chasing an answer.
            guard let sent = i.requestSentAt, i.thankedAt == nil else { return nil }
            let step = FollowUpPolicy.nextStep(requestSentAt: sent, now: now, answered: answered(i), followUpsSent: i.followUpsSent, calendar: calendar)
            // "Try another contact": the ones not yet asked, best first by the LAMP order of their targets.
            let others = step.code == .none || step.code == .stop ? [] :
                nextContacts(after: i.contact, contacts: contacts, statuses: statuses, ranks: ranks)
            return FollowUpDTO(interviewId: i.id!, contactId: i.$contact.id, contactName: i.contact.name, organisation: i.contact.organisation,
                               step: step.code, message: step.message, dueAt: InterviewDates.isoOrNil(step.dueAt), alternatives: others)
        }
    }

    static func dashboard(owner: UUID, now: Date, on db: any Database) async throws -> DashboardDTO {
        let targets = try await targetDTOs(owner: owner, on: db)
        let contacts = try await contacts(owner: owner, on: db)
        let statuses = try await contactStatuses(owner: owner, on: db)
        var byStatus: [String: [ContactSummary]] = Dictionary(uniqueKeysWithValues: InterviewStage.allCases.map { ($0.rawValue, []) })
        for c in contacts {
            byStatus[(statuses[c.id!] ?? .toContact).rawValue, default: []].append(ContactSummary(id: c.id!, name: c.name, organisation: c.organisation))
        }
        var due: [DueItem] = []
        let held = try await InterviewRecord.query(on: db).filter(\.$explorer.$id == owner)
            .filter(\.$stage == InterviewStage.held.rawValue).with(\.$contact).sort(\.$heldAt).all()
        for i in held {
            guard let heldAt = i.heldAt else { continue }
            let reminder = ThankYouDraft.reminder(heldAt: heldAt, now: now)
            due.append(DueItem(interviewId: i.id!, kind: .thankYou, contactName: i.contact.name, message: reminder.message,
                               dueAt: InterviewDates.iso(heldAt.addingTimeInterval(ThankYouDraft.dueAfter))))
        }
        // "Today" is the explorer's day, in their time zone; a day is not always 24 hours long.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try await zone(of: owner, on: db)
        let startOfDay = calendar.startOfDay(for: now)
        let endOfDay = calendar.date(byAdding: .day, value: 1, to: startOfDay) ?? startOfDay.addingTimeInterval(86_400)
        let today = try await InterviewRecord.query(on: db).filter(\.$explorer.$id == owner)
            .filter(\.$stage == InterviewStage.scheduled.rawValue).filter(\.$scheduledAt >= startOfDay)
            .filter(\.$scheduledAt < endOfDay).with(\.$contact).all()
        for i in today {
            due.append(DueItem(interviewId: i.id!, kind: .conversation, contactName: i.contact.name,
                               message: "Conversation today: \(i.minutes) minutes. Review your plan and end on time.", dueAt: InterviewDates.isoOrNil(i.scheduledAt)))
        }
        for f in try await followUps(owner: owner, now: now, on: db) where f.step.needsAction {
            due.append(DueItem(interviewId: f.interviewId, kind: .followUp, contactName: f.contactName, message: f.message, dueAt: f.dueAt))
        }
        return DashboardDTO(targets: targets, contactsByStatus: byStatus, due: due)
    }
}

extension InterviewStore {
    /// The 3B7 step for one interview, if it is waiting for an answer.
    static func followUp(for i: InterviewRecord, now: Date, on db: any Database) async throws -> FollowUpDTO? {
        try await followUps(owner: i.$explorer.id, now: now, on: db).first { $0.interviewId == i.id }
    }
}
