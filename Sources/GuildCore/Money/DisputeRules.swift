// Dispute rules as data: deadlines, who may resolve, and the published default outcome.
import Foundation

/// What the dispute rules need to know about one dispute.
public struct DisputeFacts: Equatable, Sendable {
    /// The side that opened the dispute: `.buyer` or `.seller`.
    public var openedBy: OrderActor
    public var openedAt: Date
    /// When the other side answered, if it has.
    public var answeredAt: Date?
    /// Whether the seller delivered anything before the dispute.
    public var sellerDelivered: Bool
    public var escrowedCents: Int64

    public init(openedBy: OrderActor, openedAt: Date, answeredAt: Date? = nil, sellerDelivered: Bool, escrowedCents: Int64) {
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.answeredAt = answeredAt
        self.sellerDelivered = sellerDelivered
        self.escrowedCents = escrowedCents
    }
}

public struct DisputeDeadlines: Codable, Equatable, Sendable {
    /// The other side must answer by then.
    public let answerBy: Date
    /// Once answered, the arbiter must decide by then.
    public let decideBy: Date?
}

/// How the escrowed money of a disputed order is divided, and why.
public struct DisputeOutcome: Codable, Equatable, Sendable {
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// An arbiter decided.
        case arbiterDecision = "arbiter_decision"
        /// Default: nothing was delivered, so the buyer is refunded.
        case nothingDelivered = "nothing_delivered"
        /// Default: work was delivered and the buyer did not answer in time.
        case buyerDidNotAnswer = "buyer_did_not_answer"
        /// Default: work was delivered and the seller did not answer the buyer's dispute in time.
        case sellerDidNotAnswer = "seller_did_not_answer"
        /// Default: both answered, work was delivered, and no arbiter decided in time.
        case deliveredWorkStandsWithoutDecision = "delivered_work_stands_without_decision"
        /// The two sides agreed on a settlement (`SettlementRules`); no arbiter was needed.
        case settlement
    }

    public let sellerCents: Int64
    public let buyerCents: Int64
    public let reason: Reason

    public init(sellerCents: Int64, buyerCents: Int64, reason: Reason) {
        self.sellerCents = sellerCents
        self.buyerCents = buyerCents
        self.reason = reason
    }

    /// Applies this outcome to the order's hold: release, refund or split as the amounts say.
    public func resolve(_ hold: EscrowHold, now: Date) throws -> EscrowResolution {
        if buyerCents == 0 && sellerCents == hold.amountCents { return try Escrow.release(hold, now: now) }
        if sellerCents == 0 && buyerCents == hold.amountCents { return try Escrow.refund(hold, now: now) }
        // Anything else is a split, which also rejects parts that do not add up to the hold.
        return try Escrow.split(hold, sellerCents: sellerCents, buyerCents: buyerCents, now: now)
    }
}

public enum DisputeRules {
    public static let answerWindowSeconds = 72 * 3_600
    public static let arbiterWindowSeconds = 7 * 86_400
    /// Only an arbiter decides a dispute; Guild itself (`system`) only ever applies the default outcome.
    public static let resolvers: Set<OrderActor> = [.arbiter]
    /// Either party to the order may open one.
    public static let openers: Set<OrderActor> = [.buyer, .seller]

    public static func deadlines(openedAt: Date, answeredAt: Date?) -> DisputeDeadlines {
        DisputeDeadlines(
            answerBy: openedAt.addingTimeInterval(TimeInterval(answerWindowSeconds)),
            decideBy: answeredAt?.addingTimeInterval(TimeInterval(arbiterWindowSeconds))
        )
    }

    /// The side expected to answer: the one that did not open the dispute.
    public static func respondent(openedBy: OrderActor) throws(ConflictError) -> OrderActor {
        switch openedBy {
        case .buyer: return .seller
        case .seller: return .buyer
        case .arbiter, .system:
            throw ConflictError(code: "forbidden_actor", message: "only the buyer or the seller can open a dispute")
        }
    }

