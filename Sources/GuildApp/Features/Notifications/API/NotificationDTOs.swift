// What the notifications API sends and takes.
import Vapor
import GuildCore

extension NotificationsAPIController {
    /// One notification. `id`, `kind`, `text`, `orderId` and `createdAt` are as they were before the centre existed
    /// (`orderId` is now absent for notifications about something else than an order).
    struct NotificationDTO: Content {
        var id: UUID
        var kind: String
        var subject: String
        var text: String
        /// The page it is about, a path on this instance.
        var link: String
        var orderId: UUID?
        var read: Bool
        var readAt: Date?
        var createdAt: Date

        init(_ r: NotificationRecord) throws {
            (id, kind, subject, text, link, orderId, read, readAt, createdAt) =
                (try r.requireID(), r.kind, r.subject, r.text, r.link, r.orderID, r.readAt != nil, r.readAt, r.createdAt)
        }
    }

    struct UnreadCountDTO: Content { var count: Int }
    struct MarkedDTO: Content { var marked: Int }

    struct SettingDTO: Content {
        var kind: String
        var label: String
        var inApp: Bool
        var email: Bool
        /// False for kinds that always appear in the centre.
        var inAppOptional: Bool
    }

    struct SettingsDTO: Content { var settings: [SettingDTO] }

    struct SettingsPatch: Content {
        struct Item: Content { var kind: String?; var inApp: Bool?; var email: Bool? }
        var settings: [Item]?
    }
}
