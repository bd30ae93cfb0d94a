// Disputes outside the order step itself: the other side's answer, and what an arbiter needs to decide.
import Vapor
import Fluent
import GuildCore

enum DisputeWorkflow {
    /// Records the outcome on the order's open dispute, if there is one, and returns it. Inside the step's transaction.
    static func closeOpen(orderID: UUID, with outcome: DisputeOutcome, by actorID: UUID?, at now: Date, on tx: any Database) async throws -> DisputeRecord? {
        guard let open = try await DisputeRecord.query(on: tx).filter(\.$orderID == orderID).filter(\.$state == DisputeState.open.rawValue).first() else { return nil }
        open.state = DisputeState.resolved.rawValue
        open.sellerCents = outcome.sellerCents
        open.buyerCents = outcome.buyerCents
        open.outcomeReason = outcome.reason.rawValue
        open.resolvedByID = actorID
        open.resolvedAt = now
        try await open.save(on: tx)
        return open
    }

    /// The respondent answers within 72 hours; from then an arbiter has 7 days. Call inside `WriteTransaction.run`.
    static func answer(_ id: UUID, by user: User, text: String, now: Date, on tx: any Database) async throws -> (DisputeRecord, OrderRecord, OrderActor) {
        guard let dispute = try await DisputeRecord.find(id, on: tx) else { throw APIError.notFound("That dispute") }
        let order = try await OrderWorkflow.lockOrder(dispute.orderID, on: tx)
        guard let side = order.actor(for: user) else { throw APIError.notFound("That dispute") }
        guard let fresh = try await DisputeRecord.find(id, on: tx), fresh.state == DisputeState.open.rawValue else {
            throw ConflictError(code: "dispute_not_open", message: "this dispute is already resolved")
        }
        try DisputeRules.requireCanAnswer(fresh.facts(on: order, escrowedCents: order.priceCents), actor: side, now: now)
        fresh.answer = text
        fresh.answeredAt = now
        try await fresh.save(on: tx)
        try await OrderEventRecord.append(orderID: order.id!, event: "answer_dispute", from: order.state, to: order.state, actor: side.rawValue,
                                          actorID: user.id, note: String(text.prefix(500)), at: now, on: tx)
        return (fresh, order, side)
    }

    /// What an arbiter divides: the order's hold while open, or on a milestone order what its open milestones hold.
    static func escrowedCents(of order: OrderRecord, on db: any Database) async throws -> Int64 {
        if order.orderKind == .custom {
            return MilestoneDispute.escrowedCents(try await MilestoneWorkflow.openMilestones(orderID: order.requireID(), on: db))
        }
        guard let holdID = order.holdID, let hold = try await HoldRecord.find(holdID, on: db) else { return 0 }
        return hold.hold.remainingCents
    }

    /// The arbiter's decision, through the order step (which validates the split and moves the money).
    static func resolve(_ id: UUID, by arbiter: User, sellerCents: Int64, buyerCents: Int64, services: OrderServices,
                        on tx: any Database) async throws -> (DisputeRecord, OrderRecord) {
        guard let dispute = try await DisputeRecord.find(id, on: tx) else { throw APIError.notFound("That dispute") }
        let result = try await OrderWorkflow.perform(.resolveDispute, orderID: dispute.orderID, by: .member(arbiter),
                                                     input: .init(sellerCents: sellerCents, buyerCents: buyerCents),
                                                     services: services, on: tx)
        guard let resolved = result.dispute else { throw ConflictError(code: "dispute_not_open", message: "this dispute is not open") }
        return (resolved, result.order)
    }
}

extension DisputeRecord {
    /// What the core's dispute rules look at, for this dispute on `order`.
    func facts(on order: OrderRecord, escrowedCents: Int64) -> DisputeFacts {
        DisputeFacts(openedBy: OrderActor(rawValue: openedBy) ?? .buyer, openedAt: openedAt, answeredAt: answeredAt,
                     sellerDelivered: order.deliveredAt != nil, escrowedCents: escrowedCents)
    }
}
