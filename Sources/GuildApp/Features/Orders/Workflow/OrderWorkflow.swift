// Runs one step of the order process on one order, inside one transaction: lock, re-read, ask the core, move money, record.
import Vapor
import Fluent
import SQLKit
import GuildCore

/// Who takes a step.
enum OrderParty: Sendable {
    /// A signed-in member: buyer, seller, or (for resolutions) an arbiter.
    case member(User)
    /// Guild itself, on a published timer.
    case system
    /// An admin who confirmed the buyer's bank transfer: the buyer's `fund`, recorded with the admin's id.
    case depositConfirmed(adminID: UUID)
}

/// What a step may carry besides the event.
struct OrderStepInput: Sendable {
    var message: String = ""
    var links: [String] = []
    var reason: String = ""
    /// An arbiter's division of the escrow.
    var sellerCents: Int64?
    var buyerCents: Int64?
    /// The published default outcome, applied by the system after a dispute deadline.
    var defaultOutcome: DisputeOutcome?
    /// A settlement both sides agreed to (`SettlementWorkflow.accept`), already checked against the escrow.
    var agreedOutcome: DisputeOutcome?
}

/// What a step produced.
struct OrderStepResult: Sendable {
    let order: OrderRecord
    let dispute: DisputeRecord?
}

/// Services a step needs: the clock and the payment provider.
struct OrderServices: Sendable {
    let now: Date
    let provider: any PaymentProvider
    let settings: PaymentSettings

    init(app: Application) {
        now = app.clock.now()
        provider = app.paymentProvider
        settings = app.guild.payments
    }
}

enum OrderWorkflow {
    /// Locks the order row (PostgreSQL), then loads it: every step re-reads the state inside its transaction,
    /// so two racing steps see each other's result and only one wins.
    static func lockOrder(_ id: UUID, on tx: any Database) async throws -> OrderRecord {
        let lock: SQLQueryString = tx.kind == .postgres ? " FOR UPDATE" : ""
        guard let order = try await tx.sql.raw("SELECT * FROM orders WHERE id = \(bind: id)" + lock).first(decodingFluent: OrderRecord.self) else {
            throw APIError.notFound("That order")
        }
        return order
    }

    /// The order row locked for a step, with what the step would otherwise read in statements of their own while it
    /// holds the lock (on SQLite, the one write lock: every statement there is a thread hop that other writers wait for).
    struct LockedOrder {
        let order: OrderRecord
        /// Buyer and seller with their setting for the step's notification kind, when it has one.
        let parties: [UUID: Notifications.Party]?
        /// Settlement proposals still waiting for an answer (on PostgreSQL, as of the statement's snapshot, which may
        /// predate the lock).
        let openSettlements: Int
    }

    /// `lockOrder`, and in the same statement the order's open settlements and, when the event may notify
    /// (`NotificationEvents.orderKind`), both parties with their setting for that kind, as `Notifications.parties` reads them.
    static func lockForStep(_ id: UUID, event: OrderEvent, on tx: any Database) async throws -> LockedOrder {
        let kind = NotificationEvents.orderKind(for: event)
        var query: SQLQueryString = """
            SELECT orders.*, (SELECT COUNT(*) FROM order_settlements st WHERE st.order_id = orders.id AND st.state = \(bind: SettlementState.open.rawValue)) AS open_settlements
            """ as SQLQueryString
        if let kind {
            for p in ["pb", "ps"] {
                query += ", \(unsafeRaw: p).id AS \(unsafeRaw: p)_id, \(unsafeRaw: p).display_name AS \(unsafeRaw: p)_display_name, \(unsafeRaw: p).email AS \(unsafeRaw: p)_email"
                query += ", \(unsafeRaw: p).timezone AS \(unsafeRaw: p)_timezone, \(unsafeRaw: p)n.in_app AS \(unsafeRaw: p)_in_app, \(unsafeRaw: p)n.email AS \(unsafeRaw: p)_setting_email"
            }
            query += " FROM orders"
            for (p, column) in [("pb", "buyer_id"), ("ps", "seller_id")] {
                query += " LEFT JOIN users \(unsafeRaw: p) ON \(unsafeRaw: p).id = orders.\(unsafeRaw: column)"
                query += " LEFT JOIN notification_settings \(unsafeRaw: p)n ON \(unsafeRaw: p)n.member_id = orders.\(unsafeRaw: column) AND \(unsafeRaw: p)n.kind = \(bind: kind.setting.rawValue)"
            }
        } else {
            query += " FROM orders"
        }
        query += " WHERE orders.id = \(bind: id)"
        if tx.kind == .postgres { query += " FOR UPDATE OF orders" }
        guard let row = try await tx.sql.raw(query).first() else { throw APIError.notFound("That order") }
        let order = try row.decode(fluentModel: OrderRecord.self)
        var parties: [UUID: Notifications.Party]?
        if let kind {
            var found: [UUID: Notifications.Party] = [:]
            for p in ["pb", "ps"] {
                // A member who is gone is left out, as `Notifications.parties` leaves them out.
                guard let memberID = try row.decode(column: "\(p)_id", as: UUID?.self) else { continue }
                found[memberID] = Notifications.Party(
                    id: memberID, displayName: try row.decode(column: "\(p)_display_name", as: String.self),
                    email: try row.decode(column: "\(p)_email", as: String.self), timezone: try row.decode(column: "\(p)_timezone", as: String.self),
                    kind: kind, storedInApp: try row.decode(column: "\(p)_in_app", as: Bool?.self),
                    storedEmail: try row.decode(column: "\(p)_setting_email", as: Bool?.self))
            }
            parties = found
        }
        return LockedOrder(order: order, parties: parties, openSettlements: try row.decode(column: "open_settlements", as: Int.self))
    }

