// Keeps the seller's track record in step with their orders, with increments so that concurrent orders never lose one.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum SellerStatsUpdate {
    static func apply(order: OrderRecord, from: OrderState, event: OrderEvent, actor: OrderActor,
                      sellerNetCents: Int64, on tx: any Database) async throws {
        var increments: [(String, Int64)] = []
        let to = order.orderState
        if to == .completed && from != .completed {
            increments.append(("completed_orders", 1))
            increments.append(("earned_cents", sellerNetCents))
            increments.append(("delivered_total", 1))
            if let delivered = order.deliveredAt, let due = order.dueAt, delivered <= due {
                increments.append(("on_time_delivered", 1))
            }
        } else if to == .resolved, sellerNetCents > 0 {
            increments.append(("earned_cents", sellerNetCents))
        }
        if to != from, let kind = CancellationKind.of(from: from, event: event, actor: actor) {
            // Mutual cancellations are recorded apart and never count against the seller.
            if kind.countsAgainstSeller { increments.append(("seller_cancellations", 1)) }
            if kind == .mutual { increments.append(("mutual_cancellations", 1)) }
        }
        guard !increments.isEmpty else { return }
        try await ensureRow(order.sellerID, on: tx)
        var update = tx.sql.update(SellerStatsRecord.schema)
        for (column, by) in increments {
            update = update.set(SQLIdentifier(column), to: SQLBinaryExpression(SQLIdentifier(column), .add, SQLBind(by)))
        }
        try await update.where("user_id", .equal, order.sellerID).run()
    }

    /// A milestone released: its net counts as earned at once; the order counts as completed with its last one.
    static func milestoneReleased(order: OrderRecord, netCents: Int64, completed: Bool, on tx: any Database) async throws {
        try await ensureRow(order.sellerID, on: tx)
        var update = tx.sql.update(SellerStatsRecord.schema)
            .set(SQLIdentifier("earned_cents"), to: SQLBinaryExpression(SQLIdentifier("earned_cents"), .add, SQLBind(netCents)))
        if completed {
            update = update.set(SQLIdentifier("completed_orders"), to: SQLBinaryExpression(SQLIdentifier("completed_orders"), .add, SQLBind(1)))
        }
        try await update.where("user_id", .equal, order.sellerID).run()
    }

    /// The stats row, created empty without racing a concurrent first order.
    static func ensureRow(_ sellerID: UUID, on tx: any Database) async throws {
        try await tx.sql.insert(into: SellerStatsRecord.schema)
            .columns("user_id", "completed_orders", "earned_cents", "rating_sum", "rating_count", "on_time_delivered",
                     "delivered_total", "seller_cancellations", "mutual_cancellations", "rating_score", "is_pro", "level")
            .values(SQLBind(sellerID), SQLBind(0), SQLBind(Int64(0)), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(0),
                    SQLBind(0), SQLBind(0.0), SQLBind(false), SQLBind(SellerLevel.new.rawValue))
            .ignoringConflicts(with: ["user_id"])
            .run()
    }
}
