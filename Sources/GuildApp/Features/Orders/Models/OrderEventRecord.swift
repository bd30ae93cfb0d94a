// One step in an order's history: the audit log of who did what, when.
import Vapor
import Fluent

final class OrderEventRecord: Model, @unchecked Sendable {
    static let schema = "order_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    @Field(key: "event") var event: String
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    /// buyer, seller, arbiter or system.
    @Field(key: "actor") var actor: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
    // Rows are written by `OrderEventRecord.append` (Models/RecordWrites.swift), one plain statement each.
}

extension OrderEventRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _orderID, _event, _fromState, _toState, _actor, _actorID, _note, _createdAt] }
}
