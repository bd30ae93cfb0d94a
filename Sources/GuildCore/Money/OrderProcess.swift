// The order state machine as data: states, events, who may take each step, what it does to money, timers.
import Foundation

public enum OrderState: String, Codable, Sendable, CaseIterable {
    case awaitingPayment = "awaiting_payment"
    case inProgress = "in_progress"
    case delivered
    case completed
    case cancelled
    case disputed
    case resolved
    case expired

    /// No event leaves a terminal state: the order's money has settled for good.
    public var isTerminal: Bool { OrderProcess.transitions(from: self).isEmpty }
}

public enum OrderEvent: String, Codable, Sendable, CaseIterable {
    case fund
    case deliver
    case accept
    case requestRevision = "request_revision"
    case proposeCancellation = "propose_cancellation"
    case acceptCancellation = "accept_cancellation"
    case cancelBySeller = "cancel_by_seller"
    case openDispute = "open_dispute"
    case resolveDispute = "resolve_dispute"
    /// The other side accepts a proposed settlement (`SettlementRules`): the escrow is divided as agreed.
    case settle
    case autoAccept = "auto_accept"
    case expire
}

public enum OrderActor: String, Codable, Sendable, CaseIterable {
    case buyer
    case seller
    case arbiter
    /// Guild itself, acting on a published timer.
    case system
}

/// What a transition does to the order's escrow, so the app moves money from the table, not from ifs.
public enum OrderMoneyEffect: String, Codable, Sendable, CaseIterable {
    case none
    /// `Escrow.fund`: the buyer pays into a new hold.
    case fundEscrow = "fund_escrow"
    /// `Escrow.release`: the seller is paid, minus the fee.
    case releaseToSeller = "release_to_seller"
    /// `Escrow.refund`: the buyer gets everything back.
    case refundToBuyer = "refund_to_buyer"
    /// `Escrow.split` (or release/refund) as the dispute outcome says.
    case divideByOutcome = "divide_by_outcome"
}

public struct OrderTransition: Codable, Equatable, Sendable {
    public let from: OrderState
    public let event: OrderEvent
    public let to: OrderState
    public let actors: Set<OrderActor>
    public let money: OrderMoneyEffect
    public let description: String

    public init(from: OrderState, event: OrderEvent, to: OrderState, actors: Set<OrderActor>,
                money: OrderMoneyEffect, description: String) {
        self.from = from
        self.event = event
        self.to = to
        self.actors = actors
        self.money = money
        self.description = description
    }
}

/// A published timer: while an order stays in `state`, `afterSeconds` past its anchor, Guild acts.
public struct OrderTimer: Codable, Equatable, Sendable {
    public enum Anchor: String, Codable, Sendable {
        /// When the order last entered `state` (a new delivery restarts the clock).
        case enteredState = "entered_state"
        /// When the other side answered the dispute.
        case disputeAnswered = "dispute_answered"
    }

    public let name: String
    public let state: OrderState
    public let anchor: Anchor
    public let afterSeconds: Int
    /// The event the system takes when the timer fires, or nil for a reminder only.
    public let event: OrderEvent?
    /// Who is reminded, for reminder timers.
    public let remind: OrderActor?
    public let description: String

    public func dueAt(anchoredAt anchorDate: Date) -> Date {
        anchorDate.addingTimeInterval(TimeInterval(afterSeconds))
    }
}

/// Facts beyond the state that some transitions depend on; the app reads them from the order.
public struct OrderFacts: Equatable, Sendable {
    public var revisionsUsed: Int
    public var revisionsAllowed: Int
    /// Who proposed a cancellation that is still waiting for the other side, if anyone.
    public var cancellationProposedBy: OrderActor?

    public init(revisionsUsed: Int = 0, revisionsAllowed: Int = 0, cancellationProposedBy: OrderActor? = nil) {
        self.revisionsUsed = revisionsUsed
        self.revisionsAllowed = revisionsAllowed
        self.cancellationProposedBy = cancellationProposedBy
    }
}

public enum OrderProcess {
    public static let hourSeconds = 3_600
    public static let daySeconds = 86_400
    /// The published delays, named once: the tables below, the pages and the timers read these.
    public static let paymentExpirySeconds = 7 * daySeconds
    public static let acceptanceReminderSeconds = 48 * hourSeconds
    public static let autoAcceptSeconds = 72 * hourSeconds

