// Conversations, their members, messages, attachments, blocks and reports. Rules live in GuildCore.Messaging.
import Vapor
import Fluent
import GuildCore

final class ConversationRecord: Model, @unchecked Sendable {
    static let schema = "conversations"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "order_id") var orderID: UUID?
    @OptionalField(key: "interview_id") var interviewID: UUID?
    @OptionalField(key: "direct_key") var directKey: String?
    @Field(key: "started_by_id") var startedByID: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_message_at") var lastMessageAt: Date?
    /// The sequence number of the newest message (0 before the first).
    @Field(key: "last_seq") var lastSeq: Int

    init() {}

    var conversationKind: ConversationKind { ConversationKind(rawValue: kind) ?? .direct }

    /// The key that makes one direct conversation per pair of members, whoever starts it.
    static func directKey(_ a: UUID, _ b: UUID) -> String {
        [a.uuidString.lowercased(), b.uuidString.lowercased()].sorted().joined(separator: ":")
    }
}

extension ConversationRecord {
    /// The fields, listed by hand (see `FieldListTests`).
    var properties: [any AnyProperty] { [_id, _kind, _orderID, _interviewID, _directKey, _startedByID, _createdAt, _lastMessageAt, _lastSeq] }
}

final class ConversationMemberRecord: Model, @unchecked Sendable {
    static let schema = "conversation_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "conversation_id") var conversationID: UUID
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "role") var role: String
    @Field(key: "joined_at") var joinedAt: Date
    /// Messages up to this sequence number are read.
    @Field(key: "last_read_seq") var lastReadSeq: Int

    init() {}

    init(conversationID: UUID, memberID: UUID, role: ConversationRole, joinedAt: Date) {
        self.conversationID = conversationID
        self.memberID = memberID
        self.role = role.rawValue
        self.joinedAt = joinedAt
        self.lastReadSeq = 0
    }
}

extension ConversationMemberRecord {
    var properties: [any AnyProperty] { [_id, _conversationID, _memberID, _role, _joinedAt, _lastReadSeq] }
}

final class MessageRecord: Model, @unchecked Sendable {
    static let schema = "messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "conversation_id") var conversationID: UUID
    @Field(key: "seq") var seq: Int
    @Field(key: "sender_id") var senderID: UUID
    @Field(key: "text") var text: String
    @OptionalField(key: "client_key") var clientKey: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension MessageRecord {
    var properties: [any AnyProperty] { [_id, _conversationID, _seq, _senderID, _text, _clientKey, _createdAt] }
}

final class MessageAttachmentRecord: Model, @unchecked Sendable {
    static let schema = "message_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "message_id") var messageID: UUID
    @Field(key: "conversation_id") var conversationID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "file_name") var fileName: String
    /// `AttachmentKind`, read from the file's bytes.
    @Field(key: "kind") var kind: String
    @Field(key: "size_bytes") var sizeBytes: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data

    init() {}

    var attachmentKind: AttachmentKind { AttachmentKind(rawValue: kind) ?? .text }
}

extension MessageAttachmentRecord {
    var properties: [any AnyProperty] { [_id, _messageID, _conversationID, _position, _fileName, _kind, _sizeBytes, _sha256, _data] }
}

final class MemberBlockRecord: Model, @unchecked Sendable {
    static let schema = "member_blocks"

    @ID(key: .id) var id: UUID?
    @Field(key: "blocker_id") var blockerID: UUID
    @Field(key: "blocked_id") var blockedID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension MemberBlockRecord {
    var properties: [any AnyProperty] { [_id, _blockerID, _blockedID, _createdAt] }
}

final class MemberReportRecord: Model, @unchecked Sendable {
    static let schema = "member_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "reporter_id") var reporterID: UUID
    @Field(key: "reported_id") var reportedID: UUID
    @OptionalField(key: "conversation_id") var conversationID: UUID?
    @OptionalField(key: "message_id") var messageID: UUID?
    @Field(key: "reason") var reason: String
    @Field(key: "details") var details: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "state") var state: String
    @OptionalField(key: "decision_note") var decisionNote: String?
    @OptionalField(key: "decided_by_id") var decidedByID: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    var reportReason: ReportReason { ReportReason(rawValue: reason) ?? .other }
    var reportState: ReportState { ReportState(rawValue: state) ?? .open }
}

extension MemberReportRecord {
    var properties: [any AnyProperty] {
        [_id, _reporterID, _reportedID, _conversationID, _messageID, _reason, _details, _createdAt, _state, _decisionNote, _decidedByID, _decidedAt]
    }
}
