// /notifications/settings: which notifications a member sees in the centre and gets by email, kind by kind.
import Vapor
import Fluent
import GuildCore

struct NotificationSettingsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("notifications", "settings", use: show)
        member.post("notifications", "settings", use: save)
    }

    func show(req: Request) async throws -> Response {
        let prefs = try await Notifications.preferences(for: req.memberID(), on: req.db)
        return try await req.render("notifications/settings", title: "Notification settings", Model(preferences: prefs, email: try req.member().email), form: true)
    }

    /// A checkbox form: each kind's `email-<kind>` and, where it may be hidden, `app-<kind>`; an unchecked box is absent.
    func save(req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let choices = NotificationKind.settable.map { kind in
            (kind, NotificationPreference(inApp: kind.inAppOptional ? fields["app-\(kind.rawValue)"] == "on" : true,
                                          email: fields["email-\(kind.rawValue)"] == "on"))
        }
        try await Notifications.choose(choices, for: req.memberID(), now: req.application.clock.now(), on: req.db)
        req.flash("Notification settings saved.")
        return req.redirect(to: "/notifications/settings")
    }
}
