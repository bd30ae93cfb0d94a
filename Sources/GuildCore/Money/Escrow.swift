// Escrow as a two-phase transfer: funding opens a hold; release posts it, refund voids it, split does both.
import Foundation

/// Money held for one order (or one milestone) until it resolves, exactly once.
public struct EscrowHold: Codable, Equatable, Sendable, Identifiable {
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Funded and waiting: the money sits in the escrow account.
        case open
        /// Released to the seller (minus the fee).
        case posted
        /// Refunded to the buyer in full.
        case voided
        /// Divided between seller and buyer.
        case split
    }

    public let id: UUID
    public let buyer: UUID
    public let seller: UUID
    public let amountCents: Int64
    /// The fee rate frozen when the order was funded: an order keeps the rate it was placed at.
    public let feeBasisPoints: Int
    public let orderID: UUID?
    public let createdAt: Date
    public internal(set) var state: State
    public internal(set) var resolvedAt: Date?
    /// After resolution: how the amount was divided.
    public internal(set) var outcome: SplitQuote?

    public init(
        id: UUID, buyer: UUID, seller: UUID, amountCents: Int64, feeBasisPoints: Int,
        orderID: UUID? = nil, createdAt: Date, state: State = .open, resolvedAt: Date? = nil, outcome: SplitQuote? = nil
    ) {
        self.id = id
        self.buyer = buyer
        self.seller = seller
        self.amountCents = amountCents
        self.feeBasisPoints = feeBasisPoints
        self.orderID = orderID
        self.createdAt = createdAt
        self.state = state
        self.resolvedAt = resolvedAt
        self.outcome = outcome
    }

    /// What the escrow account still holds for this hold: all of it while open, nothing afterwards.
    public var remainingCents: Int64 { state == .open ? amountCents : 0 }

    public var feePolicy: FeePolicy {
        get throws { try FeePolicy(basisPoints: feeBasisPoints) }
    }
}

/// The result of funding: the new hold and the postings that move the money in.
public struct EscrowFunding: Equatable, Sendable {
    public let hold: EscrowHold
    public let postings: [Posting]
}

/// The result of resolving a hold: the hold in its final state and the postings that pay out of escrow.
public struct EscrowResolution: Equatable, Sendable {
    public let hold: EscrowHold
    public let postings: [Posting]
}

/// Decides the postings for each escrow operation. Nothing here stores anything: the caller applies the
/// postings and saves the hold in one transaction.
public enum Escrow {
    /// The buyer pays through a provider: provider clearing → buyer (deposit), then buyer → escrow (hold).
    /// Two postings, so the buyer's statement shows both the payment and what it was for.
    public static func fund(
        holdID: UUID, orderID: UUID? = nil, buyer: UUID, seller: UUID, amountCents: Int64,
        feePolicy: FeePolicy, provider: String, now: Date
    ) throws -> EscrowFunding {
        try LedgerAccountRef.validateProviderName(provider)
        let hold = try openHold(holdID: holdID, orderID: orderID, buyer: buyer, seller: seller,
                                amountCents: amountCents, feePolicy: feePolicy, now: now)
        let postings = [
            Posting(debit: .providerClearing(provider), credit: .member(buyer), amountCents: amountCents,
                    memo: PostingMemo.deposit, holdID: holdID),
            Posting(debit: .member(buyer), credit: .escrow, amountCents: amountCents,
                    memo: PostingMemo.escrowHold, holdID: holdID),
        ]
        return EscrowFunding(hold: hold, postings: postings)
    }

    /// The buyer pays from their Guild balance (for example a refund they kept): buyer → escrow only.
    public static func fundFromBalance(
        holdID: UUID, orderID: UUID? = nil, buyer: UUID, seller: UUID, amountCents: Int64,
        availableCents: Int64, feePolicy: FeePolicy, now: Date
    ) throws -> EscrowFunding {
        let hold = try openHold(holdID: holdID, orderID: orderID, buyer: buyer, seller: seller,
                                amountCents: amountCents, feePolicy: feePolicy, now: now)
        guard amountCents <= availableCents else {
            throw ValidationError(field: "amountCents", reason: "is more than the available balance of \(availableCents)")
        }
        let postings = [
            Posting(debit: .member(buyer), credit: .escrow, amountCents: amountCents,
                    memo: PostingMemo.escrowHold, holdID: holdID),
        ]
        return EscrowFunding(hold: hold, postings: postings)
    }

    /// Pays the seller: escrow → seller (price − fee) and escrow → platform (fee), in one step.
    public static func release(_ hold: EscrowHold, now: Date) throws -> EscrowResolution {
        try resolve(hold, sellerCents: hold.amountCents, buyerCents: 0, state: .posted, now: now)
    }

