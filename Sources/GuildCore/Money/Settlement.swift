// Settlements without an arbiter: either side of a funded order proposes how to divide what is in escrow, the other
// side accepts or declines. An accepted settlement moves the money exactly as an arbiter's resolution would.
import Foundation

/// Where a proposed settlement stands.
public enum SettlementState: String, Codable, Sendable, CaseIterable {
    /// Waiting for the other side.
    case open
    /// The other side agreed: the escrow was divided as proposed and the order ended.
    case accepted
    case declined
    /// The proposer took it back before an answer.
    case withdrawn
    /// A newer proposal on the same order took its place.
    case replaced
    /// The order ended another way (accepted, cancelled, an arbiter's decision) before anyone answered.
    case lapsed

    public var spoken: String {
        switch self {
        case .open: "Waiting for an answer"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .withdrawn: "Withdrawn"
        case .replaced: "Replaced by a newer proposal"
        case .lapsed: "Lapsed: the order ended another way"
        }
    }
}

/// What the settlement rules look at about one proposal.
public struct SettlementFacts: Equatable, Sendable {
    public var state: SettlementState
    public var proposedBy: OrderActor
    public var sellerCents: Int64
    public var buyerCents: Int64

    public init(state: SettlementState, proposedBy: OrderActor, sellerCents: Int64, buyerCents: Int64) {
        self.state = state
        self.proposedBy = proposedBy
        self.sellerCents = sellerCents
        self.buyerCents = buyerCents
    }
}

public enum SettlementRules {
    /// A settlement divides money in escrow, so the order must be paid and not yet ended.
    public static let openStates: Set<OrderState> = [.inProgress, .delivered, .disputed]
    /// Only the two parties settle; an arbiter decides a dispute instead.
    public static let parties: Set<OrderActor> = [.buyer, .seller]

    /// May `actor` propose a settlement on an order in `state` with `escrowedCents` still held?
    public static func requireCanPropose(actor: OrderActor, orderState: OrderState, escrowedCents: Int64) throws(ConflictError) {
        guard parties.contains(actor) else {
            throw ConflictError(code: "forbidden_actor", message: "only the buyer or the seller can propose a settlement, not the \(actor.rawValue)")
        }
        guard openStates.contains(orderState) else {
            throw ConflictError(code: "illegal_transition",
                                message: "cannot settle an order that is \(orderState.rawValue); a settlement divides the escrow of an order in progress, delivered or in dispute")
        }
        guard escrowedCents > 0 else {
            throw ConflictError(code: "no_escrow", message: "nothing of this order is in escrow, so there is nothing to divide")
        }
    }

    /// The proposed split: both parts present, not negative, and adding up to exactly what is in escrow.
    /// Every problem names its field, so a form can put it next to what was typed.
    public static func validateSplit(sellerCents: Int64?, buyerCents: Int64?, escrowedCents: Int64) throws(ValidationErrors) -> (sellerCents: Int64, buyerCents: Int64) {
        var problems: [ValidationError] = []
        func check(_ value: Int64?, _ field: String) -> Int64? {
            guard let value else { problems.append(.init(field: field, reason: "is required")); return nil }
            guard value >= 0 else { problems.append(.init(field: field, reason: "must not be negative")); return nil }
            guard value <= MoneyLimits.maximumAmountCents else {
                problems.append(.init(field: field, reason: "must be at most \(MoneyLimits.maximumAmountCents)")); return nil
            }
            return value
        }
        let seller = check(sellerCents, "sellerCents")
        let buyer = check(buyerCents, "buyerCents")
        if let seller, let buyer, seller + buyer != escrowedCents {
            problems.append(.init(field: "sellerCents",
                                  reason: "the two parts add up to \(MoneyFormat.format(cents: seller + buyer)) (\(seller + buyer) cents), but \(MoneyFormat.format(cents: escrowedCents)) (\(escrowedCents) cents) is in escrow; they must add up to exactly that"))
        }
        guard problems.isEmpty, let seller, let buyer else { throw ValidationErrors(problems) }
        return (seller, buyer)
    }

    /// The other side answers an open proposal: never the proposer, never twice.
    public static func requireCanAnswer(_ proposal: SettlementFacts, actor: OrderActor) throws(ConflictError) {
        guard proposal.state == .open else {
            throw ConflictError(code: "settlement_not_open", message: "this proposal is already \(proposal.state.rawValue)")
        }
        guard parties.contains(actor), actor != proposal.proposedBy else {
            throw ConflictError(code: "own_proposal",
                                message: "the \(proposal.proposedBy.rawValue) proposed this settlement; only the \(otherSide(of: proposal.proposedBy).rawValue) can answer it")
        }
    }

    /// Only the proposer withdraws, and only while nobody answered.
    public static func requireCanWithdraw(_ proposal: SettlementFacts, actor: OrderActor) throws(ConflictError) {
        guard proposal.state == .open else {
            throw ConflictError(code: "settlement_not_open", message: "this proposal is already \(proposal.state.rawValue)")
        }
        guard actor == proposal.proposedBy else {
            throw ConflictError(code: "forbidden_actor", message: "only the \(proposal.proposedBy.rawValue), who proposed it, can withdraw this settlement")
        }
    }

    /// What accepting does to the money: the agreed split as an outcome, checked again against the escrow as it is now
    /// (a milestone may have been funded or released since the proposal; then the proposal no longer fits).
    public static func outcome(of proposal: SettlementFacts, escrowedCents: Int64) throws(ConflictError) -> DisputeOutcome {
        guard proposal.sellerCents + proposal.buyerCents == escrowedCents else {
            throw ConflictError(code: "escrow_changed",
                                message: "this proposal divides \(proposal.sellerCents + proposal.buyerCents) but \(escrowedCents) is in escrow now; propose again")
        }
        return DisputeOutcome(sellerCents: proposal.sellerCents, buyerCents: proposal.buyerCents, reason: .settlement)
    }

    private static func otherSide(of actor: OrderActor) -> OrderActor { actor == .buyer ? .seller : .buyer }

    /// The rule in words, for /policies/disputes.
    public static let plainLanguage: [String] = [
        "The buyer and the seller can settle without an arbiter. While an order is paid and not yet ended (in progress, delivered or in dispute), either side may propose how to divide what is in escrow, for example a partial refund of 40%. The two parts must add up to exactly what is in escrow.",
        "The other side accepts or declines. The proposer may withdraw it until then, and a newer proposal from either side replaces an open one.",
        "An accepted settlement divides the escrow at once, exactly as an arbiter's decision would: the seller's part bears the platform fee on that part only, the rest returns to the buyer, and any open dispute is closed. On an order paid in milestones the division covers the milestones still in escrow, delivered milestones first, as for a dispute.",
        "A settlement both sides agreed to never counts against the seller: it is not a cancellation by the seller and it lowers no level.",
    ]
}
