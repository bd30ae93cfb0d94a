// The notification centre: what each workflow's events and the reminder timers tell a member (written in the event's
// own transaction, once per event), read state, per-member settings per kind, and the outbox of rendered emails that
// `guild outbox deliver` writes out as .eml files.
import Vapor
import Fluent
import GuildCore

struct NotificationsFeature: Feature {
    var migrations: [any Migration] {
        [CreateNotifications(), CreateNotificationSettings(), CreateNotificationOutbox(), CopyOrderNotifications()]
    }

    var models: [any Model.Type] { [NotificationRecord.self, NotificationSettingRecord.self, OutboxEmailRecord.self] }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: NotificationsAPIController())
        for page: any RouteCollection in [NotificationsPage(), NotificationSettingsPage()] {
            try pages.register(collection: page)
        }
    }

    func boot(_ app: Application) throws {
        NotificationLinks.base = app.guild.publicBaseURL
        app.asyncCommands.use(OutboxCommand(), as: "outbox")
    }

    func runTimers(_ app: Application) async throws -> [(String, Int)] {
        let s = try await NotificationReminders.runDue(app: app)
        return [("dispute answers reminded", s.disputeAnswers), ("dispute decisions reminded", s.disputeDecisions), ("thank-yous reminded", s.thankYous)]
    }

    /// The member's notifications (and the emails sent for them) and their settings.
    func export(_ context: ExportContext) async throws -> [ExportFile] {
        let notes = try await NotificationRecord.query(on: context.db).filter(\.$memberID == context.memberID).sort(\.$createdAt).all()
        let emails = try await OutboxEmailRecord.query(on: context.db).filter(\.$memberID == context.memberID).sort(\.$createdAt).all()
        struct EmailDTO: Encodable { var id: UUID; var notificationId: UUID; var to: String; var subject: String; var body: String; var state: String; var createdAt: Date; var sentAt: Date? }
        return try ExportFile.records("notifications/notifications", "Everything Guild told you in the notification centre, read or not",
                                      notes.map(NotificationsAPIController.NotificationDTO.init))
            + (try ExportFile.records("notifications/emails", "The emails Guild rendered for you from those notifications",
                                      emails.map { EmailDTO(id: $0.id!, notificationId: $0.notificationID, to: $0.toAddress, subject: $0.subject, body: $0.body,
                                                            state: $0.state, createdAt: $0.createdAt, sentAt: $0.sentAt) }))
            + (try ExportFile.records("notifications/settings", "Your notification settings per kind",
                                      (try await NotificationsAPIController.settings(for: context.memberID, on: context.db)).settings))
    }
}
