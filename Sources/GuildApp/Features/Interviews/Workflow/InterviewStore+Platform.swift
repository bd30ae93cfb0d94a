// On-platform requests: sent to a member who offers conversations, and their accept, propose or decline.
import Vapor
import Fluent
import GuildCore

extension InterviewStore {
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
            try await NotificationEvents.interviewRequested(fresh, practitioner: memberID, explorer: explorer, topic: i.target.core.phrase, now: now, on: tx)
        }
    }

    static func incomingDTO(_ i: InterviewRecord) -> IncomingDTO {
        IncomingDTO(id: i.id!, explorerId: i.$explorer.id, explorerName: i.explorer.displayName, subject: i.requestSubject ?? "",
                    body: i.requestBody ?? "", minutes: i.minutes, status: i.platformStatus ?? PlatformStatus.pending.rawValue,
                    scheduledAt: InterviewDates.isoOrNil(i.scheduledAt), proposedTimes: i.proposedTimes, reply: i.platformReply)
    }

    static func requireOpen(_ i: InterviewRecord) throws {
        let status = i.platform ?? .pending
        guard status.isOpen else {
            throw ConflictError(code: "already_answered", message: "This request was already \(status.rawValue).")
        }
    }

    static func accept(_ i: InterviewRecord, practitioner: User, input: AcceptInput, on db: any Database) async throws {
        try requireOpen(i)
        let when = try InterviewDates.parse(input.scheduledAt, field: "scheduledAt")
        let place = input.place.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if (place ?? "").count > InterviewLimits.placeCharacters {
            throw ValidationErrors([.init(field: "place", reason: "Must be at most \(InterviewLimits.placeCharacters) characters.")])
        }
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
        if times.count > InterviewLimits.proposedTimesCharacters {
            throw ValidationErrors([.init(field: "times", reason: "Must be at most \(InterviewLimits.proposedTimesCharacters) characters.")])
        }
        i.platformStatus = PlatformStatus.proposed.rawValue
        i.proposedTimes = times
        try await i.update(on: db)
    }

    static func decline(_ i: InterviewRecord, practitioner: User, input: DeclineInput, on db: any Database) async throws {
        try requireOpen(i)
        if (input.suggestion ?? "").count > InterviewLimits.suggestionCharacters {
            throw ValidationErrors([.init(field: "suggestion", reason: "Must be at most \(InterviewLimits.suggestionCharacters) characters.")])
        }
        let reply = PlatformReply.decline(explorerName: i.explorer.displayName, practitionerName: practitioner.displayName,
                                          topic: i.target.core.phrase, reason: input.reason, suggestion: input.suggestion)
        i.platformStatus = PlatformStatus.declined.rawValue
        i.platformReply = reply.body
        // A no closes the request: the board shows it as declined and 3B7 stops suggesting a nudge.
        if i.interviewStage.canMove(to: .declined) { i.stage = InterviewStage.declined.rawValue }
        try await i.update(on: db)
    }
}
