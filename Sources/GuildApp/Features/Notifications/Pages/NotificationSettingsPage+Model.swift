// The settings page's rows: each kind in words, whether it shows in the centre (fixed for those that need action) and by email.
import Foundation
import GuildCore

extension NotificationSettingsPage {
    struct Row: Encodable {
        var kind: String
        var label: String
        var inApp: Bool
        var inAppOptional: Bool
        var email: Bool
    }

    struct Model: Encodable {
        var rows: [Row]
        var email: String

        init(preferences: [(NotificationKind, NotificationPreference)], email: String) {
            rows = preferences.map { kind, p in
                Row(kind: kind.rawValue, label: kind.label, inApp: p.inApp, inAppOptional: kind.inAppOptional, email: p.email)
            }
            self.email = email
        }
    }
}