    public static let transitions: [OrderTransition] = [
        OrderTransition(
            from: .awaitingPayment, event: .fund, to: .inProgress, actors: [.buyer], money: .fundEscrow,
            description: "The buyer pays the price into escrow and the work starts. The seller is paid only when the order is accepted."
        ),
        OrderTransition(
            from: .awaitingPayment, event: .proposeCancellation, to: .cancelled, actors: [.buyer], money: .none,
            description: "Before paying, the buyer may withdraw the order at once: nothing was paid and no work started."
        ),
        OrderTransition(
            from: .awaitingPayment, event: .cancelBySeller, to: .cancelled, actors: [.seller], money: .none,
            description: "Before payment, the seller may decline the order. Nothing was promised yet, so it never counts against them."
        ),
        OrderTransition(
            from: .awaitingPayment, event: .expire, to: .expired, actors: [.system], money: .none,
            description: "An order that is not paid within \(SpokenDuration.of(seconds: paymentExpirySeconds)) expires. Nothing was paid, so nothing moves."
        ),
        OrderTransition(
            from: .inProgress, event: .deliver, to: .delivered, actors: [.seller], money: .none,
            description: "The seller delivers the work. The buyer then has \(SpokenDuration.of(seconds: autoAcceptSeconds)) to accept, ask for a revision or open a dispute."
        ),
        OrderTransition(
            from: .inProgress, event: .proposeCancellation, to: .inProgress, actors: [.buyer, .seller], money: .none,
            description: "Either side proposes to cancel. The order goes on unchanged until the other side agrees."
        ),
        OrderTransition(
            from: .inProgress, event: .acceptCancellation, to: .cancelled, actors: [.buyer, .seller], money: .refundToBuyer,
            description: "The other side agrees to the proposed cancellation: the buyer is refunded in full. A mutual cancellation never counts against the seller."
        ),
        OrderTransition(
            from: .inProgress, event: .cancelBySeller, to: .cancelled, actors: [.seller], money: .refundToBuyer,
            description: "The seller cancels alone: the buyer is refunded in full, and this counts against the seller."
        ),
        OrderTransition(
            from: .inProgress, event: .openDispute, to: .disputed, actors: [.buyer, .seller], money: .none,
            description: "Either side opens a dispute. The money stays in escrow until the dispute is resolved, within published deadlines."
        ),
        OrderTransition(
            from: .delivered, event: .accept, to: .completed, actors: [.buyer], money: .releaseToSeller,
            description: "The buyer accepts the delivery: the seller is paid the price minus the platform fee, available at once."
        ),
        OrderTransition(
            from: .delivered, event: .autoAccept, to: .completed, actors: [.system], money: .releaseToSeller,
            description: "If the buyer does nothing for \(SpokenDuration.of(seconds: autoAcceptSeconds)) after a delivery, it is accepted and the seller is paid. The buyer is reminded after \(SpokenDuration.of(seconds: acceptanceReminderSeconds))."
        ),
        OrderTransition(
            from: .delivered, event: .requestRevision, to: .inProgress, actors: [.buyer], money: .none,
            description: "The buyer asks for a revision, up to the number of revisions included in the package."
        ),
        OrderTransition(
            from: .delivered, event: .proposeCancellation, to: .delivered, actors: [.buyer, .seller], money: .none,
            description: "Either side proposes to cancel after delivery. The order goes on unchanged until the other side agrees."
        ),
        OrderTransition(
            from: .delivered, event: .acceptCancellation, to: .cancelled, actors: [.buyer, .seller], money: .refundToBuyer,
            description: "The other side agrees to the proposed cancellation: the buyer is refunded in full. A mutual cancellation never counts against the seller."
        ),
        OrderTransition(
            from: .delivered, event: .cancelBySeller, to: .cancelled, actors: [.seller], money: .refundToBuyer,
            description: "The seller withdraws the delivery and refunds the buyer in full; this counts against the seller."
        ),
        OrderTransition(
            from: .delivered, event: .openDispute, to: .disputed, actors: [.buyer, .seller], money: .none,
            description: "Either side opens a dispute about the delivery. The auto-accept timer stops."
        ),
        OrderTransition(
            from: .inProgress, event: .settle, to: .resolved, actors: [.buyer, .seller], money: .divideByOutcome,
            description: "One side accepts the other's proposed settlement: the escrow is divided as agreed, the seller's part bearing the fee. It never counts against the seller."
        ),
        OrderTransition(
            from: .delivered, event: .settle, to: .resolved, actors: [.buyer, .seller], money: .divideByOutcome,
            description: "One side accepts the other's proposed settlement after delivery: the escrow is divided as agreed. It never counts against the seller."
        ),
        OrderTransition(
            from: .disputed, event: .settle, to: .resolved, actors: [.buyer, .seller], money: .divideByOutcome,
            description: "The two sides settle the dispute themselves: the escrow is divided as agreed and the dispute is closed without an arbiter."
        ),
        OrderTransition(
            from: .disputed, event: .resolveDispute, to: .resolved, actors: [.arbiter, .system], money: .divideByOutcome,
            description: "An arbiter divides the escrowed money between the two sides, or, when a deadline passes, Guild applies the published default outcome."
        ),
    ]

