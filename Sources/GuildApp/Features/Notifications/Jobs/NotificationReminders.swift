// The reminders sent on a timer: a dispute's answer due within a day (to the side that must answer), an answered
// dispute's decision due within a day (to the arbiters), a thank-you note due (to the explorer). Each due row is
// leased in its own transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL) and the notice's dedupe key names the event,
// so two instances, or a rerun, never send one twice.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum NotificationReminders {
    struct RunSummary: Sendable, Equatable {
        var disputeAnswers = 0
        var disputeDecisions = 0
        var thankYous = 0
    }

    static func runDue(app: Application, limit: Int = 1_000) async throws -> RunSummary {
        let now = app.clock.now()
        var summary = RunSummary()
        summary.disputeAnswers = try await disputeAnswers(now: now, limit: limit, on: app.db)
        summary.disputeDecisions = try await disputeDecisions(now: now, limit: limit, on: app.db)
        summary.thankYous = try await thankYous(now: now, limit: limit, on: app.db)
        return summary
    }

    static func answerKey(_ dispute: UUID) -> String { "dispute:\(dispute):answer-due" }
    static func decisionKey(_ dispute: UUID, arbiter: UUID) -> String { "dispute:\(dispute):decision-due:\(arbiter)" }
    static func thankYouKey(_ interview: UUID) -> String { "interview:\(interview):thank-you-due" }

    /// Open, unanswered disputes whose answer deadline is within a day.
    static func disputeAnswers(now: Date, limit: Int, on db: any Database) async throws -> Int {
        let window = DisputeRules.answerWindowSeconds
        let candidates = try await ids("""
            SELECT id FROM order_disputes WHERE state = \(bind: DisputeState.open.rawValue) AND answered_at IS NULL
            AND opened_at <= \(bind: now.addingTimeInterval(-TimeInterval(window - NotificationTimers.disputeAnswerReminderSeconds)))
            AND opened_at > \(bind: now.addingTimeInterval(-TimeInterval(window))) ORDER BY opened_at LIMIT \(unsafeRaw: String(limit))
            """, on: db)
        let done = try await posted(candidates.map(answerKey), on: db)
        var sent = 0
        for id in candidates where !done.contains(answerKey(id)) {
            sent += try await WriteTransaction.run(on: db) { tx in
                guard let dispute = try await leaseDispute(id, on: tx),
                      NotificationTimers.answerReminderDue(openedAt: dispute.openedAt, answeredAt: dispute.answeredAt, now: now),
                      let order = try await OrderRecord.find(dispute.orderID, on: tx) else { return 0 }
                let respondent = dispute.openedByID == order.buyerID ? order.sellerID : order.buyerID
                let answerBy = DisputeRules.deadlines(openedAt: dispute.openedAt, answeredAt: nil).answerBy
                let message = NotificationWording.disputeAnswerDue(orderTitle: order.title, answerBy: answerBy,
                                                                   zone: try await Notifications.zone(of: respondent, on: tx))
                let posted = try await Notifications.post(.init(.disputeAnswerDue, to: respondent, message, link: "/orders/\(dispute.orderID.uuidString)",
                                                                dedupeKey: answerKey(id), orderID: dispute.orderID, at: now), on: tx)
                return posted ? 1 : 0
            }
        }
        return sent
    }

    /// Open, answered disputes whose arbiter deadline is within a day: every arbiter who is not a party hears.
    static func disputeDecisions(now: Date, limit: Int, on db: any Database) async throws -> Int {
        let window = DisputeRules.arbiterWindowSeconds
        let candidates = try await ids("""
            SELECT id FROM order_disputes WHERE state = \(bind: DisputeState.open.rawValue) AND answered_at IS NOT NULL
            AND answered_at <= \(bind: now.addingTimeInterval(-TimeInterval(window - NotificationTimers.disputeDecisionReminderSeconds)))
            AND answered_at > \(bind: now.addingTimeInterval(-TimeInterval(window))) ORDER BY answered_at LIMIT \(unsafeRaw: String(limit))
            """, on: db)
        guard !candidates.isEmpty else { return 0 }
        let arbiters = try await arbiterIDs(on: db)
        let done = try await posted(candidates.flatMap { d in arbiters.map { decisionKey(d, arbiter: $0) } }, on: db)
        var sent = 0
        for id in candidates where arbiters.contains(where: { !done.contains(decisionKey(id, arbiter: $0)) }) {
            sent += try await WriteTransaction.run(on: db) { tx in
                guard let dispute = try await leaseDispute(id, on: tx),
                      NotificationTimers.decisionReminderDue(openedAt: dispute.openedAt, answeredAt: dispute.answeredAt, now: now),
                      let decideBy = DisputeRules.deadlines(openedAt: dispute.openedAt, answeredAt: dispute.answeredAt).decideBy,
                      let order = try await OrderRecord.find(dispute.orderID, on: tx) else { return 0 }
                var count = 0
                for arbiter in arbiters where arbiter != order.buyerID && arbiter != order.sellerID {
                    let message = NotificationWording.disputeDecisionDue(orderTitle: order.title, decideBy: decideBy,
                                                                         zone: try await Notifications.zone(of: arbiter, on: tx))
                    if try await Notifications.post(.init(.disputeDecisionDue, to: arbiter, message, link: "/orders/\(dispute.orderID.uuidString)",
                                                          dedupeKey: decisionKey(id, arbiter: arbiter), orderID: dispute.orderID, at: now), on: tx) {
                        count += 1
                    }
                }
                return count
            }
        }
        return sent
    }

    /// Conversations held at least `thankYouReminderAfterSeconds` ago, not yet thanked, still before the thank-you is due.
    static func thankYous(now: Date, limit: Int, on db: any Database) async throws -> Int {
        let candidates = try await ids("""
            SELECT id FROM interviews WHERE held_at IS NOT NULL AND thanked_at IS NULL
            AND held_at <= \(bind: now.addingTimeInterval(-TimeInterval(NotificationTimers.thankYouReminderAfterSeconds)))
            AND held_at > \(bind: now.addingTimeInterval(-TimeInterval(NotificationTimers.thankYouDueSeconds))) ORDER BY held_at LIMIT \(unsafeRaw: String(limit))
            """, on: db)
        let done = try await posted(candidates.map(thankYouKey), on: db)
        var sent = 0
        for id in candidates where !done.contains(thankYouKey(id)) {
            sent += try await WriteTransaction.run(on: db) { tx in
                let lease: SQLQueryString = tx.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
                guard let interview = try await tx.sql.raw("SELECT * FROM interviews WHERE id = \(bind: id)" + lease).first(decodingFluent: InterviewRecord.self),
                      let heldAt = interview.heldAt,
                      NotificationTimers.thankYouReminderDue(heldAt: heldAt, thankedAt: interview.thankedAt, now: now) else { return 0 }
                let explorer = interview.$explorer.id
                let contact = try await ContactRecord.find(interview.$contact.id, on: tx)
                let message = NotificationWording.thankYouDue(contactName: contact?.name ?? "your contact", dueAt: NotificationTimers.thankYouDueAt(heldAt: heldAt),
                                                              zone: try await Notifications.zone(of: explorer, on: tx))
                let posted = try await Notifications.post(.init(.thankYouDue, to: explorer, message, link: "/interviews/\(id.uuidString)/thank-you",
                                                                dedupeKey: thankYouKey(id), at: now), on: tx)
                return posted ? 1 : 0
            }
        }
        return sent
    }

    // MARK: -

    private static func ids(_ query: SQLQueryString, on db: any Database) async throws -> [UUID] {
        struct Row: Decodable { var id: UUID }
        return try await db.sql.raw(query).all(decoding: Row.self).map(\.id)
    }

    /// Which of these dedupe keys were already posted.
    private static func posted(_ keys: [String], on db: any Database) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        struct Row: Decodable { var dedupe_key: String }
        var found: Set<String> = []
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            let rows = try await db.sql.raw("SELECT dedupe_key FROM notifications WHERE dedupe_key IN (\(binds: chunk))").all(decoding: Row.self)
            found.formUnion(rows.map(\.dedupe_key))
        }
        return found
    }

    /// The dispute row, leased (PostgreSQL: skipped while another instance or an answer holds it), if still open.
    private static func leaseDispute(_ id: UUID, on tx: any Database) async throws -> DisputeRecord? {
        let lease: SQLQueryString = tx.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await tx.sql.raw("SELECT * FROM order_disputes WHERE id = \(bind: id) AND state = \(bind: DisputeState.open.rawValue)" + lease)
            .first(decodingFluent: DisputeRecord.self)
    }

    /// Every member with the arbiter role.
    static func arbiterIDs(on db: any Database) async throws -> [UUID] {
        struct Row: Decodable { var id: UUID }
        let query: SQLQueryString = db.kind == .postgres
            ? "SELECT id FROM users WHERE \(bind: MemberRole.arbiter.rawValue) = ANY(roles) ORDER BY id"
            : "SELECT id FROM users WHERE roles LIKE \(bind: "%\"\(MemberRole.arbiter.rawValue)\"%") ORDER BY id"
        return try await db.sql.raw(query).all(decoding: Row.self).map(\.id)
    }
}
