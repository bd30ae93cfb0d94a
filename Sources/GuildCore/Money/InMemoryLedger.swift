// A complete ledger held in memory: the reference the database ledger is tested against.
import Foundation

/// A value-type ledger that applies postings atomically and keeps holds and payouts.
/// Each operation either applies all of its postings or none, like one database transaction.
public struct InMemoryLedger: Equatable, Sendable {
    public private(set) var transfers: [LedgerTransfer] = []
    public private(set) var balances: [LedgerAccountRef: Int64] = [:]
    public private(set) var holds: [UUID: EscrowHold] = [:]
    public private(set) var payouts: [UUID: Payout] = [:]
    public let feePolicy: FeePolicy
    public let provider: String
    /// Transfer ids are numbered, so that two runs of the same operations produce the same ledger.
    private var transferCount: UInt64 = 0

    public init(feePolicy: FeePolicy = .standard, provider: String = "sandbox") {
        self.feePolicy = feePolicy
        self.provider = provider
    }

    public func balance(of account: LedgerAccountRef) -> Int64 { balances[account] ?? 0 }

    public var snapshot: LedgerSnapshot {
        LedgerSnapshot(
            transfers: transfers,
            balances: balances,
            holds: holds.values.sorted { $0.createdAt == $1.createdAt ? $0.id.uuidString < $1.id.uuidString : $0.createdAt < $1.createdAt }
        )
    }

    public func verify() -> [InvariantViolation] { LedgerInvariants.verify(snapshot: snapshot) }

    /// Applies postings as one atomic step. Rejects invalid postings, arithmetic overflow and any
    /// member balance that would end below zero; on error nothing changes.
    public mutating func post(_ postings: [Posting], now: Date) throws {
        var next = balances
        for posting in postings {
            try posting.validate()
            let (debited, debitOverflow) = (next[posting.debit] ?? 0).subtractingReportingOverflow(posting.amountCents)
            let (credited, creditOverflow) = (next[posting.credit] ?? 0).addingReportingOverflow(posting.amountCents)
            guard !debitOverflow, !creditOverflow else {
                throw ValidationError(field: "amountCents", reason: "would overflow an account balance")
            }
            next[posting.debit] = debited
            next[posting.credit] = credited
        }
        for posting in postings where posting.debit.isMember && (next[posting.debit] ?? 0) < 0 {
            throw ValidationError(field: "amountCents", reason: "is more than the available balance of \(balance(of: posting.debit))")
        }
        balances = next
        for posting in postings {
            transferCount += 1
            transfers.append(LedgerTransfer(id: Self.transferID(transferCount), posting: posting, createdAt: now))
        }
    }

    // MARK: Escrow

    /// Takes the buyer's payment through the provider and opens a hold.
    @discardableResult
    public mutating func fund(holdID: UUID, orderID: UUID? = nil, buyer: UUID, seller: UUID, amountCents: Int64, now: Date) throws -> EscrowHold {
        try requireNewHold(holdID)
        let funding = try Escrow.fund(holdID: holdID, orderID: orderID, buyer: buyer, seller: seller,
                                      amountCents: amountCents, feePolicy: feePolicy, provider: provider, now: now)
        try post(funding.postings, now: now)
        holds[holdID] = funding.hold
        return funding.hold
    }

    /// Opens a hold paid from the buyer's Guild balance.
    @discardableResult
    public mutating func fundFromBalance(holdID: UUID, orderID: UUID? = nil, buyer: UUID, seller: UUID, amountCents: Int64, now: Date) throws -> EscrowHold {
        try requireNewHold(holdID)
        let funding = try Escrow.fundFromBalance(holdID: holdID, orderID: orderID, buyer: buyer, seller: seller,
                                                 amountCents: amountCents, availableCents: balance(of: .member(buyer)),
                                                 feePolicy: feePolicy, now: now)
        try post(funding.postings, now: now)
        holds[holdID] = funding.hold
        return funding.hold
    }

    @discardableResult
    public mutating func release(holdID: UUID, now: Date) throws -> EscrowHold {
        try apply(Escrow.release(hold(holdID), now: now), now: now)
    }

    @discardableResult
    public mutating func refund(holdID: UUID, now: Date) throws -> EscrowHold {
        try apply(Escrow.refund(hold(holdID), now: now), now: now)
    }

    @discardableResult
    public mutating func split(holdID: UUID, sellerCents: Int64, buyerCents: Int64, now: Date) throws -> EscrowHold {
        try apply(Escrow.split(hold(holdID), sellerCents: sellerCents, buyerCents: buyerCents, now: now), now: now)
    }

    /// Applies a dispute outcome (an arbiter's decision or the published default) to its hold.
    @discardableResult
    public mutating func resolve(holdID: UUID, outcome: DisputeOutcome, now: Date) throws -> EscrowHold {
        try apply(outcome.resolve(hold(holdID), now: now), now: now)
    }

    public func hold(_ id: UUID) throws(ValidationError) -> EscrowHold {
        guard let hold = holds[id] else {
            throw ValidationError(field: "holdID", reason: "no escrow hold \(id.uuidString.lowercased())")
        }
        return hold
    }

    // MARK: Payouts

    @discardableResult
    public mutating func requestPayout(id: UUID, member: UUID, amountCents: Int64,
                                       minimumCents: Int64 = Payout.defaultMinimumCents, now: Date) throws -> Payout {
        guard payouts[id] == nil else {
            throw ConflictError(code: "payout_exists", message: "payout \(id.uuidString.lowercased()) already exists")
        }
        let (payout, posting) = try Payout.request(id: id, member: member, availableCents: balance(of: .member(member)),
                                                   amountCents: amountCents, minimumCents: minimumCents,
                                                   provider: provider, now: now)
        try post([posting], now: now)
        payouts[id] = payout
        return payout
    }

    @discardableResult
    public mutating func markPayoutSent(id: UUID, now: Date) throws -> Payout {
        let (payout, posting) = try Payout.markSent(payout(id), now: now)
        try post([posting], now: now)
        payouts[id] = payout
        return payout
    }

    @discardableResult
    public mutating func markPayoutFailed(id: UUID, now: Date) throws -> Payout {
        let (payout, posting) = try Payout.markFailed(payout(id), now: now)
        try post([posting], now: now)
        payouts[id] = payout
        return payout
    }

    public func payout(_ id: UUID) throws(ValidationError) -> Payout {
        guard let payout = payouts[id] else {
            throw ValidationError(field: "payoutID", reason: "no payout \(id.uuidString.lowercased())")
        }
        return payout
    }

    // MARK: Private

    private mutating func apply(_ resolution: EscrowResolution, now: Date) throws -> EscrowHold {
        try post(resolution.postings, now: now)
        holds[resolution.hold.id] = resolution.hold
        return resolution.hold
    }

    private func requireNewHold(_ id: UUID) throws(ConflictError) {
        guard holds[id] == nil else {
            throw ConflictError(code: "hold_exists", message: "escrow hold \(id.uuidString.lowercased()) already exists")
        }
    }

    private static func transferID(_ number: UInt64) -> UUID {
        let b = withUnsafeBytes(of: number.bigEndian) { Array($0) }
        return UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, b[2], b[3], b[4], b[5], b[6], b[7]))
    }
}
