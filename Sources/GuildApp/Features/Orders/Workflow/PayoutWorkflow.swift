// Withdrawals: a member moves part of their available balance out, through the configured provider.
import Vapor
import Fluent
import GuildCore

enum PayoutWorkflow {
    /// Call inside `WriteTransaction.run`: locks the member's account before reading the balance.
    static func request(member: UUID, amountCents: Int64, services: OrderServices, on tx: any Database) async throws -> PayoutRecord {
        let provider = services.provider
        let balances = try await LedgerStore.lock([.member(member), .payoutsInTransit, .providerClearing(provider.name)], on: tx)
        let clearing = try await clearingCents(of: member, policy: services.settings.clearing, now: services.now, on: tx)
        var (payout, posting) = try Payout.request(id: UUID(), member: member, availableCents: balances[.member(member)] ?? 0,
                                                   amountCents: amountCents, minimumCents: services.settings.payoutMinimumCents,
                                                   clearingCents: clearing, provider: provider.name, now: services.now)
        var postings = [posting]
        if provider.paysOutInstantly {
            try await provider.send(payout: payout.id, member: member, amountCents: amountCents)
            (payout, posting) = try Payout.markSent(payout, now: services.now)
            postings.append(posting)
        }
        try await LedgerStore.post(postings, orderID: nil, now: services.now, on: tx)
        let record = PayoutRecord(payout)
        try await record.create(on: tx)
        // In the same transaction: the security log shows a payout exactly when it happened.
        try await AuditLog.record(.payoutRequested, member: member, detail: MoneyFormat.format(cents: amountCents) + " via " + provider.name,
                                  at: services.now, on: tx)
        return record
    }

    /// Money credited to the member within the clearing period (0 without a clearing hold). A failed payout
    /// returning to the member does not start the clock again: that money had already cleared.
    static func clearingCents(of member: UUID, policy: ClearingPolicy, now: Date, on db: any Database) async throws -> Int64 {
        guard let since = policy.windowStart(now: now) else { return 0 }
        struct Row: Decodable { var total: Int64? }
        let row = try await db.sql.raw("""
            SELECT CAST(SUM(amount_cents) AS BIGINT) AS total FROM ledger_entries
            WHERE account_key = \(bind: LedgerAccountRef.member(member).key) AND side = 'credit'
              AND memo <> \(bind: PostingMemo.payoutFailed) AND created_at > \(bind: since)
            """).first(decoding: Row.self)
        return row?.total ?? 0
    }

    /// An admin records that a manual payout was sent, or that it failed (the money returns to the member).
    static func settle(_ id: UUID?, sent: Bool, services: OrderServices, on tx: any Database) async throws -> PayoutRecord {
        guard let id else { throw APIError.notFound("That payout") }
        if tx.kind == .postgres { try await tx.sql.raw("SELECT id FROM ledger_payouts WHERE id = \(bind: id) FOR UPDATE").run() }
        guard let record = try await PayoutRecord.find(id, on: tx) else { throw APIError.notFound("That payout") }
        let (payout, posting) = sent ? try Payout.markSent(record.payout, now: services.now) : try Payout.markFailed(record.payout, now: services.now)
        try await LedgerStore.post([posting], orderID: nil, now: services.now, on: tx)
        record.update(from: payout)
        try await record.save(on: tx)
        return record
    }
}

enum DepositWorkflow {
    /// Under the manual provider, `fund` announces a bank transfer instead of charging: the order waits for an admin.
    static func announce(orderID: UUID, buyer: User, services: OrderServices, on tx: any Database) async throws -> DepositRecord {
        let order = try await OrderWorkflow.lockOrder(orderID, on: tx)
        let (actor, _) = try OrderWorkflow.actor(.member(buyer), on: order, event: .fund)
        if order.orderKind == .custom {
            throw ConflictError(code: "use_milestones", message: "this order is paid in milestones; fund each one at /api/v1/orders/\(orderID.uuidString.lowercased())/milestones/{n}/fund")
        }
        // The same legality check as funding itself, so a deposit is only announced for an order that can be paid.
        _ = try OrderProcess.apply(event: .fund, actor: actor, from: order.orderState, facts: order.facts)
        if let pending = try await DepositRecord.query(on: tx).filter(\.$orderID == orderID).filter(\.$state == DepositState.pending.rawValue).first() {
            return pending
        }
        let deposit = DepositRecord(pendingFor: orderID, buyer: order.buyerID, amountCents: order.priceCents, milestone: nil, at: services.now)
        try await deposit.create(on: tx)
        return deposit
    }

