// Settlements without an arbiter: propose, accept, decline, withdraw. Each runs inside the caller's transaction with
// the order row locked first, as every order step does, so a settlement and an arbiter's decision on the same order
// queue on that lock and only the first can end it.
import Vapor
import Fluent
import GuildCore

enum SettlementWorkflow {
    /// Either party proposes a split of what is in escrow now; an open proposal (theirs or the other side's) is replaced.
    static func propose(orderID: UUID, by user: User, sellerCents: Int64?, buyerCents: Int64?, now: Date,
                        on tx: any Database) async throws -> (SettlementRecord, OrderRecord) {
        let order = try await OrderWorkflow.lockOrder(orderID, on: tx)
        guard let side = order.actor(for: user) else { throw APIError.notFound("That order") }
        let escrowed = try await DisputeWorkflow.escrowedCents(of: order, on: tx)
        try SettlementRules.requireCanPropose(actor: side, orderState: order.orderState, escrowedCents: escrowed)
        let split = try SettlementRules.validateSplit(sellerCents: sellerCents, buyerCents: buyerCents, escrowedCents: escrowed)
        try await SettlementRecord.closeOpen(orderID: orderID, as: .replaced, at: now, on: tx)
        let record = SettlementRecord()
        record.id = UUID()
        record.orderID = orderID
        record.proposedBy = side.rawValue
        record.proposedByID = try user.requireID()
        record.sellerCents = split.sellerCents
        record.buyerCents = split.buyerCents
        record.escrowedCents = escrowed
        record.state = SettlementState.open.rawValue
        record.createdAt = now
        try await record.create(on: tx)
        try await OrderEventRecord.append(orderID: orderID, event: "propose_settlement", from: order.state, to: order.state,
                                          actor: side.rawValue, actorID: user.id, note: note(record), at: now, on: tx)
        try await NotificationEvents.settlementProposed(record, order: order, proposer: user, now: now, on: tx)
        return (record, order)
    }

    /// The other side accepts: the escrow is divided through the order step (`settle`), exactly as an arbiter's
    /// resolution is, and the proposal is marked accepted in the same transaction.
    static func accept(_ id: UUID?, by user: User, services: OrderServices, on tx: any Database) async throws -> (SettlementRecord, OrderRecord) {
        let (record, order, side) = try await lockForAnswer(id, by: user, on: tx)
        try SettlementRules.requireCanAnswer(record.facts, actor: side)
        let escrowed = try await DisputeWorkflow.escrowedCents(of: order, on: tx)
        let outcome = try SettlementRules.outcome(of: record.facts, escrowedCents: escrowed)
        let result = try await OrderWorkflow.perform(.settle, orderID: order.requireID(), by: .member(user),
                                                     input: .init(agreedOutcome: outcome), services: services, on: tx)
        record.state = SettlementState.accepted.rawValue
        record.answeredByID = user.id
        record.answeredAt = services.now
        try await record.save(on: tx)
        return (record, result.order)
    }

    /// The other side declines: nothing moves, the order goes on.
    static func decline(_ id: UUID?, by user: User, now: Date, on tx: any Database) async throws -> (SettlementRecord, OrderRecord) {
        let (record, order, side) = try await lockForAnswer(id, by: user, on: tx)
        try SettlementRules.requireCanAnswer(record.facts, actor: side)
        return try await close(record, as: .declined, event: "decline_settlement", order: order, side: side, user: user, now: now, on: tx)
    }

    /// The proposer takes it back before an answer.
    static func withdraw(_ id: UUID?, by user: User, now: Date, on tx: any Database) async throws -> (SettlementRecord, OrderRecord) {
        let (record, order, side) = try await lockForAnswer(id, by: user, on: tx)
        try SettlementRules.requireCanWithdraw(record.facts, actor: side)
        return try await close(record, as: .withdrawn, event: "withdraw_settlement", order: order, side: side, user: user, now: now, on: tx)
    }

    /// The order's proposals, newest first, for its parties and arbiters (others get a 404 from `OrderQueries.visible`).
    static func list(orderID: UUID, on db: any Database) async throws -> [SettlementRecord] {
        try await SettlementRecord.query(on: db).filter(\.$orderID == orderID).sort(\.$createdAt, .descending).limit(100).all()
    }

    private static func close(_ record: SettlementRecord, as state: SettlementState, event: String, order: OrderRecord, side: OrderActor,
                              user: User, now: Date, on tx: any Database) async throws -> (SettlementRecord, OrderRecord) {
        record.state = state.rawValue
        record.answeredByID = user.id
        record.answeredAt = now
        try await record.save(on: tx)
        try await OrderEventRecord.append(orderID: order.requireID(), event: event, from: order.state, to: order.state,
                                          actor: side.rawValue, actorID: user.id, note: note(record), at: now, on: tx)
        return (record, order)
    }

    /// Locks the proposal's order, then re-reads the proposal under that lock: an answer, a withdrawal and an arbiter's
    /// decision on the same order see each other's result. Members who are not a party get a 404.
    private static func lockForAnswer(_ id: UUID?, by user: User, on tx: any Database) async throws -> (SettlementRecord, OrderRecord, OrderActor) {
        guard let id, let first = try await SettlementRecord.find(id, on: tx) else { throw APIError.notFound("That settlement") }
        let order = try await OrderWorkflow.lockOrder(first.orderID, on: tx)
        guard let side = order.actor(for: user) else { throw APIError.notFound("That settlement") }
        guard let record = try await SettlementRecord.find(id, on: tx) else { throw APIError.notFound("That settlement") }
        return (record, order, side)
    }

    private static func note(_ r: SettlementRecord) -> String {
        "\(MoneyFormat.format(cents: r.sellerCents)) to the seller, \(MoneyFormat.format(cents: r.buyerCents)) back to the buyer"
    }
}
