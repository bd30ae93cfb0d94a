// Reads a member's earnings facts from the ledger and the orders; `EarningsSummary` (GuildCore) does the sums.
import Vapor
import Fluent
import GuildCore

enum EarningsQueries {
    /// Binds per IN list: well under SQLite's and PostgreSQL's limits however many orders a member has.
    static let chunkSize = 500

    /// Everything the dashboard and the statements need about the member as a seller.
    static func facts(of memberID: UUID, on db: any Database) async throws -> EarningsFacts {
        let holds = try await HoldRecord.query(on: db).filter(\.$sellerID == memberID).all()
        let orders = try await OrderRecord.query(on: db).filter(\.$sellerID == memberID).all()
        let ordersByID = Dictionary(uniqueKeysWithValues: orders.compactMap { o in o.id.map { ($0, o) } })
        let customIDs = orders.filter { $0.orderKind == .custom }.compactMap(\.id)
        var milestones: [MilestoneRecord] = []
        for chunk in customIDs.inChunks(of: chunkSize) {
            milestones += try await MilestoneRecord.query(on: db).filter(\.$orderID ~~ chunk).all()
        }
        let milestoneByHold = Dictionary(milestones.compactMap { m in m.holdID.map { ($0, m) } }, uniquingKeysWith: { a, _ in a })

        // Released money, read from the ledger itself: the release and fee transfers of the member's holds.
        let holdsByID = Dictionary(uniqueKeysWithValues: holds.compactMap { h in h.id.map { ($0, h) } })
        var transfers: [LedgerTransferRecord] = []
        for chunk in Array(holdsByID.keys).inChunks(of: chunkSize) {
            transfers += try await LedgerTransferRecord.query(on: db).filter(\.$holdID ~~ chunk)
                .filter(\.$memo ~~ [PostingMemo.releaseToSeller, PostingMemo.platformFee]).all()
        }
        var amounts: [UUID: Int64] = [:]
        for chunk in transfers.compactMap(\.id).inChunks(of: chunkSize) {
            for e in try await LedgerEntryRecord.query(on: db).filter(\.$transferID ~~ chunk)
                .filter(\.$side == LedgerEntry.Side.credit.rawValue).all() {
                amounts[e.transferID, default: 0] += e.amountCents
            }
        }
        var releaseByHold: [UUID: EarningsFacts.Release] = [:]
        for t in transfers {
            guard let holdID = t.holdID, let hold = holdsByID[holdID], let id = t.id else { continue }
            var r = releaseByHold[holdID] ?? EarningsFacts.Release(
                at: t.createdAt, orderID: hold.orderID, buyerID: hold.buyerID, netCents: 0, feeCents: 0,
                estimatedHours: hold.orderID.flatMap { ordersByID[$0]?.estimatedHours })
            if t.memo == PostingMemo.releaseToSeller { r.netCents += amounts[id] ?? 0 } else { r.feeCents += amounts[id] ?? 0 }
            r.at = min(r.at, t.createdAt)
            releaseByHold[holdID] = r
        }

        let open = holds.filter { $0.state == EscrowHold.State.open.rawValue }.map { h in
            let order = h.orderID.flatMap { ordersByID[$0] }
            let milestone = h.id.flatMap { milestoneByHold[$0] }
            let expected = EarningsForecast.expectedRelease(
                deliveredAt: milestone?.deliveredAt ?? order?.deliveredAt, dueAt: milestone?.dueDate ?? order?.dueAt,
                fundedAt: h.createdAt, autoAcceptSeconds: TimeInterval(OrderProcess.autoAcceptSeconds))
            let net = (try? h.hold.feePolicy.quote(priceCents: h.amountCents).netCents) ?? h.amountCents
            return EarningsFacts.OpenHold(amountCents: h.amountCents, netCents: net, expectedAt: expected)
        }

        // Ordered but not paid: a package order waiting for payment, and a live custom order's unfunded milestones.
        var awaiting: Int64 = 0
        for o in orders where !o.orderState.isTerminal {
            let gross: Int64
            if o.orderKind == .custom {
                gross = milestones.filter { $0.orderID == o.id && $0.holdID == nil }.reduce(0) { $0 + $1.amountCents }
            } else {
                gross = o.orderState == .awaitingPayment ? o.priceCents : 0
            }
            if gross > 0 { awaiting += (try? o.feePolicy.quote(priceCents: gross).netCents) ?? gross }
        }

        let payouts = try await PayoutRecord.query(on: db).filter(\.$memberID == memberID).all()
        return EarningsFacts(
            releases: releaseByHold.values.sorted { $0.at < $1.at },
            openHolds: open,
            awaitingPaymentNetCents: awaiting,
            paidOutCents: payouts.filter { $0.state == Payout.State.sent.rawValue }.reduce(0) { $0 + $1.amountCents },
            payoutsInTransitCents: payouts.filter { $0.state == Payout.State.requested.rawValue }.reduce(0) { $0 + $1.amountCents },
            fundedAt: orders.compactMap(\.fundedAt))
    }
}

extension Array {
    func inChunks(of size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
