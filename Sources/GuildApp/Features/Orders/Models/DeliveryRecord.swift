// What the seller handed over: a message and optional links.
import Vapor
import Fluent

final class DeliveryRecord: Model, @unchecked Sendable {
    static let schema = "order_deliveries"

    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    @OptionalField(key: "milestone_id") var milestoneID: UUID?
    @Field(key: "message") var message: String
    @Field(key: "links") var links: [String]
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension DeliveryRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _orderID, _milestoneID, _message, _links, _createdAt] }
}
