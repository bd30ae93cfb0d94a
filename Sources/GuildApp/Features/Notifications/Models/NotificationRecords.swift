// The notification centre's tables: what Guild told each member, each member's choices per kind, and the outbox of
// rendered emails an operator delivers.
import Vapor
import Fluent
import GuildCore

/// One notification to one member. `dedupe_key` is unique: the same event (a retried request, a timer run twice, two
/// instances) never posts twice.
final class NotificationRecord: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "subject") var subject: String
    @Field(key: "text") var text: String
    /// The page it is about, a path on this instance ("/orders/…").
    @Field(key: "link") var link: String
    /// The order it is about, if any (the API's `orderId`).
    @OptionalField(key: "order_id") var orderID: UUID?
    @Field(key: "dedupe_key") var dedupeKey: String
    /// False when the member turned this kind off in the centre (the row still keeps the event from posting twice).
    @Field(key: "in_app") var inApp: Bool
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    var notificationKind: NotificationKind? { NotificationKind(rawValue: kind) }
}

extension NotificationRecord {
    var properties: [any AnyProperty] { [_id, _memberID, _kind, _subject, _text, _link, _orderID, _dedupeKey, _inApp, _createdAt, _readAt] }
    static let insertColumns = ["id", "member_id", "kind", "subject", "text", "link", "order_id", "dedupe_key", "in_app", "created_at", "read_at"]
}

/// A member's choice for one kind; a kind without a row follows `NotificationPreference.standard`.
final class NotificationSettingRecord: Model, @unchecked Sendable {
    static let schema = "notification_settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "in_app") var inApp: Bool
    @Field(key: "email") var email: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

extension NotificationSettingRecord {
    var properties: [any AnyProperty] { [_id, _memberID, _kind, _inApp, _email, _updatedAt] }
}

/// One rendered email waiting for (or done with) delivery: `guild outbox deliver` writes it as an .eml file.
final class OutboxEmailRecord: Model, @unchecked Sendable {
    static let schema = "notification_outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "notification_id") var notificationID: UUID
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "to_address") var toAddress: String
    @Field(key: "to_name") var toName: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    /// pending or sent.
    @Field(key: "state") var state: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}

extension OutboxEmailRecord {
    var properties: [any AnyProperty] { [_id, _notificationID, _memberID, _toAddress, _toName, _subject, _body, _state, _createdAt, _sentAt] }
    static let insertColumns = ["id", "notification_id", "member_id", "to_address", "to_name", "subject", "body", "state", "created_at", "sent_at"]

    enum State: String { case pending, sent }
}