    /// The answer must come from the respondent, once, before the answer deadline.
    public static func requireCanAnswer(_ facts: DisputeFacts, actor: OrderActor, now: Date) throws(ConflictError) {
        guard try actor == respondent(openedBy: facts.openedBy) else {
            throw ConflictError(code: "forbidden_actor", message: "only the \(try respondent(openedBy: facts.openedBy).rawValue) can answer this dispute")
        }
        guard facts.answeredAt == nil else {
            throw ConflictError(code: "dispute_already_answered", message: "this dispute has already been answered")
        }
        guard now < deadlines(openedAt: facts.openedAt, answeredAt: nil).answerBy else {
            throw ConflictError(code: "answer_deadline_passed", message: "the 72-hour answer deadline has passed; the default outcome applies")
        }
    }

    /// An arbiter's decision: the two parts must add up to the escrowed amount.
    public static func outcome(sellerCents: Int64, buyerCents: Int64, escrowedCents: Int64, actor: OrderActor) throws -> DisputeOutcome {
        guard resolvers.contains(actor) else {
            throw ConflictError(code: "forbidden_actor", message: "only an arbiter can resolve a dispute, not the \(actor.rawValue)")
        }
        try MoneyLimits.validateNonNegative(sellerCents, field: "sellerCents")
        try MoneyLimits.validateNonNegative(buyerCents, field: "buyerCents")
        guard sellerCents + buyerCents == escrowedCents else {
            throw ValidationError(
                field: "sellerCents",
                reason: "sellerCents + buyerCents must equal the escrowed \(escrowedCents), not \(sellerCents + buyerCents)"
            )
        }
        return DisputeOutcome(sellerCents: sellerCents, buyerCents: buyerCents, reason: .arbiterDecision)
    }

    /// The published default outcome, once a deadline has passed; nil while the dispute is within its deadlines.
    ///
    /// Why these defaults: they follow what the record shows, not either side's word. Without a delivery
    /// there is nothing to pay for, so the buyer is refunded. With a delivery, delivered work stays paid,
    /// unless the seller ignored the buyer's dispute: a side that does not answer within `answerWindowSeconds` loses it.
    public static func defaultOutcome(for facts: DisputeFacts, now: Date) -> DisputeOutcome? {
        let due = deadlines(openedAt: facts.openedAt, answeredAt: facts.answeredAt)
        let silentRespondent = facts.answeredAt == nil && now >= due.answerBy
        let arbiterLate = due.decideBy.map { now >= $0 } ?? false
        guard silentRespondent || arbiterLate else { return nil }
        let toSeller = DisputeOutcome(sellerCents: facts.escrowedCents, buyerCents: 0, reason: .deliveredWorkStandsWithoutDecision)
        guard facts.sellerDelivered else {
            return DisputeOutcome(sellerCents: 0, buyerCents: facts.escrowedCents, reason: .nothingDelivered)
        }
        guard silentRespondent else { return toSeller }
        return facts.openedBy == .buyer
            ? DisputeOutcome(sellerCents: 0, buyerCents: facts.escrowedCents, reason: .sellerDidNotAnswer)
            : DisputeOutcome(sellerCents: facts.escrowedCents, buyerCents: 0, reason: .buyerDidNotAnswer)
    }

    /// Plain-language paragraphs for the public /policies/disputes page.
    public static var plainLanguage: [String] { [
        "Either the buyer or the seller can open a dispute while an order is in progress or delivered. The money stays in escrow: nobody can take it while the dispute is open.",
        "The other side has \(answerWindowText) to answer. Once they answer, an arbiter decides within \(arbiterWindowText).",
        "An arbiter divides the escrowed amount between the two sides; the parts always add up to what the buyer paid. The seller's part bears the platform fee on that part only.",
        "No money waits in limbo. If a deadline passes, Guild applies a default outcome that anyone can predict from the order's record:",
        "If the seller never delivered, the buyer is refunded in full: there is nothing to pay for.",
        "If the seller delivered and the buyer opened the dispute but the seller did not answer within \(answerWindowText), the buyer is refunded in full.",
        "If the seller delivered and the seller opened the dispute but the buyer did not answer within \(answerWindowText), the seller is paid in full.",
        "If both sides answered and no arbiter decided within \(arbiterWindowText), delivered work stays paid: the seller is paid in full.",
        "A dispute's outcome is recorded with the dispute and is not counted a second time as a cancellation.",
    ] }
}
