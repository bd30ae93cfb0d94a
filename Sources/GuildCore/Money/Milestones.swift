// Milestones: an order paid in parts, each part funded and released through its own escrow hold.
import Foundation

public struct Milestone: Codable, Equatable, Sendable {
    public var title: String
    public var amountCents: Int64
    public var dueDate: Date

    public init(title: String, amountCents: Int64, dueDate: Date) {
        self.title = title
        self.amountCents = amountCents
        self.dueDate = dueDate
    }
}

public enum MilestoneRules {
    /// Enough for long projects; more parts than this is better split into several orders.
    public static let countRange: ClosedRange<Int> = 1...20
    public static let maximumTitleLength = 120

    /// Checks a milestone plan and reports every problem at once, each naming its JSON field.
    public static func validate(_ milestones: [Milestone], maximumTotalCents: Int64, now: Date) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        if !countRange.contains(milestones.count) {
            errors.append(ValidationError(field: "milestones", reason: "must have \(countRange.lowerBound) to \(countRange.upperBound) milestones"))
        }
        var total: Int64 = 0
        var totalOverflowed = false
        for (index, milestone) in milestones.enumerated() {
            let prefix = "milestones[\(index)]"
            let title = milestone.title.trimmingCharacters(in: .whitespacesAndNewlines)
            if title.isEmpty || title.count > maximumTitleLength {
                errors.append(ValidationError(field: "\(prefix).title", reason: "must be 1 to \(maximumTitleLength) characters"))
            }
            do {
                try MoneyLimits.validatePositive(milestone.amountCents, field: "\(prefix).amountCents")
                let (sum, overflow) = total.addingReportingOverflow(milestone.amountCents)
                total = sum
                totalOverflowed = totalOverflowed || overflow
            } catch {
                errors.append(error)
            }
            if milestone.dueDate <= now {
                errors.append(ValidationError(field: "\(prefix).dueDate", reason: "must be in the future"))
            } else if index > 0, milestone.dueDate < milestones[index - 1].dueDate {
                errors.append(ValidationError(field: "\(prefix).dueDate", reason: "must not be before the previous milestone's due date"))
            }
        }
        if totalOverflowed || total > maximumTotalCents {
            errors.append(ValidationError(field: "milestones", reason: "the milestones add up to more than \(maximumTotalCents)"))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

/// Where one milestone stands. A released milestone stays paid whatever happens to the rest of the order.
public struct MilestoneProgress: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case awaitingFunding = "awaiting_funding"
        case funded
        case delivered
        case released
        case refunded
        case split
    }

    public let index: Int
    public let milestone: Milestone
    public private(set) var state: State
    public private(set) var holdID: UUID?
    /// When the seller delivered it: the anchor of its reminder and auto-accept timers (`MilestoneTimers`).
    public private(set) var deliveredAt: Date?

    public init(index: Int, milestone: Milestone, state: State = .awaitingFunding, holdID: UUID? = nil, deliveredAt: Date? = nil) {
        self.index = index
        self.milestone = milestone
        self.state = state
        self.holdID = holdID
        self.deliveredAt = deliveredAt
    }

    /// The buyer pays this milestone into its own hold.
    public mutating func fund(
        holdID: UUID, orderID: UUID?, buyer: UUID, seller: UUID, feePolicy: FeePolicy, provider: String, now: Date
    ) throws -> EscrowFunding {
        try require([.awaitingFunding], to: "fund")
        let funding = try Escrow.fund(holdID: holdID, orderID: orderID, buyer: buyer, seller: seller,
                                      amountCents: milestone.amountCents, feePolicy: feePolicy, provider: provider, now: now)
        state = .funded
        self.holdID = holdID
        return funding
    }

    /// The seller delivers this milestone's work at `now`, which starts its timers.
    public mutating func deliver(at now: Date) throws(ConflictError) {
        try require([.funded], to: "deliver")
        state = .delivered
        deliveredAt = now
    }

    /// The buyer accepts (or the auto-accept timer fires): the seller is paid for this milestone.
    /// A buyer may also release a funded milestone before delivery.
    public mutating func release(_ hold: EscrowHold, now: Date) throws -> EscrowResolution {
        try require([.funded, .delivered], to: "release")
        let resolution = try Escrow.release(requireOwnHold(hold), now: now)
        state = .released
        return resolution
    }

    /// The milestone's money returns to the buyer (cancellation or a dispute's full refund).
    public mutating func refund(_ hold: EscrowHold, now: Date) throws -> EscrowResolution {
        try require([.funded, .delivered], to: "refund")
        let resolution = try Escrow.refund(requireOwnHold(hold), now: now)
        state = .refunded
        return resolution
    }

    /// A dispute divides this milestone's money.
    public mutating func split(_ hold: EscrowHold, sellerCents: Int64, buyerCents: Int64, now: Date) throws -> EscrowResolution {
        try require([.funded, .delivered], to: "split")
        let resolution = try Escrow.split(requireOwnHold(hold), sellerCents: sellerCents, buyerCents: buyerCents, now: now)
        state = .split
        return resolution
    }

    private func require(_ states: Set<State>, to action: String) throws(ConflictError) {
        guard states.contains(state) else {
            throw ConflictError(
                code: "illegal_transition",
                message: "cannot \(action) milestone \(index + 1) while it is \(state.rawValue)"
            )
        }
    }

    private func requireOwnHold(_ hold: EscrowHold) throws(ValidationError) -> EscrowHold {
        guard hold.id == holdID, hold.amountCents == milestone.amountCents else {
            throw ValidationError(field: "holdID", reason: "hold \(hold.id.uuidString.lowercased()) does not belong to milestone \(index + 1)")
        }
        return hold
    }
}
