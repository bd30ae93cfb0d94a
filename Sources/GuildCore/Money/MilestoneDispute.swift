// Disputes on milestone orders: what is at stake (only the money still in escrow), how an arbiter's split is spread
// over the open milestones, and the published default outcome when a deadline passes.
import Foundation

/// One milestone whose money is still in escrow (funded or delivered, not yet released or refunded).
public struct OpenMilestone: Equatable, Sendable {
    /// Position in the order, from 0.
    public let index: Int
    public let amountCents: Int64
    /// Whether the seller delivered this milestone's work.
    public let delivered: Bool

    public init(index: Int, amountCents: Int64, delivered: Bool) {
        self.index = index
        self.amountCents = amountCents
        self.delivered = delivered
    }
}

/// How one open milestone's hold is resolved: `sellerCents + buyerCents` is the milestone's whole amount.
public struct MilestoneShare: Equatable, Sendable {
    public enum Resolution: String, Equatable, Sendable { case release, refund, split }

    public let index: Int
    public let sellerCents: Int64
    public let buyerCents: Int64

    public init(index: Int, sellerCents: Int64, buyerCents: Int64) {
        self.index = index
        self.sellerCents = sellerCents
        self.buyerCents = buyerCents
    }

    /// Release when the seller gets it all, refund when the buyer does, a split otherwise.
    public var resolution: Resolution {
        if buyerCents == 0 { return .release }
        if sellerCents == 0 { return .refund }
        return .split
    }
}

public enum MilestoneDispute {
    /// The milestones a dispute covers: those funded or delivered. Released milestones stay paid and refunded ones
    /// are settled, so neither is at stake.
    public static func openMilestones(_ progress: [MilestoneProgress]) -> [OpenMilestone] {
        progress.filter { $0.state == .funded || $0.state == .delivered }
            .map { OpenMilestone(index: $0.index, amountCents: $0.milestone.amountCents, delivered: $0.state == .delivered) }
    }

    /// The money a dispute on a milestone order divides: the sum of the open milestones.
    public static func escrowedCents(_ open: [OpenMilestone]) -> Int64 {
        open.reduce(0) { $0 + $1.amountCents }
    }

    /// A dispute needs money in escrow: with none, there is nothing for an arbiter to divide.
    public static func requireEscrow(_ progress: [MilestoneProgress], orderState: OrderState) throws(ConflictError) {
        guard openMilestones(progress).isEmpty else { return }
        let states = progress.map { "\($0.index + 1): \($0.state.rawValue)" }.joined(separator: ", ")
        throw ConflictError(
            code: "no_escrow",
            message: "cannot open a dispute on an order that is \(orderState.rawValue) with no milestone funded or delivered "
                + "(milestones \(states)); a dispute covers only money in escrow, and released milestones stay paid"
        )
    }

    /// Spreads a division of the escrowed total over the open milestones, each hold resolved once.
    ///
    /// Why this order: the seller's part pays for delivered milestones first, then funded ones, each in order of
    /// position; what is left returns to the buyer. So at most one milestone is split and every other one is plainly
    /// released or refunded, which both sides can read off their statements. The fee is charged per milestone on the
    /// seller's part of it (`FeePolicy.splitQuote`), as for any split.
    public static func divide(sellerCents: Int64, buyerCents: Int64, over open: [OpenMilestone]) throws -> [MilestoneShare] {
        try MoneyLimits.validateNonNegative(sellerCents, field: "sellerCents")
        try MoneyLimits.validateNonNegative(buyerCents, field: "buyerCents")
        let escrowed = escrowedCents(open)
        guard sellerCents + buyerCents == escrowed else {
            throw ValidationError(
                field: "sellerCents",
                reason: "sellerCents + buyerCents must equal the \(escrowed) still in escrow for this order's open milestones, not \(sellerCents + buyerCents)"
            )
        }
        let ordered = open.filter(\.delivered).sorted { $0.index < $1.index } + open.filter { !$0.delivered }.sorted { $0.index < $1.index }
        var left = sellerCents
        var shares: [MilestoneShare] = []
        for m in ordered {
            let toSeller = min(left, m.amountCents)
            left -= toSeller
            shares.append(MilestoneShare(index: m.index, sellerCents: toSeller, buyerCents: m.amountCents - toSeller))
        }
        assert(left == 0)
        return shares.sorted { $0.index < $1.index }
    }

    /// An arbiter's decision on a milestone order: the parts add up to what is still in escrow.
    public static func outcome(sellerCents: Int64, buyerCents: Int64, open: [OpenMilestone], actor: OrderActor) throws -> DisputeOutcome {
        let outcome = try DisputeRules.outcome(sellerCents: sellerCents, buyerCents: buyerCents, escrowedCents: escrowedCents(open), actor: actor)
        _ = try divide(sellerCents: sellerCents, buyerCents: buyerCents, over: open)
        return outcome
    }

    /// The published default outcome for a milestone order, once a deadline has passed; nil within the deadlines.
    ///
    /// The package rules applied milestone by milestone: delivered milestones stay paid when the package rule would
    /// pay delivered work (the respondent who stayed silent is the buyer, or both answered and no arbiter decided);
    /// milestones funded but not delivered go back to the buyer, since nothing was delivered for them. A seller who
    /// ignores the buyer's dispute loses it: everything in escrow returns to the buyer.
    public static func defaultOutcome(openedBy: OrderActor, openedAt: Date, answeredAt: Date?, open: [OpenMilestone],
                                      now: Date) -> DisputeOutcome? {
        let delivered = escrowedCents(open.filter(\.delivered))
        let total = escrowedCents(open)
        let facts = DisputeFacts(openedBy: openedBy, openedAt: openedAt, answeredAt: answeredAt,
                                 sellerDelivered: delivered > 0, escrowedCents: total)
        guard let packageRule = DisputeRules.defaultOutcome(for: facts, now: now) else { return nil }
        // The package rule decides who wins delivered work; undelivered milestones always return to the buyer.
        let toSeller = packageRule.sellerCents > 0 ? delivered : 0
        return DisputeOutcome(sellerCents: toSeller, buyerCents: total - toSeller, reason: packageRule.reason)
    }

    /// The milestone rule in words, for /policies/disputes.
    public static let plainLanguage: [String] = [
        "On an order paid in milestones, a dispute covers only the money still in escrow: milestones funded or delivered but not yet released. Released milestones stay paid, and a dispute cannot be opened when nothing is in escrow.",
        "An arbiter divides that escrowed total. The seller's part pays for delivered milestones first, then funded ones, in order; the rest returns to the buyer. Each milestone bears the platform fee on the seller's part of it only.",
        "The default outcome on a milestone order follows the same rules milestone by milestone: milestones that were funded but not delivered return to the buyer, and delivered milestones stay paid unless the seller ignored the buyer's dispute.",
    ]
}
