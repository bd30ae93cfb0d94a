// /messages/{id}/report: report the other member of a conversation (or one of their messages);
// /admin/reports: the admins' desk, open reports first, each decided with a reason the reporter reads.
import Vapor
import Fluent
import GuildCore

struct ReportPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("messages", ":conversationID", "report", use: form)
        member.post("messages", ":conversationID", "report", use: submit)
        member.get("reports", use: desk)
        member.post("reports", ":reportID", use: decide)
    }

    struct FormModel: Encodable {
        struct Reason: Encodable { var value: String; var label: String; var selected: Bool }
        var conversationId: String
        var memberId: String
        var memberName: String
        var messageId: String?
        var quoted: String?
        var reasons: [Reason]
        var details: String
        var problem: String?
    }

    private func formModel(_ req: Request, reason: String? = nil, details: String = "", problem: String? = nil) async throws -> FormModel {
        let user = try req.member()
        let access = try await MessagingStore.access(req.parameters.get("conversationID", as: UUID.self), for: user, on: req.db)
        let messageID = (try? req.content.get(String.self, at: "messageId")).flatMap(UUID.init(uuidString:))
            ?? req.query[String.self, at: "message"].flatMap(UUID.init(uuidString:))
        var memberID = try await MessagingStore.otherMembers(access.id, than: user.requireID(), on: req.db).first
        var quoted: String? = nil
        if let messageID, let message = try await MessageRecord.find(messageID, on: req.db), message.conversationID == access.id {
            memberID = message.senderID
            quoted = message.text
        }
        guard let memberID, memberID != user.id else { throw APIError.notFound("A member to report in this conversation") }
        let name = try await MessagingStore.displayNames([memberID], on: req.db)[memberID] ?? "A former member"
        return FormModel(conversationId: access.id.uuidString, memberId: memberID.uuidString, memberName: name,
                         messageId: quoted == nil ? nil : messageID?.uuidString, quoted: quoted,
                         reasons: ReportReason.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == reason) },
                         details: details, problem: problem)
    }

    func form(req: Request) async throws -> Response {
        let model = try await formModel(req)
        return try await req.render("messages/report", title: "Report \(model.memberName)", model, form: true)
    }

    func submit(req: Request) async throws -> Response {
        struct Form: Content { var memberId: String?; var messageId: String?; var reason: String?; var details: String? }
        let form = try req.content.decode(Form.self)
        let conversationID = req.parameters.get("conversationID", as: UUID.self)
        do {
            _ = try await MessagingStore.report(ReportRequest(memberId: form.memberId.flatMap(UUID.init(uuidString:)), conversationId: conversationID,
                                                              messageId: form.messageId.flatMap(UUID.init(uuidString:)), reason: form.reason,
                                                              details: form.details),
                                               by: try req.member(), now: req.application.clock.now(), on: req.db)
        } catch let e as ValidationErrors {
            let model = try await formModel(req, reason: form.reason, details: form.details ?? "",
                                            problem: e.errors.map { "The \($0.field) \($0.reason)." }.joined(separator: " "))
            return try await req.render("messages/report", title: "Report \(model.memberName)", model, form: true, status: .unprocessableEntity)
        } catch let e as ValidationError {
            let model = try await formModel(req, reason: form.reason, details: form.details ?? "", problem: "The \(e.field) \(e.reason).")
            return try await req.render("messages/report", title: "Report \(model.memberName)", model, form: true, status: .unprocessableEntity)
        }
        req.flash("Thank you: an admin will look at your report. You can follow it on your reports page. To stop hearing from this member, block them.")
        return req.redirect(to: "/messages/\(conversationID?.uuidString ?? "")")
    }

    struct DeskModel: Encodable {
        struct Row: Encodable {
            var id: String
            var reporterName: String
            var reportedName: String
            var reportedId: String
            var reason: String
            var details: String
            var quoted: String?
            var conversationId: String?
            var createdAt: Date
            var open: Bool
            var stateLabel: String
            var decisionNote: String?
            var decidedAt: Date?
        }
        var isAdmin: Bool
        @EmptyAsNull var rows: [Row]
    }

    func desk(req: Request) async throws -> Response {
        let user = try req.member()
        let reports = try await MessagingStore.reports(for: user, on: req.db)
        let names = try await MessagingStore.displayNames(reports.flatMap { [$0.reporterID, $0.reportedID] }, on: req.db)
        let messageIDs = reports.compactMap(\.messageID)
        let messages = messageIDs.isEmpty ? [] : try await MessageRecord.query(on: req.db).filter(\.$id ~~ messageIDs).all()
        let texts = Dictionary(uniqueKeysWithValues: messages.map { ($0.id!, $0.text) })
        let rows = reports.map { r in
            DeskModel.Row(id: r.id!.uuidString, reporterName: names[r.reporterID] ?? "A former member", reportedName: names[r.reportedID] ?? "A former member",
                          reportedId: r.reportedID.uuidString, reason: r.reportReason.label, details: r.details,
                          quoted: r.messageID.flatMap { texts[$0] }, conversationId: user.has(.admin) ? nil : r.conversationID?.uuidString,
                          createdAt: r.createdAt, open: r.reportState == .open, stateLabel: r.reportState.label,
                          decisionNote: r.decisionNote, decidedAt: r.decidedAt)
        }
        return try await req.render("messages/reports", title: user.has(.admin) ? "Reports" : "Your reports",
                                    DeskModel(isAdmin: user.has(.admin), rows: rows), form: true)
    }

    func decide(req: Request) async throws -> Response {
        struct Form: Content { var state: String?; var reason: String? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await MessagingStore.decideReport(req.parameters.get("reportID", as: UUID.self), by: try req.member(), state: form.state,
                                                      note: form.reason, now: req.application.clock.now(), on: req.db)
            req.flash("Decided. The member who reported it can read your reason.")
        } catch let e as ValidationError {
            req.flash("Not decided: the \(e.field) \(e.reason).")
        } catch let e as ConflictError {
            req.flash(e.message)
        }
        return req.redirect(to: "/reports")
    }
}

/// /policies/messaging: the rules printed from GuildCore.
struct MessagingPolicyPage: RouteCollection {
    struct Model: Encodable {
        var maxText: Int
        var maxFiles: Int
        var maxFileSize: String
        var kindsText: String
        var limitsText: String
        var newPerDay: Int
        var replyDefinition: String
        var reasonsText: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("policies", "messaging") { req async throws -> Response in
            let model = Model(maxText: MessageLimits.textCharacters.upperBound, maxFiles: MessageLimits.attachmentsPerMessage,
                              maxFileSize: ByteSize.spoken(MessageLimits.attachmentBytes),
                              kindsText: AttachmentKind.allCases.map(\.label).joined(separator: ", "),
                              limitsText: SendRateLimit.windows.map(\.wording).joined(separator: " and "), newPerDay: SendRateLimit.newConversationsPerDay,
                              replyDefinition: ReplyTime.definition, reasonsText: ReportReason.allCases.map { $0.label.lowercased() }.joined(separator: "; "))
            return try await req.render("messages/policy", title: "Messaging rules", model)
        }
    }
}
