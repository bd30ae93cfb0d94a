// An escrow hold as stored: the core's `EscrowHold` in a row.
import Vapor
import Fluent
import GuildCore

final class HoldRecord: Model, @unchecked Sendable {
    static let schema = "ledger_holds"

    @ID(key: .id) var id: UUID?
    @Field(key: "buyer_id") var buyerID: UUID
    @Field(key: "seller_id") var sellerID: UUID
    @Field(key: "amount_cents") var amountCents: Int64
    @Field(key: "fee_basis_points") var feeBasisPoints: Int
    @OptionalField(key: "order_id") var orderID: UUID?
    @Field(key: "state") var state: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "seller_cents") var sellerCents: Int64?
    @OptionalField(key: "fee_cents") var feeCents: Int64?
    @OptionalField(key: "seller_net_cents") var sellerNetCents: Int64?
    @OptionalField(key: "buyer_cents") var buyerCents: Int64?

    init() {}

    init(_ hold: EscrowHold) {
        id = hold.id
        buyerID = hold.buyer; sellerID = hold.seller; amountCents = hold.amountCents
        feeBasisPoints = hold.feeBasisPoints; orderID = hold.orderID; createdAt = hold.createdAt
        update(from: hold)
    }

    func update(from hold: EscrowHold) {
        state = hold.state.rawValue
        resolvedAt = hold.resolvedAt
        sellerCents = hold.outcome?.sellerCents
        feeCents = hold.outcome?.feeCents
        sellerNetCents = hold.outcome?.sellerNetCents
        buyerCents = hold.outcome?.buyerCents
    }

    var hold: EscrowHold {
        let outcome = sellerCents.map { s in
            SplitQuote(sellerCents: s, feeCents: feeCents ?? 0, sellerNetCents: sellerNetCents ?? 0, buyerCents: buyerCents ?? 0)
        }
        return EscrowHold(id: id!, buyer: buyerID, seller: sellerID, amountCents: amountCents, feeBasisPoints: feeBasisPoints,
                          orderID: orderID, createdAt: createdAt, state: EscrowHold.State(rawValue: state) ?? .open,
                          resolvedAt: resolvedAt, outcome: outcome)
    }
}

extension HoldRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _buyerID, _sellerID, _amountCents, _feeBasisPoints, _orderID, _state, _createdAt, _resolvedAt, _sellerCents, _feeCents, _sellerNetCents, _buyerCents] }
}
