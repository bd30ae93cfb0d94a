// The published order timers: expire unpaid orders, remind then auto-accept silent buyers (of package deliveries and
// of delivered milestones alike), apply dispute defaults.
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
        var milestonesReminded = 0
        var milestonesAutoAccepted = 0
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
        // Delivered milestones of custom orders: the same delays, anchored at each milestone's delivery. Released
        // first, then reminded, as for package deliveries, so that a pass never reminds about what it then releases.
        let milestonesAutoAccepted = try await eachMilestone(app: app, deliveredBefore: MilestoneTimers.autoAccept, now: now, limit: limit,
                                                             summary: &summary) { id, tx, services in
            try await autoAcceptMilestone(id, services: services, on: tx)
        }
        let milestonesReminded = try await eachMilestone(app: app, deliveredBefore: MilestoneTimers.reminder, now: now, unremindedOnly: true,
                                                         limit: limit, summary: &summary) { id, tx, services in
            try await remindMilestone(id, services: services, on: tx)
        }
        summary.expired = expired
        summary.autoAccepted = autoAccepted
        summary.reminded = reminded
        summary.disputesDecided = disputesDecided
        summary.milestonesAutoAccepted = milestonesAutoAccepted
        summary.milestonesReminded = milestonesReminded
        return summary
    }

    /// Takes due orders one at a time, each in its own transaction; an order that fails is skipped this pass.
    private static func each(app: Application, state: OrderState, enteredBefore cutoff: Date, unremindedOnly: Bool = false, limit: Int,
                             summary: inout RunSummary,
                             _ body: @escaping @Sendable (UUID, any Database, OrderServices) async throws -> Bool) async throws -> Int {
        try await leasing(app: app, what: "order", limit: limit, summary: &summary, lease: { exclude, tx in
            try await lease(state: state, enteredBefore: cutoff, unremindedOnly: unremindedOnly, excluding: exclude, on: tx)
        }, body)
    }

    /// Takes due milestones one at a time, each in its own transaction (its order leased, as for the order timers).
    private static func eachMilestone(app: Application, deliveredBefore timer: OrderTimer, now: Date, unremindedOnly: Bool = false, limit: Int,
                                      summary: inout RunSummary,
                                      _ body: @escaping @Sendable (UUID, any Database, OrderServices) async throws -> Bool) async throws -> Int {
        let cutoff = now.addingTimeInterval(-TimeInterval(timer.afterSeconds))
        return try await leasing(app: app, what: "milestone", limit: limit, summary: &summary, lease: { exclude, tx in
            try await leaseMilestone(deliveredBefore: cutoff, unremindedOnly: unremindedOnly, excluding: exclude, on: tx)
        }, body)
    }

    /// The loop shared by every timer: lease one due row (an order or a milestone id) and act on it in one
    /// transaction; a row that fails, or that turns out to have nothing to do, is skipped for the rest of this pass.
    private static func leasing(app: Application, what: String, limit: Int, summary: inout RunSummary,
                                lease: @escaping @Sendable ([UUID], any Database) async throws -> UUID?,
                                _ body: @escaping @Sendable (UUID, any Database, OrderServices) async throws -> Bool) async throws -> Int {
        var done = 0
        var skipped: [UUID] = []
        while done + skipped.count < limit {
            let services = OrderServices(app: app)
            let exclude = skipped
            do {
                // nil: nothing due; (id, false): due by state but nothing to do yet (skipped this pass).
                let handled: (UUID, Bool)? = try await WriteTransaction.run(on: app.db) { tx in
                    guard let id = try await lease(exclude, tx) else { return nil }
                    do {
                        return (id, try await body(id, tx, services))
                    } catch {
                        throw TimerFailure(id: id, underlying: error)
                    }
                }
                guard let (id, acted) = handled else { break }
                if acted { done += 1 } else { skipped.append(id) }
            } catch let failure as TimerFailure {
                app.logger.warning("Order timer skipped \(what) \(failure.id): \(String(describing: failure.underlying))")
                skipped.append(failure.id)
                summary.failed += 1
            }
        }
        return done
    }

    struct TimerFailure: Error { let id: UUID; let underlying: any Error }

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

    /// The next delivered milestone due by `cutoff` on an order in progress (a disputed order's milestones wait for
    /// the dispute). The order row is what is leased, with `FOR UPDATE SKIP LOCKED` on PostgreSQL: every milestone
    /// step locks its order first, so the timer and a buyer's accept queue on the same row, in the same order.
    private static func leaseMilestone(deliveredBefore cutoff: Date, unremindedOnly: Bool, excluding: [UUID], on tx: any Database) async throws -> UUID? {
        var query: SQLQueryString = """
            SELECT m.id AS id FROM order_milestones m JOIN orders o ON o.id = m.order_id
            WHERE m.state = \(bind: MilestoneProgress.State.delivered.rawValue) AND o.state = \(bind: OrderState.inProgress.rawValue)
            AND m.delivered_at IS NOT NULL AND m.delivered_at <= \(bind: cutoff)
            """ as SQLQueryString
        if unremindedOnly { query += " AND m.reminded_at IS NULL" }
        if !excluding.isEmpty { query += " AND m.id NOT IN (\(binds: excluding))" }
        query += " ORDER BY m.delivered_at, m.id LIMIT 1"
        if tx.kind == .postgres { query += " FOR UPDATE OF o SKIP LOCKED" }
        struct Row: Decodable { var id: UUID }
        return try await tx.sql.raw(query).first(decoding: Row.self)?.id
    }

    /// Releases one due milestone through the buyer's own accept step, taken by the system. The milestone is read
    /// again under the order's lock: if the buyer accepted or disputed meanwhile, there is nothing to do.
    private static func autoAcceptMilestone(_ id: UUID, services: OrderServices, on tx: any Database) async throws -> Bool {
        guard let (record, order) = try await milestoneAndOrder(id, on: tx),
              MilestoneTimers.due(state: MilestoneWorkflow.progress(record).state, orderState: order.orderState, deliveredAt: record.deliveredAt,
                                  remindedAt: record.remindedAt, now: services.now) == .release else { return false }
        _ = try await MilestoneWorkflow.step(.accept, orderID: order.requireID(), index: record.position, by: .system, services: services, on: tx)
        return true
    }

    /// Tells the buyer when a delivered milestone will be accepted automatically; once per milestone.
    private static func remindMilestone(_ id: UUID, services: OrderServices, on tx: any Database) async throws -> Bool {
        guard let (record, order) = try await milestoneAndOrder(id, on: tx),
              MilestoneTimers.due(state: MilestoneWorkflow.progress(record).state, orderState: order.orderState, deliveredAt: record.deliveredAt,
                                  remindedAt: record.remindedAt, now: services.now) == .remind,
              let deliveredAt = record.deliveredAt else { return false }
        let autoAt = MilestoneTimers.autoAcceptAt(deliveredAt: deliveredAt)
        try await NotificationEvents.milestoneAcceptanceReminder(order, milestone: record, autoAcceptAt: autoAt, now: services.now, on: tx)
        try await PlainSQL.update(MilestoneRecord.schema, set: ["reminded_at": services.now], id: id, on: tx)
        return true
    }

    private static func milestoneAndOrder(_ id: UUID, on tx: any Database) async throws -> (MilestoneRecord, OrderRecord)? {
        guard let record = try await tx.sql.raw("SELECT * FROM order_milestones WHERE id = \(bind: id)").first(decodingFluent: MilestoneRecord.self),
              let order = try await tx.sql.raw("SELECT * FROM orders WHERE id = \(bind: record.orderID)").first(decodingFluent: OrderRecord.self)
        else { return nil }
        return (record, order)
    }

    private static func remind(_ id: UUID, services: OrderServices, on tx: any Database) async throws {
        guard let order = try await OrderRecord.find(id, on: tx) else { return }
        let autoAt = order.stateEnteredAt.addingTimeInterval(TimeInterval(OrderProcess.autoAcceptSeconds))
        try await NotificationEvents.acceptanceReminder(order, autoAcceptAt: autoAt, now: services.now, on: tx)
        order.remindedAt = services.now
        try await order.save(on: tx)
    }

    private static func applyDisputeDefault(_ id: UUID, services: OrderServices, on tx: any Database) async throws -> Bool {
        guard let dispute = try await DisputeRecord.query(on: tx).filter(\.$orderID == id).filter(\.$state == DisputeState.open.rawValue).first(),
              let order = try await OrderRecord.find(id, on: tx) else { return false }
        let openedBy = OrderActor(rawValue: dispute.openedBy) ?? .buyer
        if order.orderKind == .custom {
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
        guard let outcome = DisputeRules.defaultOutcome(for: dispute.facts(on: order, escrowedCents: hold.amountCents), now: services.now) else { return false }
        _ = try await OrderWorkflow.perform(.resolveDispute, orderID: id, by: .system, input: .init(defaultOutcome: outcome),
                                            services: services, on: tx)
        return true
    }
}
