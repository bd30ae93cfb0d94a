// The published order timers: expire unpaid orders, remind then auto-accept silent buyers, apply dispute defaults.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum OrderTimers {
    struct RunSummary: Sendable, Equatable {
        var expired = 0
        var reminded = 0
        var autoAccepted = 0
        var disputesDecided = 0
        var failed = 0
    }

    /// One pass over every due timer. Each order is handled in its own transaction; on PostgreSQL the due row is
    /// leased with `FOR UPDATE SKIP LOCKED`, so two instances never act on the same order.
    static func runDue(app: Application, limit: Int = 1_000) async throws -> RunSummary {
        var summary = RunSummary()
        let now = app.clock.now()
        func due(_ name: String) -> Date {
            let timer = OrderProcess.timers.first { $0.name == name }!
            return now.addingTimeInterval(-TimeInterval(timer.afterSeconds))
        }
        let expired = try await each(app: app, state: .awaitingPayment, enteredBefore: due("payment_expiry"), limit: limit, summary: &summary) { order, tx, services in
            _ = try await OrderWorkflow.perform(.expire, orderID: order, by: .system, services: services, on: tx)
            return true
        }
        let autoAccepted = try await each(app: app, state: .delivered, enteredBefore: due("auto_accept"), limit: limit, summary: &summary) { order, tx, services in
            _ = try await OrderWorkflow.perform(.autoAccept, orderID: order, by: .system, services: services, on: tx)
            return true
        }
        let reminded = try await each(app: app, state: .delivered, enteredBefore: due("acceptance_reminder"), unremindedOnly: true,
                                          limit: limit, summary: &summary) { id, tx, services in
            try await remind(id, services: services, on: tx)
            return true
        }
        let disputesDecided = try await each(app: app, state: .disputed, enteredBefore: now.addingTimeInterval(-TimeInterval(DisputeRules.answerWindowSeconds)),
                                                 limit: limit, summary: &summary) { id, tx, services in
            try await applyDisputeDefault(id, services: services, on: tx)
        }
        summary.expired = expired
        summary.autoAccepted = autoAccepted
        summary.reminded = reminded
        summary.disputesDecided = disputesDecided
        return summary
    }

    /// Takes due orders one at a time, each in its own transaction; an order that fails is skipped this pass.
    private static func each(app: Application, state: OrderState, enteredBefore cutoff: Date, unremindedOnly: Bool = false, limit: Int,
                             summary: inout RunSummary,
                             _ body: @escaping @Sendable (UUID, any Database, OrderServices) async throws -> Bool) async throws -> Int {
        var done = 0
        var skipped: [UUID] = []
        while done + skipped.count < limit {
            let services = OrderServices(app: app)
            let exclude = skipped
            do {
                // nil: nothing due; (id, false): due by state but nothing to do yet (skipped this pass).
                let handled: (UUID, Bool)? = try await WriteTransaction.run(on: app.db) { tx in
                    guard let id = try await lease(state: state, enteredBefore: cutoff, unremindedOnly: unremindedOnly, excluding: exclude, on: tx) else {
                        return nil
                    }
                    do {
                        return (id, try await body(id, tx, services))
                    } catch {
                        throw TimerFailure(orderID: id, underlying: error)
                    }
                }
                guard let (id, acted) = handled else { break }
                if acted { done += 1 } else { skipped.append(id) }
            } catch let failure as TimerFailure {
                app.logger.warning("Order timer skipped order \(failure.orderID): \(String(describing: failure.underlying))")
                skipped.append(failure.orderID)
                summary.failed += 1
            }
        }
        return done
    }

    struct TimerFailure: Error { let orderID: UUID; let underlying: any Error }

    private static func lease(state: OrderState, enteredBefore cutoff: Date, unremindedOnly: Bool, excluding: [UUID], on tx: any Database) async throws -> UUID? {
        var select = tx.sql.select().column("id").from(OrderRecord.schema)
            .where("state", .equal, state.rawValue)
            .where("state_entered_at", .lessThanOrEqual, cutoff)
        if unremindedOnly {
            // Reminded once per delivery: a new delivery (after a revision) re-enters the state later than the last reminder.
            select = select.where(group: { $0.where("reminded_at", .is, SQLLiteral.null).orWhere(SQLIdentifier("reminded_at"), .lessThan, SQLIdentifier("state_entered_at")) })
        }
        if !excluding.isEmpty { select = select.where("id", .notIn, excluding) }
        select = select.orderBy("state_entered_at").limit(1)
        if tx.kind == .postgres { select = select.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
        struct Row: Decodable { var id: UUID }
        return try await select.first(decoding: Row.self)?.id
    }

    private static func remind(_ id: UUID, services: OrderServices, on tx: any Database) async throws {
        guard let order = try await OrderRecord.find(id, on: tx) else { return }
        let note = OrderNotificationRecord()
        note.id = UUID()
        note.memberID = order.buyerID
        note.orderID = id
        note.kind = "acceptance_reminder"
        let autoAt = order.stateEnteredAt.addingTimeInterval(TimeInterval(OrderProcess.timers.first { $0.name == "auto_accept" }!.afterSeconds))
        note.text = "The delivery of \"\(order.title)\" will be accepted automatically at \(autoAt.formatted(.iso8601)) unless you accept it, ask for a revision or open a dispute."
        note.createdAt = services.now
        try await note.create(on: tx)
        order.remindedAt = services.now
        try await order.save(on: tx)
    }

    private static func applyDisputeDefault(_ id: UUID, services: OrderServices, on tx: any Database) async throws -> Bool {
        guard let dispute = try await DisputeRecord.query(on: tx).filter(\.$orderID == id).filter(\.$state == "open").first(),
              let order = try await OrderRecord.find(id, on: tx) else { return false }
        let openedBy = OrderActor(rawValue: dispute.openedBy) ?? .buyer
        if order.kind == "custom" {
            // Milestone orders: the default is decided milestone by milestone over what is still in escrow.
            let open = try await MilestoneWorkflow.openMilestones(orderID: id, on: tx)
            guard let outcome = MilestoneDispute.defaultOutcome(openedBy: openedBy, openedAt: dispute.openedAt, answeredAt: dispute.answeredAt,
                                                               open: open, now: services.now) else { return false }
            _ = try await OrderWorkflow.perform(.resolveDispute, orderID: id, by: .system, input: .init(defaultOutcome: outcome),
                                                services: services, on: tx)
            return true
        }
        guard let holdID = order.holdID,
              let hold = try await HoldRecord.find(holdID, on: tx) else { return false }
        let facts = DisputeFacts(openedBy: openedBy, openedAt: dispute.openedAt,
                                 answeredAt: dispute.answeredAt, sellerDelivered: order.deliveredAt != nil, escrowedCents: hold.amountCents)
        guard let outcome = DisputeRules.defaultOutcome(for: facts, now: services.now) else { return false }
        _ = try await OrderWorkflow.perform(.resolveDispute, orderID: id, by: .system, input: .init(defaultOutcome: outcome),
                                            services: services, on: tx)
        return true
    }
}
