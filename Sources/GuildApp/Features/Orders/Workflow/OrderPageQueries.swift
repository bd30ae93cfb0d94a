// What the order-area pages read besides the order itself: pending bank transfers, an order's disputes, the
// arbiters' open list, the admin's money to confirm, and a member's reminders. Pages never query on their own.
import Vapor
import Fluent
import GuildCore

enum OrderPageQueries {
    /// Bank transfers the buyer announced for this order that an admin has not confirmed yet (manual provider).
    static func pendingDeposits(orderID: UUID, on db: any Database) async throws -> [DepositRecord] {
        try await DepositRecord.query(on: db).filter(\.$orderID == orderID)
            .filter(\.$state == DepositState.pending.rawValue).sort(\.$createdAt).all()
    }

    /// An order's disputes, oldest first, with what is still in escrow to divide.
    static func disputes(of order: OrderRecord, on db: any Database) async throws -> (records: [DisputeRecord], escrowedCents: Int64) {
        let records = try await DisputeRecord.query(on: db).filter(\.$orderID == order.requireID()).sort(\.$openedAt).all()
        guard !records.isEmpty else { return ([], 0) }
        return (records, try await DisputeWorkflow.escrowedCents(of: order, on: db))
    }

    /// What the order page shows of settlements: the open proposal, if any, and what is in escrow to divide now.
    static func settlement(of order: OrderRecord, on db: any Database) async throws -> (open: SettlementRecord?, escrowedCents: Int64) {
        guard SettlementRules.openStates.contains(order.orderState) else { return (nil, 0) }
        let open = try await SettlementRecord.query(on: db).filter(\.$orderID == order.requireID())
            .filter(\.$state == SettlementState.open.rawValue).first()
        return (open, try await DisputeWorkflow.escrowedCents(of: order, on: db))
    }

    /// The dispute, or 404.
    static func dispute(_ id: UUID?, on db: any Database) async throws -> DisputeRecord {
        guard let id, let dispute = try await DisputeRecord.find(id, on: db) else { throw APIError.notFound("That dispute") }
        return dispute
    }

    /// Open disputes with their orders, oldest first (what arbiters work through).
    static func openDisputes(limit: Int = 200, on db: any Database) async throws -> [(DisputeRecord, OrderRecord)] {
        let open = try await DisputeRecord.query(on: db).filter(\.$state == DisputeState.open.rawValue)
            .sort(\.$openedAt).limit(limit).all()
        guard !open.isEmpty else { return [] }
        let orders = try await OrderRecord.query(on: db).filter(\.$id ~~ open.map(\.orderID)).all()
        let byID = Dictionary(uniqueKeysWithValues: orders.compactMap { o in o.id.map { ($0, o) } })
        return open.compactMap { d in byID[d.orderID].map { (d, $0) } }
    }

    struct MoneyToConfirm {
        var deposits: [DepositRecord]
        var payouts: [PayoutRecord]
        var orderTitles: [UUID: String]
        var memberNames: [UUID: String]
    }

    /// Under the manual provider: transfers waiting for an admin's confirmation and payouts waiting to be sent.
    static func moneyToConfirm(limit: Int = 200, on db: any Database) async throws -> MoneyToConfirm {
        let deposits = try await DepositRecord.query(on: db).filter(\.$state == DepositState.pending.rawValue)
            .sort(\.$createdAt).limit(limit).all()
        let payouts = try await PayoutRecord.query(on: db).filter(\.$state == Payout.State.requested.rawValue)
            .sort(\.$requestedAt).limit(limit).all()
        let orders = deposits.isEmpty ? [] : try await OrderRecord.query(on: db).filter(\.$id ~~ deposits.map(\.orderID)).all()
        let memberIDs = Array(Set(deposits.map(\.buyerID) + payouts.map(\.memberID)))
        let members = memberIDs.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ memberIDs).all()
        return MoneyToConfirm(
            deposits: deposits, payouts: payouts,
            orderTitles: Dictionary(uniqueKeysWithValues: orders.compactMap { o in o.id.map { ($0, o.title) } }),
            memberNames: Dictionary(uniqueKeysWithValues: members.compactMap { u in u.id.map { ($0, u.displayName) } }))
    }

    /// The member's newest reminders from the order timers (in the notification centre), for the orders page.
    static func notifications(for memberID: UUID, limit: Int, on db: any Database) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: db)
            .filter(\.$memberID == memberID)
            .filter(\.$kind ~~ [NotificationKind.acceptanceReminder.rawValue, NotificationKind.milestoneAcceptanceReminder.rawValue])
            .sort(\.$createdAt, .descending)
            .limit(limit)
            .all()
    }
}
