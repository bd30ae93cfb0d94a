// Custom orders paid in milestones: each milestone is funded, delivered and released through its own hold.
import Vapor
import Fluent
import GuildCore

struct MilestoneInput: Content {
    var title: String
    var amountCents: Int64
    var dueDate: Date
}

struct CreateCustomOrderRequest: Content {
    var sellerId: UUID?
    var title: String?
    var milestones: [MilestoneInput]?
}

enum MilestoneWorkflow {
    static func place(_ body: CreateCustomOrderRequest, buyer: User, services: OrderServices, on db: any Database) async throws -> OrderRecord {
        let buyerID = try buyer.requireID()
        var problems: [ValidationError] = []
        let title = (body.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > MilestoneRules.maximumTitleLength { problems.append(.init(field: "title", reason: "must be 1 to \(MilestoneRules.maximumTitleLength) characters")) }
        if body.sellerId == nil { problems.append(.init(field: "sellerId", reason: "is required")) }
        if body.sellerId == buyerID { problems.append(.init(field: "sellerId", reason: "is you; a member cannot buy from themselves")) }
        let milestones = (body.milestones ?? []).map { Milestone(title: $0.title.trimmingCharacters(in: .whitespacesAndNewlines), amountCents: $0.amountCents, dueDate: $0.dueDate) }
        do { try MilestoneRules.validate(milestones, maximumTotalCents: MoneyLimits.maximumAmountCents, now: services.now) } catch { problems += error.errors }
        if !problems.isEmpty { throw ValidationErrors(problems) }
        guard let sellerID = body.sellerId, try await User.find(sellerID, on: db) != nil else {
            throw ValidationError(field: "sellerId", reason: "does not name a member")
        }
        let now = services.now
        let order = OrderRecord()
        order.id = UUID()
        order.buyerID = buyerID
        order.sellerID = sellerID
        order.gigID = nil
        order.orderKind = .custom
        order.title = title
        order.packageName = "\(milestones.count) milestones"
        order.priceCents = milestones.reduce(0) { $0 + $1.amountCents }
        let lastDue = milestones.map(\.dueDate).max() ?? now
        order.deliveryDays = max(1, Int((lastDue.timeIntervalSince(now) / Double(OrderProcess.daySeconds)).rounded(.up)))
        order.revisionsAllowed = 0
        order.feeBasisPoints = services.settings.feePolicy.basisPoints
        order.state = OrderState.awaitingPayment.rawValue
        order.stateEnteredAt = now
        order.revisionsUsed = 0
        order.dueAt = lastDue
        order.createdAt = now
        order.updatedAt = now
        let rows = milestones.enumerated().map { i, m in
            let r = MilestoneRecord()
            r.id = UUID(); r.orderID = order.id!; r.position = i; r.title = m.title; r.amountCents = m.amountCents
            r.dueDate = m.dueDate; r.state = MilestoneProgress.State.awaitingFunding.rawValue
            return r
        }
        try await WriteTransaction.run(on: db) { tx in
            try await order.create(on: tx)
            try await rows.create(on: tx)
            try await OrderEventRecord.append(orderID: order.id!, event: "place", from: "", to: order.state, actor: OrderActor.buyer.rawValue,
                                              actorID: buyerID, note: "\(milestones.count) milestones, \(MoneyFormat.format(cents: order.priceCents))",
                                              at: now, on: tx)
        }
        return order
    }

    static func progress(_ r: MilestoneRecord) -> MilestoneProgress {
        MilestoneProgress(index: r.position, milestone: Milestone(title: r.title, amountCents: r.amountCents, dueDate: r.dueDate),
                          state: MilestoneProgress.State(rawValue: r.state) ?? .awaitingFunding, holdID: r.holdID, deliveredAt: r.deliveredAt)
    }

    /// One milestone step, inside the caller's transaction. The order row is locked first, as for every order step.
    /// `party` is the member taking the step, or (for `fund` under the manual provider) the admin confirming the
    /// buyer's bank transfer, which takes the buyer's step without charging anything, or (for `accept`) Guild itself
    /// when the milestone's auto-accept timer is due (`MilestoneTimers`): the same release, recorded as
    /// `auto_accept_milestone` by the system.
    static func step(_ action: MilestoneStep, orderID: UUID, index: Int, by party: OrderParty, message: String = "",
                     services: OrderServices, on tx: any Database) async throws -> OrderRecord {
        let now = services.now
        let order = try await OrderWorkflow.lockOrder(orderID, on: tx)
        let actor: OrderActor
        let actorID: UUID?
        switch party {
        case .member(let user):
            guard let side = order.actor(for: user) else { throw APIError.notFound("That order") }
            (actor, actorID) = (side, user.id)
        case .depositConfirmed(let adminID):
            guard action == .fund else { throw ConflictError(code: "forbidden_actor", message: "a confirmed deposit only funds a milestone") }
            (actor, actorID) = (.buyer, adminID)
        case .system:
            guard action == .accept else { throw ConflictError(code: "forbidden_actor", message: "Guild only accepts a milestone on its own, on its timer") }
            (actor, actorID) = (.system, nil)
        }
        guard order.orderKind == .custom else {
            throw ConflictError(code: "not_a_milestone_order", message: "this order has no milestones; use the order's own steps")
        }
        let from = order.orderState
        guard from == .awaitingPayment || from == .inProgress else {
            throw ConflictError(code: "illegal_transition", message: "cannot \(action.rawValue) a milestone of an order that is \(from.rawValue)")
        }
        let all = try await MilestoneRecord.query(on: tx).filter(\.$orderID == orderID).sort(\.$position).all()
        guard all.indices.contains(index) else { throw APIError.notFound("That milestone") }
        let record = all[index]
        var p = progress(record)
        let needed: OrderActor = action == .deliver ? .seller : .buyer
        guard actor == needed || actor == .system else {
            throw ConflictError(code: "forbidden_actor", message: "only the \(needed.rawValue) can \(action.rawValue) a milestone")
        }
        var sellerNet: Int64 = 0
        switch action {
        case .fund:
            let funding = try p.fund(holdID: UUID(), orderID: orderID, buyer: order.buyerID, seller: order.sellerID,
                                     feePolicy: order.feePolicy, provider: services.provider.name, now: now)
            try await LedgerStore.post(funding.postings, orderID: orderID, now: now, on: tx)
            try await HoldRecord(funding.hold).create(on: tx)
            if case .depositConfirmed = party {
                // The money already arrived by bank transfer; nothing to charge.
            } else {
                // Charged last: a declined charge throws and takes every write above with it.
                try await services.provider.charge(buyer: order.buyerID, amountCents: record.amountCents, reference: funding.hold.id)
            }
            if order.fundedAt == nil { order.fundedAt = now }
        case .deliver:
            try p.deliver(at: now)
            record.deliveredAt = p.deliveredAt
            let delivery = DeliveryRecord()
            delivery.id = UUID(); delivery.orderID = orderID; delivery.milestoneID = record.id
            delivery.message = message.isEmpty ? "Milestone \(index + 1) delivered" : message
            delivery.links = []; delivery.createdAt = now
            try await delivery.create(on: tx)
            if order.deliveredAt == nil { order.deliveredAt = now }
        case .accept:
            guard let holdID = p.holdID, let hold = try await HoldRecord.find(holdID, on: tx) else {
                throw ConflictError(code: "illegal_transition", message: "cannot accept milestone \(index + 1) while it is \(p.state.rawValue)")
            }
            // Guild's auto-accept is the buyer's release, allowed only once its timer is due (never under a dispute).
            let resolution = actor == .system ? try p.autoRelease(hold.hold, orderState: from, now: now) : try p.release(hold.hold, now: now)
            try await LedgerStore.post(resolution.postings, orderID: orderID, now: now, on: tx)
            hold.update(from: resolution.hold)
            try await hold.save(on: tx)
            sellerNet = resolution.hold.outcome?.sellerNetCents ?? 0
        }
        record.state = p.state.rawValue
        record.holdID = p.holdID
        try await record.save(on: tx)
        let to = MilestonePlan.orderState(for: all.map { $0.id == record.id ? p.state : (MilestoneProgress.State(rawValue: $0.state) ?? .awaitingFunding) }) ?? from
        if to != from {
            order.state = to.rawValue
            order.stateEnteredAt = now
            if to == .completed { order.completedAt = now }
        }
        order.updatedAt = now
        try await order.save(on: tx)
        if action != .deliver {
            // The escrow changed (a milestone funded or released): an open settlement no longer divides what is held.
            try await SettlementRecord.lapseOpen(orderID: orderID, at: now, on: tx)
        }
        let event = actor == .system ? "auto_accept_milestone" : "\(action.rawValue)_milestone"
        try await OrderEventRecord.append(orderID: orderID, event: event, from: from.rawValue, to: to.rawValue,
                                          actor: actor.rawValue, actorID: actorID, note: "milestone \(index + 1): \(record.title)", at: now, on: tx)
        try await NotificationEvents.milestoneStepped(order, action: action, milestone: record, now: now, on: tx)
        if sellerNet > 0 || to == .completed {
            try await SellerStatsUpdate.milestoneReleased(order: order, netCents: sellerNet, completed: to == .completed && from != .completed, on: tx)
        }
        return order
    }

    /// A dispute needs money in escrow: at least one milestone funded or delivered (409 `no_escrow` otherwise).
    static func requireDisputeEscrow(_ order: OrderRecord, on tx: any Database) async throws {
        let rows = try await MilestoneRecord.query(on: tx).filter(\.$orderID == order.id!).sort(\.$position).all()
        try MilestoneDispute.requireEscrow(rows.map(progress), orderState: order.orderState)
    }

    /// The milestones whose money is still in escrow, as the dispute rules see them.
    static func openMilestones(orderID: UUID, on db: any Database) async throws -> [OpenMilestone] {
        let rows = try await MilestoneRecord.query(on: db).filter(\.$orderID == orderID).sort(\.$position).all()
        return MilestoneDispute.openMilestones(rows.map(progress))
    }

    struct DisputeSettlement {
        var dispute: DisputeRecord?
        var note: String
        var sellerNetCents: Int64
        /// Every open hold's release, refund or split, for the order step to post with the rest of its writes.
        var postings: [Posting]
    }

    /// Resolves the open dispute of a milestone order, inside the order step's transaction: the arbiter's split
    /// (or the published default) divides what is still in escrow, each open milestone's hold is released, refunded
    /// or split exactly once, and released milestones are left alone. The postings are returned, not applied:
    /// `OrderWorkflow.perform` posts them last, with the step's other writes already made.
    static func settleDispute(order: OrderRecord, actor: OrderActor, actorID: UUID?, input: OrderStepInput, now: Date,
                              on tx: any Database) async throws -> DisputeSettlement {
        let orderID = try order.requireID()
        let rows = try await MilestoneRecord.query(on: tx).filter(\.$orderID == orderID).sort(\.$position).all()
        let byPosition = Dictionary(uniqueKeysWithValues: rows.map { ($0.position, $0) })
        let open = MilestoneDispute.openMilestones(rows.map(progress))
        let outcome: DisputeOutcome
        if let given = input.defaultOutcome ?? input.agreedOutcome {
            outcome = given
        } else {
            outcome = try MilestoneDispute.outcome(sellerCents: input.sellerCents ?? -1, buyerCents: input.buyerCents ?? -1, open: open, actor: actor)
        }
        let shares = try MilestoneDispute.divide(sellerCents: outcome.sellerCents, buyerCents: outcome.buyerCents, over: open)
        var postings: [Posting] = []
        var sellerNet: Int64 = 0
        for share in shares {
            guard let record = byPosition[share.index], let holdID = record.holdID, let hold = try await HoldRecord.find(holdID, on: tx) else {
                throw ConflictError(code: "no_escrow", message: "milestone \(share.index + 1) has no escrowed money")
            }
            var p = progress(record)
            let resolution: EscrowResolution
            switch share.resolution {
            case .release: resolution = try p.release(hold.hold, now: now)
            case .refund: resolution = try p.refund(hold.hold, now: now)
            case .split: resolution = try p.split(hold.hold, sellerCents: share.sellerCents, buyerCents: share.buyerCents, now: now)
            }
            postings += resolution.postings
            hold.update(from: resolution.hold)
            try await hold.writeOutcome(on: tx)
            record.state = p.state.rawValue
            try await record.save(on: tx)
            sellerNet += resolution.hold.outcome?.sellerNetCents ?? 0
        }
        let dispute = try await DisputeWorkflow.closeOpen(orderID: orderID, with: outcome, by: actorID, at: now, on: tx)
        let settled = shares.map { "milestone \($0.index + 1) \($0.resolution.rawValue)" }.joined(separator: ", ")
        return DisputeSettlement(dispute: dispute,
                                 note: "seller \(outcome.sellerCents), buyer \(outcome.buyerCents) (\(outcome.reason.rawValue)): \(settled)",
                                 sellerNetCents: sellerNet, postings: postings)
    }

    /// A cancellation of a milestone order refunds every funded milestone; released ones stay paid.
    static func refundOpen(order: OrderRecord, now: Date, on tx: any Database) async throws {
        let rows = try await MilestoneRecord.query(on: tx).filter(\.$orderID == order.id!).sort(\.$position).all()
        for record in rows {
            var p = progress(record)
            guard p.state == .funded || p.state == .delivered, let holdID = p.holdID, let hold = try await HoldRecord.find(holdID, on: tx) else { continue }
            let resolution = try p.refund(hold.hold, now: now)
            try await LedgerStore.post(resolution.postings, orderID: order.id, now: now, on: tx)
            hold.update(from: resolution.hold)
            try await hold.save(on: tx)
            record.state = p.state.rawValue
            try await record.save(on: tx)
        }
    }
}

struct MilestoneDTO: Content {
    var index: Int
    var title: String
    var amountCents: Int64
    var feeCents: Int64
    var netCents: Int64
    var dueDate: Date
    var state: String
    /// When the seller delivered it (nil before delivery).
    var deliveredAt: Date?
    /// While it waits for the buyer after delivery: when Guild accepts it if the buyer stays silent (nil while the
    /// order is disputed: the timer does not run then).
    var autoAcceptAt: Date?

    init(_ r: MilestoneRecord, fee: FeePolicy, orderState: OrderState) {
        let q = (try? fee.quote(priceCents: r.amountCents)) ?? FeeQuote(priceCents: r.amountCents, feeCents: 0, netCents: r.amountCents, basisPoints: fee.basisPoints)
        index = r.position; title = r.title; amountCents = r.amountCents; feeCents = q.feeCents; netCents = q.netCents
        dueDate = r.dueDate; state = r.state
        deliveredAt = r.deliveredAt
        let waiting = r.state == MilestoneProgress.State.delivered.rawValue && MilestoneTimers.runs(orderState: orderState)
        autoAcceptAt = waiting ? r.deliveredAt.map { MilestoneTimers.autoAcceptAt(deliveredAt: $0) } : nil
    }
}
