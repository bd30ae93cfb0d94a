// A message Guild leaves a member about an order (e.g. "this delivery will be accepted in 24 hours").
import Vapor
import Fluent

final class OrderNotificationRecord: Model, @unchecked Sendable {
    static let schema = "order_notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "order_id") var orderID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension OrderNotificationRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _memberID, _orderID, _kind, _text, _createdAt] }
}

extension OrderNotificationRecord {
    /// Every column, in the order the timers' plain insert gives its values.
    static let insertColumns = ["id", "member_id", "order_id", "kind", "text", "created_at"]
}
