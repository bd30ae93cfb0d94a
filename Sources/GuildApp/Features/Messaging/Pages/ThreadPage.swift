// /messages/{id}: one conversation, its send form and its live socket; /files/{id}: a file from a conversation;
// /live: a member's page-wide socket (unread counts); blocking and unblocking a member.
import Vapor
import Fluent
import GuildCore

struct ThreadPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("messages", ":conversationID", use: show)
        member.on(.POST, "messages", ":conversationID", body: .collect(maxSize: "22mb"), use: send)
        member.get("files", ":attachmentID", use: file)
        member.post("members", ":memberID", "block", use: block)
        member.post("members", ":memberID", "unblock", use: unblock)
        member.get("messages", "blocked", use: blocked)
        // Access (and the page's own origin) is checked before the upgrade: a refused socket is an ordinary 403 or 404.
        member.get("messages", ":conversationID", "live") { req async throws -> Response in
            guard LiveSocket.sameOrigin(req) else { throw APIError.forbidden("A live connection must come from Guild's own pages") }
            let user = try req.member()
            let access = try await MessagingStore.access(req.parameters.get("conversationID", as: UUID.self), for: user, on: req.db)
            let since = try LiveSocket.since(req)
            return req.webSocket(onUpgrade: { req, ws in
                await LiveSocket.conversation(ws, req: req, access: access, user: user, since: since, pages: true)
            })
        }
        member.get("live") { req async throws -> Response in
            guard LiveSocket.sameOrigin(req) else { throw APIError.forbidden("A live connection must come from Guild's own pages") }
            let user = try req.member()
            return req.webSocket(onUpgrade: { req, ws in await LiveSocket.member(ws, req: req, user: user) })
        }
    }

    func show(req: Request) async throws -> Response {
        let user = try req.member()
        let access = try await MessagingStore.access(req.parameters.get("conversationID", as: UUID.self), for: user, on: req.db)
        let before = req.query[Int.self, at: "before"]
        return try await render(req, access: access, user: user, before: before, draft: "", problem: nil)
    }

    private func render(_ req: Request, access: ConversationAccess, user: User, before: Int?, draft: String, problem: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        if before == nil { _ = try await MessagingStore.markRead(access, by: user, upTo: nil, app: req.application, logger: req.logger) }
        let model = try await Model.load(access, for: user, before: before, draft: draft, problem: problem, on: req)
        return try await req.render("messages/thread", title: model.subject, model, form: true, status: status)
    }

    func send(req: Request) async throws -> Response {
        let user = try req.member()
        let access = try await MessagingStore.access(req.parameters.get("conversationID", as: UUID.self), for: user, on: req.db)
        let wantsJSON = GuildErrorMiddleware.prefersJSON(req)
        switch try await ChatForm.send(req, access: access, user: user) {
        case .success(let (message, created)):
            if wantsJSON {
                let dto = try await MessageDTO.list([message], pages: true, speakingTo: user, now: req.application.clock.now(), on: req.db)[0]
                return try await dto.encodeResponse(status: created ? .created : .ok, for: req)
            }
            let back = ChatForm.safeBack(try? req.content.get(String.self, at: "back"), fallback: "/messages/\(access.id.uuidString)")
            return req.redirect(to: back + "#message-\(message.seq)")
        case .failure(let problem):
            if wantsJSON { throw APIError(status: problem.status, code: problem.status == .conflict ? "blocked" : "not_sent", message: problem.message) }
            return try await render(req, access: access, user: user, before: nil, draft: problem.draft, problem: problem.message, status: problem.status)
        }
    }

    func file(req: Request) async throws -> Response {
        AttachmentResponse.make(try await MessagingStore.attachment(req.parameters.get("attachmentID", as: UUID.self), for: try req.member(), on: req.db))
    }

    func block(req: Request) async throws -> Response {
        let other = req.parameters.get("memberID", as: UUID.self)
        try await MessagingStore.block(other, by: try req.member(), now: req.application.clock.now(), on: req.db)
        let name = try await MessagingStore.displayNames([other].compactMap { $0 }, on: req.db).values.first ?? "The member"
        req.flash("\(name) is blocked: neither of you can write to the other directly. Orders you share still have their conversation. You can unblock them from your blocked list.")
        return req.redirect(to: ChatForm.safeBack(try? req.content.get(String.self, at: "back"), fallback: "/messages/blocked"))
    }

    func unblock(req: Request) async throws -> Response {
        try await MessagingStore.unblock(req.parameters.get("memberID", as: UUID.self), by: try req.member(), on: req.db)
        req.flash("Unblocked.")
        return req.redirect(to: ChatForm.safeBack(try? req.content.get(String.self, at: "back"), fallback: "/messages/blocked"))
    }

    func blocked(req: Request) async throws -> Response {
        struct Row: Encodable { var memberId: String; var name: String; var since: Date }
        struct Blocked: Encodable { var rows: [Row] }
        let rows = try await MessagingStore.blocked(by: try req.member(), on: req.db)
            .map { Row(memberId: $0.0.blockedID.uuidString, name: $0.1, since: $0.0.createdAt) }
        return try await req.render("messages/blocked", title: "Blocked members", Blocked(rows: rows), form: true)
    }
}
