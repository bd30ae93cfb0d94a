// Reporting a member: the reporter says why, about a conversation or one message they can see; an admin decides.
import Vapor
import Fluent
import GuildCore

extension MessagingStore {
    static func report(_ input: ReportRequest, by user: User, now: Date, on db: any Database) async throws -> MemberReportRecord {
        let userID = try user.requireID()
        var problems: [ValidationError] = []
        let reason = input.reason.flatMap(ReportReason.init(rawValue:))
        if reason == nil {
            problems.append(.init(field: "reason", reason: "must be one of \(ReportReason.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let details = (input.details ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if details.count > ReportLimits.details.upperBound {
            problems.append(.init(field: "details", reason: "must be at most \(ReportLimits.details.upperBound) characters"))
        }
        if reason == .other && details.isEmpty {
            problems.append(.init(field: "details", reason: "is required when the reason is \"other\": say what happened"))
        }
        guard let reportedID = input.memberId else { throw ValidationErrors(problems + [.init(field: "memberId", reason: "is required: the member you report")]) }
        if reportedID == userID { problems.append(.init(field: "memberId", reason: "is yourself")) }
        guard problems.isEmpty else { throw ValidationErrors(problems) }
        guard try await User.find(reportedID, on: db) != nil else { throw APIError.notFound("That member") }
        var conversationID = input.conversationId
        if let messageID = input.messageId {
            // A message must be one the reporter can see, and written by the member reported.
            guard let message = try await MessageRecord.find(messageID, on: db) else { throw APIError.notFound("That message") }
            _ = try await access(message.conversationID, for: user, on: db)
            guard message.senderID == reportedID else {
                throw ValidationError(field: "messageId", reason: "was not written by the member you report")
            }
            if let c = conversationID, c != message.conversationID {
                throw ValidationError(field: "conversationId", reason: "is not the conversation of that message")
            }
            conversationID = message.conversationID
        } else if let c = conversationID {
            _ = try await access(c, for: user, on: db)
        }
        let record = MemberReportRecord()
        record.id = UUID()
        record.reporterID = userID
        record.reportedID = reportedID
        record.conversationID = conversationID
        record.messageID = input.messageId
        record.reason = reason!.rawValue
        record.details = details
        record.createdAt = now
        record.state = ReportState.open.rawValue
        try await record.create(on: db)
        return record
    }

    /// Admins see every report, open ones first; a member sees the reports they made.
    static func reports(for user: User, on db: any Database) async throws -> [MemberReportRecord] {
        let q = MemberReportRecord.query(on: db)
        if !user.has(.admin) { q.filter(\.$reporterID == (try user.requireID())) }
        let all = try await q.sort(\.$createdAt, .descending).limit(500).all()
        return all.filter { $0.reportState == .open } + all.filter { $0.reportState != .open }
    }

    static func decideReport(_ id: UUID?, by user: User, state raw: String?, note rawNote: String?, now: Date, on db: any Database) async throws -> MemberReportRecord {
        guard user.has(.admin) else { throw APIError.forbidden("Only an admin decides reports") }
        guard let id, let report = try await MemberReportRecord.find(id, on: db) else { throw APIError.notFound("That report") }
        guard let state = raw.flatMap(ReportState.init(rawValue:)), state != .open else {
            throw ValidationError(field: "state", reason: "must be actioned or dismissed")
        }
        let note = try DecisionReason.validate(rawNote)
        guard report.reportState == .open else {
            throw ConflictError(code: "already_decided", message: "This report was already decided (\(report.reportState.label.lowercased())).")
        }
        guard report.reportedID != (try user.requireID()) else {
            throw ConflictError(code: "own_report", message: "Another admin decides a report about you.")
        }
        report.state = state.rawValue
        report.decisionNote = note
        report.decidedByID = try user.requireID()
        report.decidedAt = now
        try await report.update(on: db)
        return report
    }
}
