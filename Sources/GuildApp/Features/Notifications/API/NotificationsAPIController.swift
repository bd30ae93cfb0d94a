// GET /api/v1/notifications (the member's centre, newest first), the unread count, marking read, and the member's
// settings per kind. Another member's notification is a 404.
import Vapor
import Fluent
import GuildCore

struct NotificationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberAPI()).grouped("notifications")
        r.get(use: list)
        r.get("unread-count", use: unreadCount)
        r.post("read-all", use: markAll)
        r.post(":notificationID", "read", use: markOne)
        r.get("settings", use: settings)
        r.patch("settings", use: changeSettings)
    }

    func list(req: Request) async throws -> [NotificationDTO] {
        var limit = 50
        var problems: [ValidationError] = []
        if let raw = req.query[String.self, at: "limit"] {
            if let n = Int(raw), (1...200).contains(n) { limit = n } else {
                problems.append(.init(field: "limit", reason: "must be a whole number from 1 to 200"))
            }
        }
        var unreadOnly = false
        if let raw = req.query[String.self, at: "unread"] {
            switch raw {
            case "true": unreadOnly = true
            case "false": unreadOnly = false
            default: problems.append(.init(field: "unread", reason: "must be true or false"))
            }
        }
        if !problems.isEmpty { throw ValidationErrors(problems) }
        return try await Notifications.recent(for: req.memberID(), limit: limit, unreadOnly: unreadOnly, on: req.db).map(NotificationDTO.init)
    }

    func unreadCount(req: Request) async throws -> UnreadCountDTO {
        UnreadCountDTO(count: try await Notifications.unreadCount(for: req.memberID(), on: req.db))
    }

    func markOne(req: Request) async throws -> NotificationDTO {
        try NotificationDTO(try await Notifications.markRead(req.parameters.get("notificationID", as: UUID.self), for: req.memberID(),
                                                             now: req.application.clock.now(), on: req.db))
    }

    func markAll(req: Request) async throws -> MarkedDTO {
        MarkedDTO(marked: try await Notifications.markAllRead(for: req.memberID(), now: req.application.clock.now(), on: req.db))
    }

    func settings(req: Request) async throws -> SettingsDTO {
        try await Self.settings(for: req.memberID(), on: req.db)
    }

    func changeSettings(req: Request) async throws -> SettingsDTO {
        let memberID = try req.memberID()
        let patch = try req.content.decode(SettingsPatch.self)
        guard let items = patch.settings, !items.isEmpty else {
            throw ValidationErrors([.init(field: "settings", reason: "is required: a list of {kind, inApp, email}")])
        }
        let current = Dictionary(try await Notifications.preferences(for: memberID, on: req.db).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        var choices: [(NotificationKind, NotificationPreference)] = []
        var problems: [ValidationError] = []
        for (i, item) in items.enumerated() {
            guard let raw = item.kind, let kind = NotificationKind(rawValue: raw), kind.setting == kind else {
                problems.append(.init(field: "settings[\(i)].kind", reason: "must be one of \(NotificationKind.settable.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            if item.inApp == false, !kind.inAppOptional {
                problems.append(.init(field: "settings[\(i)].inApp", reason: "cannot be false for \(kind.rawValue): it asks for an action with a deadline or concerns money (its email can be turned off)"))
                continue
            }
            var p = current[kind] ?? .standard(for: kind)
            if let inApp = item.inApp { p.inApp = inApp }
            if let email = item.email { p.email = email }
            choices.append((kind, p))
        }
        if !problems.isEmpty { throw ValidationErrors(problems) }
        try await Notifications.choose(choices, for: memberID, now: req.application.clock.now(), on: req.db)
        return try await Self.settings(for: memberID, on: req.db)
    }

    static func settings(for memberID: UUID, on db: any Database) async throws -> SettingsDTO {
        SettingsDTO(settings: try await Notifications.preferences(for: memberID, on: db).map { kind, p in
            SettingDTO(kind: kind.rawValue, label: kind.label, inApp: p.inApp, email: p.email, inAppOptional: kind.inAppOptional)
        })
    }
}
