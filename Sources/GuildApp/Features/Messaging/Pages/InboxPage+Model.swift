// What /messages shows for each conversation.
import Vapor
import GuildCore

extension InboxPage {
    struct Model: Encodable {
        struct Row: Encodable {
            var id: String
            var subject: String
            var with: String
            var unread: Int
            var lastLine: String?
            var lastAt: Date?

            init(_ c: ConversationDTO, viewer: User) {
                id = c.id.uuidString
                subject = c.subject
                with = c.members.filter { $0.id != viewer.id }.map(\.displayName).joined(separator: ", ")
                unread = c.unread
                if let m = c.lastMessage {
                    let who = m.senderId == viewer.id ? "You" : m.senderName
                    let text = m.text.isEmpty ? "sent \(m.attachments.count == 1 ? "a file" : "\(m.attachments.count) files")" : m.text
                    lastLine = who + ": " + (text.count > 140 ? String(text.prefix(140)) + "…" : text)
                }
                lastAt = c.lastMessageAt
            }
        }
        @EmptyAsNull var rows: [Row]
    }
}
