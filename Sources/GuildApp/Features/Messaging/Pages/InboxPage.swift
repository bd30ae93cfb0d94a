// /messages: the member's conversations, newest first, with what each is about and how many are unread;
// POST /messages {memberId}: start (or return to) a direct conversation with a member, from their profile.
import Vapor
import Fluent
import GuildCore

struct InboxPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("messages", use: show)
        member.post("messages", use: start)
        member.post("orders", ":orderID", "messages", use: orderConversation)
        member.post("interviews", ":interviewID", "messages", use: interviewConversation)
    }

    func show(req: Request) async throws -> Response {
        let user = try req.member()
        let model = Model(rows: try await ConversationDTO.list(for: user, pages: true, on: req.db).map { Model.Row($0, viewer: user) })
        return try await req.render("messages/inbox", title: "Messages", model, form: true)
    }

    func start(req: Request) async throws -> Response {
        struct Form: Content { var memberId: String? }
        let raw = try req.content.decode(Form.self).memberId
        guard let id = raw.flatMap(UUID.init(uuidString:)) else { throw ValidationError(field: "memberId", reason: "is required: the member to write to") }
        do {
            let (c, _) = try await MessagingStore.direct(from: try req.member(), to: id, now: req.application.clock.now(), on: req.db)
            return req.redirect(to: "/messages/\(c.id!.uuidString)")
        } catch let e as ConflictError {
            req.flash(e.message)
            return req.redirect(to: "/users/\(id.uuidString)")
        } catch let e as APIError where e.status == .tooManyRequests {
            req.flash(e.message)
            return req.redirect(to: "/users/\(id.uuidString)")
        }
    }

    func orderConversation(req: Request) async throws -> Response {
        let c = try await MessagingStore.forOrder(req.parameters.get("orderID", as: UUID.self), user: try req.member(), now: req.application.clock.now(), on: req.db)
        return req.redirect(to: "/messages/\(c.id!.uuidString)")
    }

    func interviewConversation(req: Request) async throws -> Response {
        let c = try await MessagingStore.forInterview(req.parameters.get("interviewID", as: UUID.self), user: try req.member(),
                                                      now: req.application.clock.now(), on: req.db)
        return req.redirect(to: "/messages/\(c.id!.uuidString)")
    }
}
