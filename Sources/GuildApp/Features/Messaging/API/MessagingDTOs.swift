// What the messaging API sends and takes.
import Vapor
import Fluent
import GuildCore

struct AttachmentDTO: Content {
    var id: UUID
    var fileName: String
    var kind: String
    var contentType: String
    var sizeBytes: Int
    var sha256: String
    /// Where to fetch it: the API path (bearer token) or the page path (session), by who asks.
    var url: String

    init(_ a: MessageAttachmentRecord, pages: Bool) {
        id = a.id!
        fileName = a.fileName
        kind = a.kind
        contentType = a.attachmentKind.contentType
        sizeBytes = a.sizeBytes
        sha256 = a.sha256
        url = (pages ? "/files/" : "/api/v1/attachments/") + a.id!.uuidString
    }
}

struct MessageDTO: Content {
    var id: UUID
    var conversationId: UUID
    var seq: Int
    var senderId: UUID
    var senderName: String
    var text: String
    var createdAt: Date
    var attachments: [AttachmentDTO]
    /// For a member's open page: when, as that member says it ("today at 14:05").
    var when: String?

    static func list(_ messages: [MessageRecord], pages: Bool, speakingTo viewer: User? = nil, now: Date = Date(),
                     on db: any Database) async throws -> [MessageDTO] {
        let zone = SpokenDate.timeZone(viewer?.timezone)
        let names = try await MessagingStore.displayNames(messages.map(\.senderID), on: db)
        let files = try await MessagingStore.attachments(of: messages.compactMap(\.id), on: db)
        return messages.map { m in
            MessageDTO(id: m.id!, conversationId: m.conversationID, seq: m.seq, senderId: m.senderID,
                       senderName: names[m.senderID] ?? "A former member", text: m.text, createdAt: m.createdAt,
                       attachments: (files[m.id!] ?? []).map { AttachmentDTO($0, pages: pages) },
                       when: viewer.map { _ in SpokenDate.moment(m.createdAt, now: now, in: zone) })
        }
    }
}

struct ConversationDTO: Content {
    struct Member: Content { var id: UUID; var displayName: String; var role: String }
    var id: UUID
    var kind: String
    var subject: String
    var link: String?
    var orderId: UUID?
    var interviewId: UUID?
    var members: [Member]
    var lastSeq: Int
    var lastMessageAt: Date?
    var unread: Int
    var lastMessage: MessageDTO?

    /// The member's conversations, newest activity first, with unread counts and the last message of each.
    static func list(for user: User, only: [UUID]? = nil, pages: Bool, on db: any Database) async throws -> [ConversationDTO] {
        let userID = try user.requireID()
        let memberships = try await ConversationMemberRecord.query(on: db).filter(\.$memberID == userID).all()
        // `only`: conversations the caller already checked access to (one conversation's detail, an arbiter's view).
        let ids = only ?? memberships.map(\.conversationID)
        guard !ids.isEmpty else { return [] }
        let conversations = try await ConversationRecord.query(on: db).filter(\.$id ~~ ids).all()
            .sorted { ($0.lastMessageAt ?? $0.createdAt) > ($1.lastMessageAt ?? $1.createdAt) }
        let everyone = try await ConversationMemberRecord.query(on: db).filter(\.$conversationID ~~ ids).all()
        let names = try await MessagingStore.displayNames(everyone.map(\.memberID), on: db)
        let subjects = try await MessagingStore.subjects(conversations, viewer: userID, on: db)
        let readUpTo = Dictionary(memberships.map { ($0.conversationID, $0.lastReadSeq) }, uniquingKeysWith: max)
        // The last message of each, in one query.
        var lastMessages: [UUID: MessageRecord] = [:]
        let pairs = conversations.filter { $0.lastSeq > 0 }
        if !pairs.isEmpty {
            let candidates = try await MessageRecord.query(on: db).filter(\.$conversationID ~~ pairs.map { $0.id! })
                .group(.or) { g in for c in pairs { g.group(.and) { $0.filter(\.$conversationID == c.id!).filter(\.$seq == c.lastSeq) } } }
                .all()
            for m in candidates { lastMessages[m.conversationID] = m }
        }
        let lastDTOs = try await MessageDTO.list(Array(lastMessages.values), pages: pages, on: db)
        let lastByConversation = Dictionary(uniqueKeysWithValues: lastDTOs.map { ($0.conversationId, $0) })
        return conversations.map { c in
            let id = c.id!
            let members = everyone.filter { $0.conversationID == id }.map {
                Member(id: $0.memberID, displayName: names[$0.memberID] ?? "A former member", role: $0.role)
            }
            // An arbiter who has not written yet reads it without being a member: nothing counts as unread for them.
            let unread = readUpTo[id].map { max(0, c.lastSeq - $0) } ?? 0
            return ConversationDTO(id: id, kind: c.kind, subject: subjects[id]?.text ?? "", link: subjects[id]?.link, orderId: c.orderID,
                                   interviewId: c.interviewID, members: members, lastSeq: c.lastSeq, lastMessageAt: c.lastMessageAt,
                                   unread: unread, lastMessage: lastByConversation[id])
        }
    }
}

struct StartConversationRequest: Content { var memberId: UUID? }
struct CreatedConversation: Content { var id: UUID }

struct SendMessageRequest: Content {
    struct File: Content { var fileName: String?; var contentBase64: String? }
    var text: String?
    var attachments: [File]?
    var clientKey: String?
}

struct ReadRequest: Content { var seq: Int? }
struct ReadResponse: Content { var lastReadSeq: Int; var unreadTotal: Int }
struct UnreadDTO: Content { var messages: Int }

struct BlockDTO: Content { var memberId: UUID; var displayName: String; var blockedAt: Date }

struct ReportRequest: Content {
    var memberId: UUID?
    var conversationId: UUID?
    var messageId: UUID?
    var reason: String?
    var details: String?
}

struct ReportDTO: Content {
    var id: UUID
    var reporterId: UUID
    var reportedId: UUID
    var reportedName: String
    var conversationId: UUID?
    var messageId: UUID?
    var reason: String
    var reasonLabel: String
    var details: String
    var createdAt: Date
    var state: String
    var stateLabel: String
    var decisionNote: String?
    var decidedAt: Date?

    init(_ r: MemberReportRecord, reportedName: String) {
        id = r.id!
        reporterId = r.reporterID
        reportedId = r.reportedID
        self.reportedName = reportedName
        conversationId = r.conversationID
        messageId = r.messageID
        reason = r.reason
        reasonLabel = r.reportReason.label
        details = r.details
        createdAt = r.createdAt
        state = r.state
        stateLabel = r.reportState.label
        decisionNote = r.decisionNote
        decidedAt = r.decidedAt
    }
}

struct ReportDecisionRequest: Content { var state: String?; var reason: String? }
