// The orders area's part of a member's data export: their orders on either side with every history line, delivery,
// milestone and dispute (the other party's words in them are part of the order they shared), their ledger
// entries, payouts and bank transfers.
import Vapor
import Fluent
import GuildCore

extension OrdersFeature {
    func export(_ context: ExportContext) async throws -> [ExportFile] {
        let db = context.db, id = context.memberID
        let orders = try await OrderRecord.query(on: db).group(.or) { $0.filter(\.$buyerID == id).filter(\.$sellerID == id) }
            .sort(\.$createdAt).all()
        let orderIDs = orders.compactMap(\.id)
        var events: [OrderEventRecord] = [], deliveries: [DeliveryRecord] = [], milestones: [MilestoneRecord] = []
        var disputes: [DisputeRecord] = []
        for chunk in orderIDs.inChunks(of: EarningsQueries.chunkSize) {
            events += try await OrderEventRecord.query(on: db).filter(\.$orderID ~~ chunk).sort(\.$createdAt).all()
            deliveries += try await DeliveryRecord.query(on: db).filter(\.$orderID ~~ chunk).sort(\.$createdAt).all()
            milestones += try await MilestoneRecord.query(on: db).filter(\.$orderID ~~ chunk).sort(\.$position).all()
            disputes += try await DisputeRecord.query(on: db).filter(\.$orderID ~~ chunk).sort(\.$openedAt).all()
        }
        let entries = try await LedgerEntryRecord.query(on: db).filter(\.$accountKey == LedgerAccountRef.member(id).key).sort(\.$id).all()
        let payouts = try await PayoutRecord.query(on: db).filter(\.$memberID == id).sort(\.$requestedAt).all()
        let deposits = try await DepositRecord.query(on: db).filter(\.$buyerID == id).sort(\.$createdAt).all()
        return try ExportFile.records("orders/orders", "Orders you bought or sold, as placed (price, fee rate, package) and where they stand", orders)
            + ExportFile.records("orders/history", "Every step of those orders: who did what and when (each order's audit log)", events)
            + ExportFile.records("orders/deliveries", "The work delivered in those orders, with messages and links", deliveries)
            + ExportFile.records("orders/milestones", "The milestones of custom orders", milestones)
            + ExportFile.records("orders/disputes", "Disputes on those orders: reasons, answers, outcomes", disputes)
            + ExportFile.records("money/ledger-entries", "Every movement of your Guild balance (credits add, debits take away)", entries)
            + ExportFile.records("money/payouts", "Your withdrawals and where each stands", payouts)
            + ExportFile.records("money/bank-transfers", "Bank transfers you announced to fund orders (manual payments)", deposits)
    }
}