    public static let timers: [OrderTimer] = [
        OrderTimer(
            name: "payment_expiry", state: .awaitingPayment, anchor: .enteredState, afterSeconds: paymentExpirySeconds,
            event: .expire, remind: nil,
            description: "An unpaid order expires after \(SpokenDuration.of(seconds: paymentExpirySeconds)), so sellers are not held to stale requests."
        ),
        OrderTimer(
            name: "acceptance_reminder", state: .delivered, anchor: .enteredState, afterSeconds: acceptanceReminderSeconds,
            event: nil, remind: .buyer,
            description: "\(SpokenDuration.of(seconds: acceptanceReminderSeconds)) after a delivery, the buyer is reminded that it will be accepted \(SpokenDuration.of(seconds: autoAcceptSeconds - acceptanceReminderSeconds)) later."
        ),
        OrderTimer(
            name: "auto_accept", state: .delivered, anchor: .enteredState, afterSeconds: autoAcceptSeconds,
            event: .autoAccept, remind: nil,
            description: "\(SpokenDuration.of(seconds: autoAcceptSeconds)) after a delivery without an answer, the delivery is accepted and the seller paid: silence never leaves a seller unpaid."
        ),
        OrderTimer(
            name: "dispute_answer", state: .disputed, anchor: .enteredState, afterSeconds: DisputeRules.answerWindowSeconds,
            event: .resolveDispute, remind: nil,
            description: "The other side has \(SpokenDuration.of(seconds: DisputeRules.answerWindowSeconds)) to answer a dispute. Without an answer, the published default outcome applies."
        ),
        OrderTimer(
            name: "arbiter_decision", state: .disputed, anchor: .disputeAnswered, afterSeconds: DisputeRules.arbiterWindowSeconds,
            event: .resolveDispute, remind: nil,
            description: "An arbiter decides within \(SpokenDuration.of(seconds: DisputeRules.arbiterWindowSeconds)) of the answer. Past that, the published default outcome applies."
        ),
    ]

    public static func transition(from state: OrderState, event: OrderEvent) -> OrderTransition? {
        transitions.first { $0.from == state && $0.event == event }
    }

    public static func transitions(from state: OrderState) -> [OrderTransition] {
        transitions.filter { $0.from == state }
    }

    public static func timers(for state: OrderState) -> [OrderTimer] {
        timers.filter { $0.state == state }
    }

    /// The events `actor` may take now, for showing only the buttons that work.
    public static func allowedEvents(from state: OrderState, actor: OrderActor) -> [OrderEvent] {
        transitions(from: state).filter { $0.actors.contains(actor) }.map(\.event)
    }

    /// Checks the table only: is `event` possible in `state`, and may `actor` take it?
    public static func apply(event: OrderEvent, actor: OrderActor, from state: OrderState) throws(ConflictError) -> OrderState {
        try legalTransition(event: event, actor: actor, from: state).to
    }

    /// Checks the table and the guards that need the order's facts (revisions left, who proposed a cancellation).
    public static func apply(event: OrderEvent, actor: OrderActor, from state: OrderState, facts: OrderFacts) throws(ConflictError) -> OrderState {
        let transition = try legalTransition(event: event, actor: actor, from: state)
        switch event {
        case .requestRevision:
            try requireRevisionAvailable(revisionsUsed: facts.revisionsUsed, revisionsAllowed: facts.revisionsAllowed)
        case .proposeCancellation where transition.to == state:
            if let proposer = facts.cancellationProposedBy {
                throw ConflictError(
                    code: "cancellation_already_proposed",
                    message: proposer == actor
                        ? "you already proposed to cancel this order; the \(otherSide(of: actor).rawValue) has not answered yet"
                        : "the \(proposer.rawValue) already proposed to cancel this order; accept that proposal instead"
                )
            }
        case .acceptCancellation:
            guard let proposer = facts.cancellationProposedBy else {
                throw ConflictError(code: "no_cancellation_proposed", message: "nobody has proposed to cancel this order")
            }
            guard proposer != actor else {
                throw ConflictError(
                    code: "forbidden_actor",
                    message: "the \(actor.rawValue) proposed this cancellation; only the \(otherSide(of: actor).rawValue) can accept it"
                )
            }
        default:
            break
        }
        return transition.to
    }

