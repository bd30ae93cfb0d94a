// The platform fee: one published rate, charged to the seller, computed the same way everywhere.
import Foundation

/// Limits every money amount obeys, so that no sum or fee calculation can overflow `Int64`.
public enum MoneyLimits {
    /// The largest single amount Guild moves in one step: 100 million in major units.
    /// With fees of at most 30% (3000 bp), `amount × basisPoints` stays far below `Int64.max`.
    public static let maximumAmountCents: Int64 = 10_000_000_000

    /// Checks a positive amount within limits; `field` is the JSON field named in the error.
    public static func validatePositive(_ amountCents: Int64, field: String = "amountCents") throws(ValidationError) {
        guard amountCents > 0 else {
            throw ValidationError(field: field, reason: "must be greater than zero")
        }
        guard amountCents <= maximumAmountCents else {
            throw ValidationError(field: field, reason: "must be at most \(maximumAmountCents)")
        }
    }

    /// Checks an amount that may be zero (one side of a split), within limits.
    public static func validateNonNegative(_ amountCents: Int64, field: String) throws(ValidationError) {
        guard amountCents >= 0 else {
            throw ValidationError(field: field, reason: "must not be negative")
        }
        guard amountCents <= maximumAmountCents else {
            throw ValidationError(field: field, reason: "must be at most \(maximumAmountCents)")
        }
    }
}

/// What one price means for both sides: the buyer pays `priceCents`, the seller receives `netCents`.
public struct FeeQuote: Codable, Equatable, Sendable {
    public let priceCents: Int64
    public let feeCents: Int64
    public let netCents: Int64
    public let basisPoints: Int

    public init(priceCents: Int64, feeCents: Int64, netCents: Int64, basisPoints: Int) {
        self.priceCents = priceCents
        self.feeCents = feeCents
        self.netCents = netCents
        self.basisPoints = basisPoints
    }
}

/// How an escrowed amount divides when a dispute or cancellation ends in a split.
/// Only the seller's part bears the fee; the buyer's part returns whole.
public struct SplitQuote: Codable, Equatable, Sendable {
    public let sellerCents: Int64
    public let feeCents: Int64
    public let sellerNetCents: Int64
    public let buyerCents: Int64
    public var totalCents: Int64 { sellerCents + buyerCents }

    public init(sellerCents: Int64, feeCents: Int64, sellerNetCents: Int64, buyerCents: Int64) {
        self.sellerCents = sellerCents
        self.feeCents = feeCents
        self.sellerNetCents = sellerNetCents
        self.buyerCents = buyerCents
    }
}

/// The platform fee in basis points (1 bp = 0.01%). The default is 500 bp = 5%.
public struct FeePolicy: Codable, Equatable, Sendable {
    public static let defaultBasisPoints = 500
    /// An operator may choose any rate in this range; above 30% Guild would be the platform it replaces.
    public static let allowedBasisPoints: ClosedRange<Int> = 0...3000
    public static let standard = FeePolicy(checkedBasisPoints: defaultBasisPoints)

    public let basisPoints: Int

    public init(basisPoints: Int = FeePolicy.defaultBasisPoints) throws(ValidationError) {
        guard Self.allowedBasisPoints.contains(basisPoints) else {
            throw ValidationError(
                field: "basisPoints",
                reason: "must be between \(Self.allowedBasisPoints.lowerBound) and \(Self.allowedBasisPoints.upperBound)"
            )
        }
        self.basisPoints = basisPoints
    }

    private init(checkedBasisPoints: Int) {
        precondition(Self.allowedBasisPoints.contains(checkedBasisPoints))
        self.basisPoints = checkedBasisPoints
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(basisPoints: container.decode(Int.self, forKey: .basisPoints))
    }

    /// The rate as people read it, e.g. "5%" or "2.5%".
    public var percentText: String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        if fraction == 0 { return "\(whole)%" }
        let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(whole).\(digits)%"
    }

    /// The fee on an amount, rounded half-up to the cent.
    ///
    /// Why half-up: it is the rounding people learn at school and check with a calculator, so any
    /// seller can verify a quote by hand; the fee is never more than half a cent away from the exact
    /// rate. Integer arithmetic only: `(amount × bp + 5000) / 10000` is exact for non-negative amounts.
    /// Internal because it trusts its input; callers outside use `quote` or `splitQuote`, which validate.
    func feeCents(on amountCents: Int64) -> Int64 {
        precondition(amountCents >= 0 && amountCents <= MoneyLimits.maximumAmountCents)
        let fee = (amountCents * Int64(basisPoints) + 5_000) / 10_000
        assert(fee >= 0 && fee <= amountCents)
        return fee
    }

    /// The quote shown on every gig, order and receipt. The fee is always charged to the seller:
    /// the buyer pays exactly the listed price.
    public func quote(priceCents: Int64) throws(ValidationError) -> FeeQuote {
        try MoneyLimits.validatePositive(priceCents, field: "priceCents")
        let fee = feeCents(on: priceCents)
        return FeeQuote(priceCents: priceCents, feeCents: fee, netCents: priceCents - fee, basisPoints: basisPoints)
    }

    /// Divides an escrowed amount: the seller's part bears the fee on that part only.
    /// At least one side must receive something; either side may be zero.
    public func splitQuote(sellerCents: Int64, buyerCents: Int64) throws(ValidationError) -> SplitQuote {
        try MoneyLimits.validateNonNegative(sellerCents, field: "sellerCents")
        try MoneyLimits.validateNonNegative(buyerCents, field: "buyerCents")
        let total = sellerCents + buyerCents
        guard total > 0 else {
            throw ValidationError(field: "sellerCents", reason: "sellerCents and buyerCents must not both be zero")
        }
        guard total <= MoneyLimits.maximumAmountCents else {
            throw ValidationError(field: "sellerCents", reason: "sellerCents + buyerCents must be at most \(MoneyLimits.maximumAmountCents)")
        }
        let fee = feeCents(on: sellerCents)
        return SplitQuote(sellerCents: sellerCents, feeCents: fee, sellerNetCents: sellerCents - fee, buyerCents: buyerCents)
    }

    /// Plain-language paragraphs for the public /policies/fees page, filled with this policy's rate.
    public var plainLanguage: [String] {
        [
            "Guild charges one platform fee of \(percentText) of the order price. There are no other platform fees.",
            "The buyer pays the listed price and nothing more. The fee comes out of the seller's side: a seller receives the price minus \(percentText).",
            "The fee is calculated in whole cents and rounded half-up: a fee of 12.5 cents becomes 13 cents, a fee of 12.4 cents becomes 12 cents. You can check every quote with a calculator.",
            "Every quote, order and receipt shows the price, the fee and what the seller receives.",
            "When a payment is split, for example after a dispute, the seller's part bears the fee on that part only and the buyer's part is returned in full, with no fee.",
            "A refund goes to the buyer's Guild balance straight away. From there the buyer can use it for another order or withdraw it to their own account at any time, like any other balance.",
            "The fee rate is set by the people who run this Guild and can only be changed through its published policy process; an order keeps the rate it was placed at.",
        ]
    }
}