    /// The actor a party plays on this order. Members who are not part of it get a 404, never a hint it exists.
    static func actor(_ party: OrderParty, on order: OrderRecord, event: OrderEvent) throws -> (OrderActor, UUID?) {
        switch party {
        case .system: return (.system, nil)
        case .depositConfirmed(let adminID): return (.buyer, adminID)
        case .member(let user):
            if let side = order.actor(for: user) { return (side, user.id) }
            if user.has(.arbiter) {
                guard event == .resolveDispute else {
                    throw ConflictError(code: "forbidden_actor", message: "an arbiter can only resolve a dispute on this order")
                }
                return (.arbiter, user.id)
            }
            throw APIError.notFound("That order")
        }
    }

    /// Applies `event` to the order: the core decides, this stores. Call inside `WriteTransaction.run`.
    static func perform(_ event: OrderEvent, orderID: UUID, by party: OrderParty, input: OrderStepInput = .init(),
                        services: OrderServices, on tx: any Database) async throws -> OrderStepResult {
        let now = services.now
        let locked = try await lockForStep(orderID, event: event, on: tx)
        let order = locked.order
        let (actor, actorID) = try actor(party, on: order, event: event)
        let from = order.orderState
        if order.orderKind == .custom {
            if MilestonePlan.packageOnlyEvents.contains(event) {
                throw ConflictError(code: "use_milestones", message: "this order is paid in milestones; \(event.rawValue) each one at /api/v1/orders/\(orderID.uuidString.lowercased())/milestones/{n}")
            }
            if event == .openDispute, OrderProcess.transition(from: from, event: event) != nil {
                // A milestone dispute covers only the money still in escrow; with none there is nothing to divide.
                try await MilestoneWorkflow.requireDisputeEscrow(order, on: tx)
            }
        }
        let to = try OrderProcess.apply(event: event, actor: actor, from: from, facts: order.facts)
        guard let transition = OrderProcess.transition(from: from, event: event) else {
            throw ConflictError(code: "illegal_transition", message: "cannot \(event.rawValue) an order that is \(from.rawValue)")
        }
        var note = ""
        var dispute: DisputeRecord?
        var sellerNetCents: Int64 = 0
        // The step's ledger postings, applied at the end (see below).
        var postings: [Posting] = []
        var chargeHold: UUID?

        // Money first: if any of it fails, the whole step rolls back.
        switch transition.money {
        case .none:
            break
        case .fundEscrow:
            let funding = try Escrow.fund(holdID: UUID(), orderID: orderID, buyer: order.buyerID, seller: order.sellerID,
                                          amountCents: order.priceCents, feePolicy: order.feePolicy,
                                          provider: services.provider.name, now: now)
            postings = funding.postings
            try await HoldRecord.insert(funding.hold, on: tx)
            order.holdID = funding.hold.id
            order.fundedAt = now
            order.dueAt = now.addingTimeInterval(TimeInterval(order.deliveryDays * OrderProcess.daySeconds))
            if case .depositConfirmed = party {
                // The money already arrived by bank transfer; nothing to charge.
            } else {
                chargeHold = funding.hold.id
            }
        case .refundToBuyer where order.orderKind == .custom:
            try await MilestoneWorkflow.refundOpen(order: order, now: now, on: tx)
        case .divideByOutcome where order.orderKind == .custom:
            let settled = try await MilestoneWorkflow.settleDispute(order: order, actor: actor, actorID: actorID, input: input, now: now, on: tx)
            (dispute, note, sellerNetCents, postings) = (settled.dispute, settled.note, settled.sellerNetCents, settled.postings)
        case .releaseToSeller, .refundToBuyer, .divideByOutcome:
            guard let holdID = order.holdID, let holdRecord = try await HoldRecord.load(holdID, on: tx) else {
                throw ConflictError(code: "no_escrow", message: "this order has no escrowed money")
            }
            let resolution: EscrowResolution
            switch transition.money {
            case .releaseToSeller:
                resolution = try Escrow.release(holdRecord.hold, now: now)
            case .refundToBuyer:
                resolution = try Escrow.refund(holdRecord.hold, now: now)
            default:
                let outcome: DisputeOutcome
                if let given = input.defaultOutcome ?? input.agreedOutcome {
                    outcome = given
                } else {
                    outcome = try DisputeRules.outcome(sellerCents: input.sellerCents ?? -1, buyerCents: input.buyerCents ?? -1,
                                                       escrowedCents: holdRecord.amountCents, actor: actor)
                }
                resolution = try outcome.resolve(holdRecord.hold, now: now)
                note = "seller \(outcome.sellerCents), buyer \(outcome.buyerCents) (\(outcome.reason.rawValue))"
                dispute = try await DisputeWorkflow.closeOpen(orderID: orderID, with: outcome, by: actorID, at: now, on: tx)
            }
            postings = resolution.postings
            holdRecord.update(from: resolution.hold)
            try await holdRecord.writeOutcome(on: tx)
            sellerNetCents = resolution.hold.outcome?.sellerNetCents ?? 0
        }

        // Then the order's own facts.
        switch event {
        case .deliver:
            if order.deliveredAt == nil { order.deliveredAt = now }
            try await DeliveryRecord.insert(orderID: orderID, milestoneID: nil, message: input.message, links: input.links, at: now, on: tx)
            note = input.message
        case .requestRevision:
            order.revisionsUsed += 1
            note = input.message
        case .proposeCancellation where to == from:
            order.cancellationProposedBy = actor.rawValue
            note = input.reason
        case .acceptCancellation:
            order.cancellationProposedBy = nil
        case .openDispute:
            let record = DisputeRecord()
            record.id = UUID()
            record.orderID = orderID
            record.openedBy = actor.rawValue
            record.openedByID = actorID ?? order.buyerID
            record.reason = input.reason
            record.openedAt = now
            record.state = DisputeState.open.rawValue
            try await record.create(on: tx)
            dispute = record
            note = input.reason
        default:
            break
        }
        if let kind = CancellationKind.of(from: from, event: event, actor: actor) { order.cancellationKind = kind.rawValue }
        if to != from {
            order.state = to.rawValue
            order.stateEnteredAt = now
            if to.isTerminal { order.cancellationProposedBy = nil }
        }
        if to == .completed { order.completedAt = now }
        if to != from, to.isTerminal, event != .settle, OrderProcess.transitions(from: from).contains(where: { $0.event == .settle }) {
            // A settlement still waiting for an answer can no longer be accepted once the order ended another way.
            // The count read with the lock holds on SQLite (one writer at a time). On PostgreSQL a proposal committed while
            // this step waited for the row lock is not in the statement's snapshot: the update always runs there.
            if locked.openSettlements > 0 || tx.kind == .postgres {
                try await SettlementRecord.lapseOpen(orderID: orderID, at: now, on: tx)
            }
        }
        if to != from, to.isTerminal, from == .awaitingPayment || order.orderKind == .custom {
            // A bank transfer announced for an order that ended unpaid will never be confirmed: it leaves the
            // admins' list, and confirming it later is refused.
            try await tx.sql.raw("UPDATE ledger_deposits SET state = \(bind: DepositState.void.rawValue) WHERE order_id = \(bind: orderID) AND state = \(bind: DepositState.pending.rawValue)").run()
        }
        order.updatedAt = now
        try await order.writeProgress(on: tx)
        try await OrderEventRecord.append(orderID: orderID, event: event.rawValue, from: from.rawValue, to: to.rawValue,
                                          actor: actor.rawValue, actorID: actorID, note: String(note.prefix(500)), at: now, on: tx)
        try await NotificationEvents.orderStepped(order, event: event, from: from, to: to, actor: actor, dispute: dispute,
                                                parties: locked.parties, now: now, on: tx)
        try await SellerStatsUpdate.apply(order: order, from: from, event: event, actor: actor, sellerNetCents: sellerNetCents, on: tx)
        // The ledger last: on PostgreSQL the shared escrow and platform account rows are then locked only from here
        // to the commit, so that steps of different orders queue on them as briefly as possible.
        try await LedgerStore.post(postings, orderID: orderID, now: now, on: tx)
        if let chargeHold {
            // Charged after every write: a declined charge throws and takes all of them with it.
            try await services.provider.charge(buyer: order.buyerID, amountCents: order.priceCents, reference: chargeHold)
        }
        return OrderStepResult(order: order, dispute: dispute)
    }
}
