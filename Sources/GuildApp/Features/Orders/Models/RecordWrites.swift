// The writes every order step makes, as plain statements (see Database/PlainSQL.swift for why).
import Vapor
import Fluent
import SQLKit
import GuildCore

// Each plain statement names its columns in one constant next to its write; `PlainSQLColumnTests` checks every list
// against its model's fields, so a field added to a model cannot be left out of the statement that writes it.

extension OrderRecord {
    /// What a step may change on the order (state, timers, revisions, cancellation, hold), as `writeProgress` writes it.
    var progressColumns: KeyValuePairs<String, PlainSQL.Value> {
        [
            "state": state, "state_entered_at": stateEnteredAt, "revisions_used": revisionsUsed,
            "cancellation_proposed_by": cancellationProposedBy, "cancellation_kind": cancellationKind, "hold_id": holdID,
            "funded_at": fundedAt, "delivered_at": deliveredAt, "due_at": dueAt, "completed_at": completedAt,
            "reminded_at": remindedAt, "updated_at": updatedAt,
        ]
    }

    /// What no step changes once the order exists: every other field is in `progressColumns`.
    static let fixedColumns: Set<String> = [
        "id", "buyer_id", "seller_id", "gig_id", "kind", "title", "package_name", "price_cents", "delivery_days",
        "revisions_allowed", "fee_basis_points", "created_at", "estimated_hours",
    ]

    /// Stores everything a step may change on the order.
    func writeProgress(on db: any Database) async throws {
        try await PlainSQL.update(Self.schema, set: progressColumns, id: try requireID(), on: db)
    }
}

extension OrderRecord {
    static let insertColumns = [
        "id", "buyer_id", "seller_id", "gig_id", "kind", "title", "package_name", "price_cents", "delivery_days",
        "revisions_allowed", "fee_basis_points", "state", "state_entered_at", "revisions_used", "cancellation_proposed_by",
        "cancellation_kind", "hold_id", "funded_at", "delivered_at", "due_at", "completed_at", "reminded_at", "created_at",
        "updated_at", "estimated_hours",
    ]

    /// Stores a new order with every column.
    func insert(on db: any Database) async throws {
        try await PlainSQL.insert(into: Self.schema, columns: Self.insertColumns, rows: [[
            try requireID(), buyerID, sellerID, gigID, kind, title, packageName, priceCents, deliveryDays,
            revisionsAllowed, feeBasisPoints, state, stateEnteredAt, revisionsUsed, cancellationProposedBy,
            cancellationKind, holdID, fundedAt, deliveredAt, dueAt, completedAt, remindedAt, createdAt,
            updatedAt, estimatedHours,
        ]], on: db)
    }
}

extension DeliveryRecord {
    static let insertColumns = ["id", "order_id", "milestone_id", "message", "links", "created_at"]

    /// Stores what the seller handed over.
    static func insert(orderID: UUID, milestoneID: UUID?, message: String, links: [String], at: Date, on db: any Database) async throws {
        try await PlainSQL.insert(into: schema, columns: insertColumns,
                                  rows: [[UUID(), orderID, milestoneID, message, links, at]], on: db)
    }
}

extension OrderEventRecord {
    static let insertColumns = ["id", "order_id", "event", "from_state", "to_state", "actor", "actor_id", "note", "created_at"]

    /// Appends one step to the order's history.
    static func append(orderID: UUID, event: String, from: String, to: String, actor: String, actorID: UUID?,
                       note: String = "", at: Date, on db: any Database) async throws {
        try await PlainSQL.insert(into: schema, columns: insertColumns,
                                  rows: [[UUID(), orderID, event, from, to, actor, actorID, note, at]], on: db)
    }
}

extension HoldRecord {
    /// One hold by id.
    static func load(_ id: UUID, on db: any Database) async throws -> HoldRecord? {
        try await db.sql.raw("SELECT * FROM ledger_holds WHERE id = \(bind: id)").first(decodingFluent: HoldRecord.self)
    }

    static let insertColumns = ["id", "buyer_id", "seller_id", "amount_cents", "fee_basis_points", "order_id", "state", "created_at",
                                "resolved_at", "seller_cents", "fee_cents", "seller_net_cents", "buyer_cents"]

    /// Stores a new hold.
    static func insert(_ hold: EscrowHold, on db: any Database) async throws {
        let o = hold.outcome
        try await PlainSQL.insert(into: schema, columns: insertColumns,
                                  rows: [[hold.id, hold.buyer, hold.seller, hold.amountCents, hold.feeBasisPoints, hold.orderID,
                                          hold.state.rawValue, hold.createdAt, hold.resolvedAt, o?.sellerCents, o?.feeCents,
                                          o?.sellerNetCents, o?.buyerCents]], on: db)
    }

    /// How the hold was resolved, as `writeOutcome` writes it.
    var outcomeColumns: KeyValuePairs<String, PlainSQL.Value> {
        [
            "state": state, "resolved_at": resolvedAt, "seller_cents": sellerCents, "fee_cents": feeCents,
            "seller_net_cents": sellerNetCents, "buyer_cents": buyerCents,
        ]
    }

    /// What never changes once the hold is made: every other field is in `outcomeColumns`.
    static let fixedColumns: Set<String> = ["id", "buyer_id", "seller_id", "amount_cents", "fee_basis_points", "order_id", "created_at"]

    /// Stores how the hold was resolved (after `update(from:)`).
    func writeOutcome(on db: any Database) async throws {
        try await PlainSQL.update(Self.schema, set: outcomeColumns, id: try requireID(), on: db)
    }
}
