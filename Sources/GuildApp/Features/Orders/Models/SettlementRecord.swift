// A proposed settlement on an order: who proposed which split of the escrow, and how the other side answered.
import Vapor
import Fluent
import SQLKit
import GuildCore

final class SettlementRecord: Model, @unchecked Sendable {
    static let schema = "order_settlements"

    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    /// buyer or seller.
    @Field(key: "proposed_by") var proposedBy: String
    @Field(key: "proposed_by_id") var proposedByID: UUID
    @Field(key: "seller_cents") var sellerCents: Int64
    @Field(key: "buyer_cents") var buyerCents: Int64
    /// What was in escrow when it was proposed: the two parts add up to it.
    @Field(key: "escrowed_cents") var escrowedCents: Int64
    /// `SettlementState`: open, accepted, declined, withdrawn, replaced or lapsed.
    @Field(key: "state") var state: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "answered_by_id") var answeredByID: UUID?
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}
}

extension SettlementRecord {
    /// The fields, listed by hand (see `FieldListTests`).
    var properties: [any AnyProperty] { [_id, _orderID, _proposedBy, _proposedByID, _sellerCents, _buyerCents, _escrowedCents, _state, _createdAt, _answeredByID, _answeredAt] }

    var settlementState: SettlementState { SettlementState(rawValue: state) ?? .lapsed }
    var proposer: OrderActor { OrderActor(rawValue: proposedBy) ?? .buyer }

    var facts: SettlementFacts {
        SettlementFacts(state: settlementState, proposedBy: proposer, sellerCents: sellerCents, buyerCents: buyerCents)
    }

    /// Marks the order's open proposal (there is at most one) as `state`. Inside the step's transaction.
    static func closeOpen(orderID: UUID, as state: SettlementState, at now: Date, on tx: any Database) async throws {
        try await tx.sql.raw("""
            UPDATE order_settlements SET state = \(bind: state.rawValue), answered_at = \(bind: now)
            WHERE order_id = \(bind: orderID) AND state = \(bind: SettlementState.open.rawValue)
            """).run()
    }

    /// The order ended another way: an open proposal can no longer be accepted.
    static func lapseOpen(orderID: UUID, at now: Date, on tx: any Database) async throws {
        try await closeOpen(orderID: orderID, as: .lapsed, at: now, on: tx)
    }
}