    /// Under the manual provider, funding a milestone announces a bank transfer for that milestone's amount; the
    /// milestone is funded when an admin confirms it, exactly as a package order is. Call inside `WriteTransaction.run`.
    static func announceMilestone(orderID: UUID, index: Int, buyer: User, services: OrderServices, on tx: any Database) async throws -> DepositRecord {
        let order = try await OrderWorkflow.lockOrder(orderID, on: tx)
        guard let actor = order.actor(for: buyer) else { throw APIError.notFound("That order") }
        guard order.orderKind == .custom else {
            throw ConflictError(code: "not_a_milestone_order", message: "this order has no milestones; use the order's own steps")
        }
        guard actor == .buyer else { throw ConflictError(code: "forbidden_actor", message: "only the buyer can fund a milestone") }
        let from = order.orderState
        guard from == .awaitingPayment || from == .inProgress else {
            throw ConflictError(code: "illegal_transition", message: "cannot fund a milestone of an order that is \(from.rawValue)")
        }
        guard let record = try await MilestoneRecord.query(on: tx).filter(\.$orderID == orderID).filter(\.$position == index).first() else {
            throw APIError.notFound("That milestone")
        }
        guard record.state == MilestoneProgress.State.awaitingFunding.rawValue else {
            throw ConflictError(code: "illegal_transition", message: "cannot fund milestone \(index + 1) while it is \(record.state)")
        }
        if let pending = try await DepositRecord.query(on: tx).filter(\.$orderID == orderID).filter(\.$milestonePosition == index)
            .filter(\.$state == DepositState.pending.rawValue).first() {
            return pending
        }
        let deposit = DepositRecord(pendingFor: orderID, buyer: order.buyerID, amountCents: record.amountCents, milestone: index, at: services.now)
        try await deposit.create(on: tx)
        return deposit
    }

    /// The admin saw the money arrive: the order (or the milestone) is funded as if the buyer had paid by card.
    static func confirm(_ id: UUID?, admin: UUID, services: OrderServices, on tx: any Database) async throws -> OrderStepResult {
        guard let id, let deposit = try await DepositRecord.find(id, on: tx) else { throw APIError.notFound("That deposit") }
        let result: OrderStepResult
        if let position = deposit.milestonePosition {
            // Locked and re-read first, so a second confirmation is told so rather than that the milestone is funded.
            _ = try await OrderWorkflow.lockOrder(deposit.orderID, on: tx)
            guard let current = try await DepositRecord.find(id, on: tx), current.state == DepositState.pending.rawValue else {
                throw ConflictError(code: "deposit_already_confirmed", message: "this deposit was already confirmed")
            }
            let order = try await MilestoneWorkflow.step(.fund, orderID: deposit.orderID, index: position, by: .depositConfirmed(adminID: admin),
                                                         services: services, on: tx)
            result = OrderStepResult(order: order, dispute: nil)
        } else {
            result = try await OrderWorkflow.perform(.fund, orderID: deposit.orderID, by: .depositConfirmed(adminID: admin),
                                                     services: services, on: tx)
        }
        // Re-read after the order lock: a concurrent confirmation has finished by now.
        guard let fresh = try await DepositRecord.find(id, on: tx), fresh.state == DepositState.pending.rawValue else {
            throw ConflictError(code: "deposit_already_confirmed", message: "this deposit was already confirmed")
        }
        fresh.state = DepositState.confirmed.rawValue
        fresh.confirmedAt = services.now
        try await fresh.save(on: tx)
        return result
    }
}
