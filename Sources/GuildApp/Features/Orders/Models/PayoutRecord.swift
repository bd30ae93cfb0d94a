// A member's withdrawal as stored: the core's `Payout` in a row.
import Vapor
import Fluent
import GuildCore

final class PayoutRecord: Model, @unchecked Sendable {
    static let schema = "ledger_payouts"

    @ID(key: .id) var id: UUID?
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "amount_cents") var amountCents: Int64
    @Field(key: "provider") var provider: String
    @Field(key: "state") var state: String
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "settled_at") var settledAt: Date?

    init() {}

    init(_ p: Payout) {
        id = p.id; memberID = p.member; amountCents = p.amountCents; provider = p.provider; requestedAt = p.requestedAt
        update(from: p)
    }

    func update(from p: Payout) { state = p.state.rawValue; settledAt = p.settledAt }

    var payout: Payout {
        Payout(id: id!, member: memberID, amountCents: amountCents, provider: provider, requestedAt: requestedAt,
               state: Payout.State(rawValue: state) ?? .requested, settledAt: settledAt)
    }
}

extension PayoutRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _memberID, _amountCents, _provider, _state, _requestedAt, _settledAt] }
}