    /// Returns everything to the buyer: escrow → buyer.
    ///
    /// A refund lands in the buyer's Guild balance at once, where it can pay for another order or be
    /// withdrawn like any balance (`Payout.request`). Guild never holds it back.
    public static func refund(_ hold: EscrowHold, now: Date) throws -> EscrowResolution {
        try resolve(hold, sellerCents: 0, buyerCents: hold.amountCents, state: .voided, now: now)
    }

    /// Divides the hold: the parts must add up to the hold; the seller's part bears the fee on that part.
    public static func split(_ hold: EscrowHold, sellerCents: Int64, buyerCents: Int64, now: Date) throws -> EscrowResolution {
        try resolve(hold, sellerCents: sellerCents, buyerCents: buyerCents, state: .split, now: now)
    }

    /// Throws `ConflictError(code: "hold_already_resolved")` unless the hold is still open.
    public static func requireOpen(_ hold: EscrowHold) throws(ConflictError) {
        guard hold.state == .open else {
            throw ConflictError(
                code: "hold_already_resolved",
                message: "escrow hold \(hold.id.uuidString.lowercased()) is already \(hold.state.rawValue); a hold resolves at most once"
            )
        }
    }

    private static func openHold(
        holdID: UUID, orderID: UUID?, buyer: UUID, seller: UUID, amountCents: Int64, feePolicy: FeePolicy, now: Date
    ) throws(ValidationError) -> EscrowHold {
        try MoneyLimits.validatePositive(amountCents)
        guard buyer != seller else {
            throw ValidationError(field: "seller", reason: "a member cannot buy from themselves")
        }
        return EscrowHold(id: holdID, buyer: buyer, seller: seller, amountCents: amountCents,
                          feeBasisPoints: feePolicy.basisPoints, orderID: orderID, createdAt: now)
    }

    private static func resolve(
        _ hold: EscrowHold, sellerCents: Int64, buyerCents: Int64, state: EscrowHold.State, now: Date
    ) throws -> EscrowResolution {
        try requireOpen(hold)
        let quote = try hold.feePolicy.splitQuote(sellerCents: sellerCents, buyerCents: buyerCents)
        guard quote.totalCents == hold.amountCents else {
            throw ValidationError(
                field: "sellerCents",
                reason: "sellerCents + buyerCents must equal the escrowed \(hold.amountCents), not \(quote.totalCents)"
            )
        }
        // Zero-amount postings are left out: a transfer always moves money.
        var postings: [Posting] = []
        if quote.sellerNetCents > 0 {
            postings.append(Posting(debit: .escrow, credit: .member(hold.seller), amountCents: quote.sellerNetCents,
                                    memo: PostingMemo.releaseToSeller, holdID: hold.id))
        }
        if quote.feeCents > 0 {
            postings.append(Posting(debit: .escrow, credit: .platformRevenue, amountCents: quote.feeCents,
                                    memo: PostingMemo.platformFee, holdID: hold.id))
        }
        if quote.buyerCents > 0 {
            postings.append(Posting(debit: .escrow, credit: .member(hold.buyer), amountCents: quote.buyerCents,
                                    memo: PostingMemo.refundToBuyer, holdID: hold.id))
        }
        assert(postings.reduce(0) { $0 + $1.amountCents } == hold.amountCents)
        var resolved = hold
        resolved.state = state
        resolved.resolvedAt = now
        resolved.outcome = quote
        return EscrowResolution(hold: resolved, postings: postings)
    }
}

/// A member's withdrawal: requested (member → in transit), then sent (in transit → provider) or failed
/// (in transit → member, so the money is back in their balance).
public struct Payout: Codable, Equatable, Sendable, Identifiable {
    public enum State: String, Codable, Sendable, CaseIterable { case requested, sent, failed }

    /// The smallest withdrawal by default: small enough for anyone, large enough that bank fees make sense.
    public static let defaultMinimumCents: Int64 = 1_000

    public let id: UUID
    public let member: UUID
    public let amountCents: Int64
    public let provider: String
    public let requestedAt: Date
    public internal(set) var state: State
    public internal(set) var settledAt: Date?

    public init(id: UUID, member: UUID, amountCents: Int64, provider: String, requestedAt: Date,
                state: State = .requested, settledAt: Date? = nil) {
        self.id = id
        self.member = member
        self.amountCents = amountCents
        self.provider = provider
        self.requestedAt = requestedAt
        self.state = state
        self.settledAt = settledAt
    }

