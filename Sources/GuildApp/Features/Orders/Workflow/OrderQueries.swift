// Reading orders: one order as its parties (and arbiters) may see it, and a member's own orders.
import Vapor
import Fluent
import GuildCore

enum OrderQueries {
    /// The order if `user` is its buyer or seller or an arbiter; otherwise 404, so nobody learns it exists.
    static func visible(_ id: UUID?, to user: User, on db: any Database) async throws -> (OrderRecord, OrderActor?) {
        guard let id, let order = try await OrderRecord.find(id, on: db) else { throw APIError.notFound("That order") }
        if let side = order.actor(for: user) { return (order, side) }
        if user.has(.arbiter) { return (order, nil) }
        throw APIError.notFound("That order")
    }

    static func detail(_ order: OrderRecord, viewer: OrderActor?, on db: any Database) async throws -> OrderDTO {
        let history = try await OrderEventRecord.query(on: db).filter(\.$orderID == order.id!).sort(\.$createdAt).all()
        let deliveries = try await DeliveryRecord.query(on: db).filter(\.$orderID == order.id!).sort(\.$createdAt).all()
        let milestones = order.orderKind == .custom
            ? try await MilestoneRecord.query(on: db).filter(\.$orderID == order.id!).sort(\.$position).all() : nil
        return OrderDTO(order, viewer: viewer, history: history, deliveries: deliveries, milestones: milestones)
    }

    /// Orders as the member sees them in a list: custom orders carry their milestones (one query for all), so the
    /// actions offered are exact (a dispute only while a milestone holds money in escrow).
    static func list(_ orders: [OrderRecord], for user: User, on db: any Database) async throws -> [OrderDTO] {
        let customIDs = orders.filter { $0.orderKind == .custom }.compactMap(\.id)
        var milestones: [UUID: [MilestoneRecord]] = [:]
        if !customIDs.isEmpty {
            for m in try await MilestoneRecord.query(on: db).filter(\.$orderID ~~ customIDs).sort(\.$position).all() {
                milestones[m.orderID, default: []].append(m)
            }
        }
        return orders.map { o in
            OrderDTO(o, viewer: o.actor(for: user), milestones: o.orderKind == .custom ? (milestones[o.id!] ?? []) : nil)
        }
    }

    /// The member's orders as buyer and as seller, newest first.
    static func mine(_ memberID: UUID, limit: Int = 100, on db: any Database) async throws -> [OrderRecord] {
        try await OrderRecord.query(on: db)
            .group(.or) { $0.filter(\.$buyerID == memberID).filter(\.$sellerID == memberID) }
            .sort(\.$createdAt, .descending)
            .limit(limit)
            .all()
    }
}

enum BalanceQueries {
    static func balance(of memberID: UUID, settings: PaymentSettings, now: Date, on db: any Database) async throws -> BalanceDTO {
        let available = try await LedgerStore.balance(of: .member(memberID), on: db)
        let asBuyer = try await HoldRecord.query(on: db).filter(\.$buyerID == memberID).filter(\.$state == EscrowHold.State.open.rawValue).all()
        let asSeller = try await HoldRecord.query(on: db).filter(\.$sellerID == memberID).filter(\.$state == EscrowHold.State.open.rawValue).all()
        let pending = asSeller.reduce(Int64(0)) { sum, h in
            sum + ((try? h.hold.feePolicy.quote(priceCents: h.amountCents).netCents) ?? h.amountCents)
        }
        let payouts = try await PayoutRecord.query(on: db).filter(\.$memberID == memberID).all()
        let clearing = min(max(available, 0), try await PayoutWorkflow.clearingCents(of: memberID, policy: settings.clearing, now: now, on: db))
        return BalanceDTO(
            availableCents: available,
            inEscrowAsBuyerCents: asBuyer.reduce(0) { $0 + $1.amountCents },
            pendingReleaseAsSellerCents: pending,
            payoutsInTransitCents: payouts.filter { $0.state == Payout.State.requested.rawValue }.reduce(0) { $0 + $1.amountCents },
            paidOutCents: payouts.filter { $0.state == Payout.State.sent.rawValue }.reduce(0) { $0 + $1.amountCents },
            payoutMinimumCents: settings.payoutMinimumCents,
            clearingCents: clearing,
            withdrawableCents: ClearingPolicy.withdrawableCents(balanceCents: available, clearingCents: clearing),
            payoutClearingHours: settings.clearing.hours,
            feeBasisPoints: settings.feeBasisPoints)
    }

    static let maximumPageSize = 100

    /// The member's entries, newest first; the cursor is the last entry id seen.
    static func ledger(of memberID: UUID, limit: Int, cursor: Int64?, on db: any Database) async throws -> LedgerPageDTO {
        var query = LedgerEntryRecord.query(on: db).filter(\.$accountKey == LedgerAccountRef.member(memberID).key)
        if let cursor { query = query.filter(\.$id < cursor) }
        let rows = try await query.sort(\.$id, .descending).limit(limit + 1).all()
        let page = rows.prefix(limit)
        let lines = page.map { e in
            LedgerLineDTO(id: e.id!, transferId: e.transferID, memo: e.memo, label: PostingMemo.label(for: e.memo), side: e.side, amountCents: e.amountCents,
                          signedCents: e.side == LedgerEntry.Side.credit.rawValue ? e.amountCents : -e.amountCents,
                          orderId: e.orderID, createdAt: e.createdAt)
        }
        let next = rows.count > limit ? page.last.map { String($0.id!) } : nil
        return LedgerPageDTO(entries: Array(lines), nextCursor: next)
    }
}
