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
        try await add(increments, to: order.sellerID, on: tx)
    }

    /// A milestone released: its net counts as earned at once; the order counts as completed with its last one.
    static func milestoneReleased(order: OrderRecord, netCents: Int64, completed: Bool, on tx: any Database) async throws {
        var increments: [(String, Int64)] = [("earned_cents", netCents)]
        if completed { increments.append(("completed_orders", 1)) }
        try await add(increments, to: order.sellerID, on: tx)
    }

    /// Adds to the seller's counters in one statement: the row is created with the increments when it is the
    /// seller's first, and incremented otherwise, so that concurrent orders never lose a count.
    static func add(_ increments: [(String, Int64)], to sellerID: UUID, on tx: any Database) async throws {
        guard !increments.isEmpty else { return }
        var initial: [String: Int64] = [:]
        for (column, by) in increments { initial[column, default: 0] += by }
        let counters = ["completed_orders", "earned_cents", "rating_sum", "rating_count", "on_time_delivered",
                        "delivered_total", "seller_cancellations", "mutual_cancellations"]
        assert(initial.keys.allSatisfy(counters.contains), "every counter added to must be listed")
        let values: [PlainSQL.Value] = [sellerID] + counters.map { initial[$0] ?? 0 } + [0.0, false, SellerLevel.new.rawValue]
        let columns = (["user_id"] + counters + ["rating_score", "is_pro", "level"]).joined(separator: ", ")
        let increments = initial.keys.sorted().map { "\($0) = seller_stats.\($0) + excluded.\($0)" }.joined(separator: ", ")
        try await tx.sql.raw("""
            INSERT INTO seller_stats (\(unsafeRaw: columns)) VALUES (\(binds: values))
            ON CONFLICT (user_id) DO UPDATE SET \(unsafeRaw: increments)
            """).run()
    }
}
