// A dispute on an order: who opened it, the answer, and how the escrowed money was divided.
import Vapor
import Fluent
import GuildCore

final class DisputeRecord: Model, @unchecked Sendable {
    static let schema = "order_disputes"

    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    @Field(key: "opened_by") var openedBy: String
    @Field(key: "opened_by_id") var openedByID: UUID
    @Field(key: "reason") var reason: String
    @Field(key: "opened_at") var openedAt: Date
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    /// open or resolved.
    @Field(key: "state") var state: String
    @OptionalField(key: "seller_cents") var sellerCents: Int64?
    @OptionalField(key: "buyer_cents") var buyerCents: Int64?
    @OptionalField(key: "outcome_reason") var outcomeReason: String?
    @OptionalField(key: "resolved_by_id") var resolvedByID: UUID?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}
}

extension DisputeRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _orderID, _openedBy, _openedByID, _reason, _openedAt, _answer, _answeredAt, _state, _sellerCents, _buyerCents, _outcomeReason, _resolvedByID, _resolvedAt] }
}

extension DisputeRecord {
    /// The stored state as the core's enum; a row written by hand with an unknown state reads as still open.
    var disputeState: DisputeState { DisputeState(rawValue: state) ?? .open }
}