    /// Revisions return a delivery to work, up to the package's count.
    public static func requireRevisionAvailable(revisionsUsed: Int, revisionsAllowed: Int) throws(ConflictError) {
        guard revisionsUsed < revisionsAllowed else {
            throw ConflictError(
                code: "revision_limit_reached",
                message: "all \(max(revisionsAllowed, 0)) revisions included in this package have been used"
            )
        }
    }

    /// Readable lines for the public order policy page, one per transition and timer.
    public static var plainLanguage: [String] {
        transitions.map { "\($0.from.spoken) → \($0.to.spoken) (\(spokenActors($0.actors)) \($0.event.spoken)): \($0.description)" }
            + timers.map { "Timer, while \($0.state.spoken.lowercased()): \($0.description)" }
    }

    private static func legalTransition(event: OrderEvent, actor: OrderActor, from state: OrderState) throws(ConflictError) -> OrderTransition {
        guard let transition = transition(from: state, event: event) else {
            throw ConflictError(
                code: "illegal_transition",
                message: "cannot \(event.rawValue) an order that is \(state.rawValue)"
            )
        }
        guard transition.actors.contains(actor) else {
            throw ConflictError(
                code: "forbidden_actor",
                message: "the \(actor.rawValue) cannot \(event.rawValue) an order that is \(state.rawValue); only \(sortedActors(transition.actors)) can"
            )
        }
        return transition
    }

    private static func otherSide(of actor: OrderActor) -> OrderActor {
        actor == .buyer ? .seller : .buyer
    }

    private static func sortedActors(_ actors: Set<OrderActor>) -> String {
        OrderActor.allCases.filter(actors.contains).map(\.rawValue).joined(separator: " or ")
    }

    private static func spokenActors(_ actors: Set<OrderActor>) -> String {
        OrderActor.allCases.filter(actors.contains).map(\.spoken).joined(separator: " or ")
    }
}

/// Why an order ended without being completed, and whether that may count against the seller.
public enum CancellationKind: String, Codable, Sendable, CaseIterable {
    /// Proposed by one side, agreed by the other.
    case mutual
    /// The seller cancelled a paid order alone.
    case seller
    /// The buyer withdrew before paying.
    case buyerBeforeWork = "buyer_before_work"
    /// The seller declined before the buyer paid.
    case sellerDeclined = "seller_declined"
    /// Nobody paid in time.
    case expired
    /// The order ended through a dispute.
    case dispute
    /// Both sides agreed how to divide the escrow (`SettlementRules`).
    case settlement

    /// Only a seller walking away from paid work counts. Mutual cancellations never do; a dispute's
    /// outcome is recorded with the dispute itself, so it is not counted a second time here.
    public var countsAgainstSeller: Bool { self == .seller }

    public var description: String {
        switch self {
        case .mutual: "Both sides agreed to cancel. This never counts against the seller."
        case .seller: "The seller cancelled paid work alone. This counts against the seller."
        case .buyerBeforeWork: "The buyer withdrew before paying. This never counts against the seller."
        case .sellerDeclined: "The seller declined before payment. Nothing was promised yet, so it does not count."
        case .expired: "The order was never paid and expired. This never counts against the seller."
        case .dispute: "The order ended through a dispute; the arbiter's decision is recorded with the dispute."
        case .settlement: "Both sides agreed how to divide the escrow. This never counts against the seller."
        }
    }

    /// The kind of ending a transition makes, or nil when it does not end the order without completion.
    public static func of(from state: OrderState, event: OrderEvent, actor: OrderActor) -> CancellationKind? {
        switch (state, event, actor) {
        case (.awaitingPayment, .proposeCancellation, .buyer): .buyerBeforeWork
        case (.awaitingPayment, .cancelBySeller, .seller): .sellerDeclined
        case (.awaitingPayment, .expire, _): .expired
        case (.inProgress, .acceptCancellation, _), (.delivered, .acceptCancellation, _): .mutual
        case (.inProgress, .cancelBySeller, .seller), (.delivered, .cancelBySeller, .seller): .seller
        case (.disputed, .resolveDispute, _): .dispute
        case (_, .settle, _): .settlement
        default: nil
        }
    }
}
