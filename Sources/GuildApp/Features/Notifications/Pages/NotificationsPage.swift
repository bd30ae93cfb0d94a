// /notifications: the member's notification centre, newest first, unread ones marked; mark one or all read.
import Vapor
import Fluent
import GuildCore

struct NotificationsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("notifications", use: show)
        member.post("notifications", "read-all", use: markAll)
        member.post("notifications", ":notificationID", "read", use: markOne)
    }

    func show(req: Request) async throws -> Response {
        let memberID = try req.memberID()
        let notes = try await Notifications.recent(for: memberID, limit: Model.shown, on: req.db)
        return try await req.render("notifications/list", title: "Notifications", Model(notifications: notes), form: true)
    }

    func markOne(req: Request) async throws -> Response {
        let note = try await Notifications.markRead(req.parameters.get("notificationID", as: UUID.self), for: req.memberID(),
                                                    now: req.application.clock.now(), on: req.db)
        struct Form: Content { var open: String? }
        // "Open" marks it read and goes to its page; "Mark read" stays on the list.
        if (try? req.content.decode(Form.self))?.open == "1" { return req.redirect(to: note.link) }
        return req.redirect(to: "/notifications")
    }

    func markAll(req: Request) async throws -> Response {
        let marked = try await Notifications.markAllRead(for: req.memberID(), now: req.application.clock.now(), on: req.db)
        req.flash(marked == 1 ? "Marked one notification read." : "Marked \(marked) notifications read.")
        return req.redirect(to: "/notifications")
    }
}
