// Withdrawals: a member moves part of their available balance out, through the configured provider.
import Vapor
import Fluent
import GuildCore

enum PayoutWorkflow {
    /// Call inside `WriteTransaction.run`: locks the member's account before reading the balance.
    static func request(member: UUID, amountCents: Int64, services: OrderServices, on tx: any Database) async throws -> PayoutRecord {
        let provider = services.provider
        let balances = try await LedgerStore.lock([.member(member), .payoutsInTransit, .providerClearing(provider.name)], on: tx)
        var (payout, posting) = try Payout.request(id: UUID(), member: member, availableCents: balances[.member(member)] ?? 0,
                                                   amountCents: amountCents, minimumCents: services.settings.payoutMinimumCents,
                                                   provider: provider.name, now: services.now)
        var postings = [posting]
        if provider.paysOutInstantly {
            try await provider.send(payout: payout.id, member: member, amountCents: amountCents)
            (payout, posting) = try Payout.markSent(payout, now: services.now)
            postings.append(posting)
        }
        try await LedgerStore.post(postings, orderID: nil, now: services.now, on: tx)
        let record = PayoutRecord(payout)
        try await record.create(on: tx)
        return record
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
        // The same legality check as funding itself, so a deposit is only announced for an order that can be paid.
        _ = try OrderProcess.apply(event: .fund, actor: actor, from: order.orderState, facts: order.facts)
        if let pending = try await DepositRecord.query(on: tx).filter(\.$orderID == orderID).filter(\.$state == "pending").first() {
            return pending
        }
        let deposit = DepositRecord()
        deposit.id = UUID()
        deposit.orderID = orderID
        deposit.buyerID = order.buyerID
        deposit.amountCents = order.priceCents
        deposit.state = "pending"
        deposit.createdAt = services.now
        try await deposit.create(on: tx)
        return deposit
    }

    /// The admin saw the money arrive: the order is funded as if the buyer had paid by card.
    static func confirm(_ id: UUID?, admin: UUID, services: OrderServices, on tx: any Database) async throws -> OrderStepResult {
        guard let id, let deposit = try await DepositRecord.find(id, on: tx) else { throw APIError.notFound("That deposit") }
        let result = try await OrderWorkflow.perform(.fund, orderID: deposit.orderID, by: .depositConfirmed(adminID: admin),
                                                     services: services, on: tx)
        // Re-read after the order lock: a concurrent confirmation has finished by now.
        guard let fresh = try await DepositRecord.find(id, on: tx), fresh.state == "pending" else {
            throw ConflictError(code: "deposit_already_confirmed", message: "this deposit was already confirmed")
        }
        fresh.state = "confirmed"
        fresh.confirmedAt = services.now
        try await fresh.save(on: tx)
        return result
    }
}
