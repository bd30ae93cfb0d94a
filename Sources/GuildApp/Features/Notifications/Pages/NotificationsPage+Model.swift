// What the notification centre shows: each notification's subject, text and page, when (spoken by `#when`), read or not.
import Foundation
import GuildCore

extension NotificationsPage {
    struct Row: Encodable {
        var id: String
        var subject: String
        var text: String
        var link: String
        var createdAt: Date
        var unread: Bool
        /// What it is about, in words ("A seller delivers your order…"), for the settings link's context.
        var about: String
    }

    struct Model: Encodable {
        static let shown = 100
        var rows: [Row]
        var unread: Int
        var shownLimit = Model.shown

        init(notifications: [NotificationRecord]) {
            rows = notifications.map { n in
                Row(id: n.id?.uuidString ?? "", subject: n.subject, text: n.text, link: n.link, createdAt: n.createdAt, unread: n.readAt == nil,
                    about: n.notificationKind?.label ?? "")
            }
            unread = rows.filter(\.unread).count
        }
    }
}
