// Keeps `seller_stats.median_response_hours` (the ranking's responsiveness factor) measured from the order history:
// for each order paid in the window, the seller's first step after payment, and for each conversation another member
// opened with the seller, the seller's first reply (`ResponseTime` and `ReplyTime` in GuildCore define them).
import Vapor
import Fluent
import SQLKit
import GuildCore

enum SellerResponsiveness {
    /// Measures one seller now and stores it.
    static func refresh(seller: UUID, now: Date, on db: any Database) async throws {
        let since = now.addingTimeInterval(-Double(ResponseTime.windowDays) * 86_400)
        let rows = try await db.sql.raw("""
            SELECT o.funded_at AS paid_at, MIN(e.created_at) AS first_action_at
            FROM orders o LEFT JOIN order_events e
              ON e.order_id = o.id AND e.actor = \(bind: OrderActor.seller.rawValue) AND e.created_at >= o.funded_at
            WHERE o.seller_id = \(bind: seller) AND o.funded_at IS NOT NULL AND o.funded_at >= \(bind: since)
            GROUP BY o.id, o.funded_at
            """).all()
        // Conversations opened by someone else (their message is the first), and the seller's first message after it.
        let replies = try await db.sql.raw("""
            SELECT o.created_at AS paid_at,
                   (SELECT MIN(r.created_at) FROM messages r
                    WHERE r.conversation_id = o.conversation_id AND r.sender_id = \(bind: seller) AND r.seq > 1) AS first_action_at
            FROM conversation_members cm JOIN messages o ON o.conversation_id = cm.conversation_id AND o.seq = 1
            WHERE cm.member_id = \(bind: seller) AND cm.role = 'participant' AND o.sender_id <> \(bind: seller) AND o.created_at >= \(bind: since)
            """).all()
        let samples = try (rows + replies).map {
            ResponseTime.Sample(paidAt: try $0.decode(column: "paid_at", as: Date.self),
                                firstActionAt: try $0.decode(column: "first_action_at", as: Date?.self))
        }
        let median = ResponseTime.medianHours(samples, now: now)
        // A seller's first paid order may come before anything else has made their record: make it, empty, first.
        try await SellerStatsUpdate.add([("completed_orders", 0)], to: seller, on: db)
        // Written only when it moved: an unchanged record is not a change for search (`search_changes`) to carry.
        let differs = db.kind == .sqlite ? "IS NOT" : "IS DISTINCT FROM"
        try await db.sql.raw("""
            UPDATE seller_stats SET median_response_hours = \(bind: median)
            WHERE user_id = \(bind: seller) AND median_response_hours \(unsafeRaw: differs) \(bind: median)
            """).run()
    }

    /// Sellers whose measure may have moved since the last pass: an order paid, or a seller's step, in the last
    /// `lookbackSeconds`, or an untouched order crossing the cap.
    static func refreshRecent(now: Date, lookbackSeconds: TimeInterval = 3 * 3_600, on db: any Database) async throws -> Int {
        let recent = now.addingTimeInterval(-lookbackSeconds)
        let capped = now.addingTimeInterval(-ResponseTime.untouchedCapHours * 3_600)
        let paid = try await db.sql.raw("""
            SELECT DISTINCT seller_id AS seller FROM orders
            WHERE funded_at >= \(bind: recent) OR (funded_at >= \(bind: capped.addingTimeInterval(-lookbackSeconds)) AND funded_at <= \(bind: capped))
            """).all().map { try $0.decode(column: "seller", as: UUID.self) }
        let acted = try await db.sql.raw("""
            SELECT DISTINCT o.seller_id AS seller FROM order_events e JOIN orders o ON o.id = e.order_id
            WHERE e.actor = \(bind: OrderActor.seller.rawValue) AND e.created_at >= \(bind: recent)
            """).all().map { try $0.decode(column: "seller", as: UUID.self) }
        // Conversations opened with a seller recently, or whose first message is crossing the cap unanswered (replies
        // are measured as they are sent).
        let asked = try await db.sql.raw("""
            SELECT DISTINCT cm.member_id AS seller FROM messages o
            JOIN conversation_members cm ON cm.conversation_id = o.conversation_id AND cm.member_id <> o.sender_id AND cm.role = 'participant'
            JOIN seller_stats s ON s.user_id = cm.member_id
            WHERE o.seq = 1 AND (o.created_at >= \(bind: recent)
                  OR (o.created_at >= \(bind: capped.addingTimeInterval(-lookbackSeconds)) AND o.created_at <= \(bind: capped)))
            """).all().map { try $0.decode(column: "seller", as: UUID.self) }
        let sellers = Set(paid + acted + asked)
        for seller in sellers { try await refresh(seller: seller, now: now, on: db) }
        return sellers.count
    }
}
