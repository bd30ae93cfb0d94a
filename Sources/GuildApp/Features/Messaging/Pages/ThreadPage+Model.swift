// What /messages/{id} shows: who the conversation is with, what it is about, the messages and the form.
import Vapor
import Fluent
import GuildCore

extension ThreadPage {
    struct Model: Encodable {
        var subject: String
        var link: String?
        var kindLabel: String
        var with: String
        /// The member to block or report (a direct conversation's other member; on an order, the other side).
        var otherId: String?
        var otherName: String?
        var iBlockedThem: Bool
        var chat: ChatPanel

        static func load(_ access: ConversationAccess, for user: User, before: Int?, draft: String, problem: String?, on req: Request) async throws -> Model {
            let userID = try user.requireID()
            let db = req.db
            let subject = try await MessagingStore.subjects([access.conversation], viewer: userID, on: db)[access.id]
            let members = try await ConversationMemberRecord.query(on: db).filter(\.$conversationID == access.id).all()
            let names = try await MessagingStore.displayNames(members.map(\.memberID), on: db)
            let others = members.filter { $0.memberID != userID }
            let withText = others.map { m in (names[m.memberID] ?? "A former member") + (m.role == ConversationRole.arbiter.rawValue ? " (arbiter)" : "") }
                .joined(separator: ", ")
            let other = others.first { $0.role == ConversationRole.participant.rawValue && access.role == .participant }
            var iBlocked = false
            if let o = other {
                iBlocked = try await MemberBlockRecord.query(on: db).filter(\.$blockerID == userID).filter(\.$blockedID == o.memberID).count() > 0
            }
            return Model(subject: subject?.text ?? "Conversation", link: subject?.link, kindLabel: access.conversation.conversationKind.label,
                         with: withText.isEmpty ? "Only you so far" : withText, otherId: other?.memberID.uuidString,
                         otherName: other.flatMap { names[$0.memberID] }, iBlockedThem: iBlocked,
                         chat: try await ChatPanel.load(access, for: user, before: before, back: "/messages/\(access.id.uuidString)",
                                                        draft: draft, problem: problem, on: req))
        }
    }
}
