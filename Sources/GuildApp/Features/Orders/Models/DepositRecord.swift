// A bank transfer a buyer announced for an order under the manual provider, waiting for an admin to confirm it.
import Vapor
import Fluent
import GuildCore

final class DepositRecord: Model, @unchecked Sendable {
    static let schema = "ledger_deposits"

    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    @Field(key: "buyer_id") var buyerID: UUID
    @Field(key: "amount_cents") var amountCents: Int64
    /// pending, confirmed or void (the order ended before the money arrived).
    @Field(key: "state") var state: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    /// The milestone (position from 0) this transfer pays for, on a custom order; nil for a whole package order.
    @OptionalField(key: "milestone_position") var milestonePosition: Int?

    init() {}

    /// A transfer the buyer announced and an admin has yet to confirm.
    init(pendingFor orderID: UUID, buyer: UUID, amountCents: Int64, milestone: Int?, at now: Date) {
        id = UUID()
        self.orderID = orderID
        buyerID = buyer
        self.amountCents = amountCents
        milestonePosition = milestone
        state = DepositState.pending.rawValue
        createdAt = now
    }
}

extension DepositRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _orderID, _buyerID, _amountCents, _state, _createdAt, _confirmedAt, _milestonePosition] }
}