    /// Validates a withdrawal of `amountCents` from a balance of `availableCents`, of which `clearingCents` arrived
    /// too recently to be withdrawn under the instance's `ClearingPolicy` (0 by default: no clearing hold).
    public static func request(
        id: UUID, member: UUID, availableCents: Int64, amountCents: Int64,
        minimumCents: Int64 = Payout.defaultMinimumCents, clearingCents: Int64 = 0, provider: String, now: Date
    ) throws -> (payout: Payout, posting: Posting) {
        try MoneyLimits.validatePositive(amountCents)
        try LedgerAccountRef.validateProviderName(provider)
        guard amountCents >= minimumCents else {
            throw ValidationError(field: "amountCents", reason: "must be at least the minimum payout of \(minimumCents)")
        }
        guard amountCents <= availableCents else {
            throw ValidationError(field: "amountCents", reason: "is more than the available balance of \(max(availableCents, 0))")
        }
        let withdrawable = ClearingPolicy.withdrawableCents(balanceCents: availableCents, clearingCents: clearingCents)
        guard amountCents <= withdrawable else {
            throw ValidationError(field: "amountCents",
                                  reason: "is more than the \(withdrawable) that has cleared; \(min(clearingCents, availableCents)) more is still in the clearing period")
        }
        let payout = Payout(id: id, member: member, amountCents: amountCents, provider: provider, requestedAt: now)
        let posting = Posting(debit: .member(member), credit: .payoutsInTransit, amountCents: amountCents,
                              memo: PostingMemo.payoutRequested)
        return (payout, posting)
    }

    /// The provider confirmed the money left: in transit → provider clearing.
    public static func markSent(_ payout: Payout, now: Date) throws(ConflictError) -> (payout: Payout, posting: Posting) {
        try requireRequested(payout)
        var sent = payout
        sent.state = .sent
        sent.settledAt = now
        return (sent, Posting(debit: .payoutsInTransit, credit: .providerClearing(payout.provider),
                              amountCents: payout.amountCents, memo: PostingMemo.payoutSent))
    }

    /// The provider could not pay: the money returns to the member's balance.
    public static func markFailed(_ payout: Payout, now: Date) throws(ConflictError) -> (payout: Payout, posting: Posting) {
        try requireRequested(payout)
        var failed = payout
        failed.state = .failed
        failed.settledAt = now
        return (failed, Posting(debit: .payoutsInTransit, credit: .member(payout.member),
                                amountCents: payout.amountCents, memo: PostingMemo.payoutFailed))
    }

    private static func requireRequested(_ payout: Payout) throws(ConflictError) {
        guard payout.state == .requested else {
            throw ConflictError(
                code: "payout_already_settled",
                message: "payout \(payout.id.uuidString.lowercased()) is already \(payout.state.rawValue)"
            )
        }
    }
}

/// How long money must sit in a member's balance before it can be paid out. None by default: money released to a
/// seller can be withdrawn at once (sellers should not wait weeks for their pay). An operator may set a number of
/// hours (`PAYOUT_CLEARING_HOURS`), for example to cover card chargebacks; the rule is published on /policies/fees.
public struct ClearingPolicy: Codable, Equatable, Sendable {
    /// At most 30 days: a longer hold would keep earned money from the people who earned it.
    public static let maximumHours = 30 * 24
    public static let none = ClearingPolicy(checkedHours: 0)

    public let hours: Int

    public init(hours: Int) throws(ValidationError) {
        guard (0...Self.maximumHours).contains(hours) else {
            throw ValidationError(field: "PAYOUT_CLEARING_HOURS", reason: "must be from 0 to \(Self.maximumHours) hours")
        }
        self.hours = hours
    }

    private init(checkedHours: Int) { hours = checkedHours }

    /// Money credited to a member after this moment is still clearing (nil when there is no clearing hold).
    public func windowStart(now: Date) -> Date? {
        hours == 0 ? nil : now.addingTimeInterval(-TimeInterval(hours * 3_600))
    }

    /// The payout rules in plain words, for /policies/fees.
    public func plainLanguage(minimumPayoutCents: Int64) -> [String] {
        let wait = hours == 0
            ? "There is no clearing hold: money released to you is in your balance and can be withdrawn at once."
            : "Money that reaches your balance can be withdrawn \(hours) hours later (the clearing period set by this instance); until then your balance shows it as clearing."
        return [wait, "You can withdraw any part of your balance of at least \(MoneyFormat.format(cents: minimumPayoutCents)), as often as you like."]
    }

    /// What may be withdrawn now: the balance less what is still clearing, never below zero.
    public static func withdrawableCents(balanceCents: Int64, clearingCents: Int64) -> Int64 {
        max(0, balanceCents - max(0, clearingCents))
    }
}
