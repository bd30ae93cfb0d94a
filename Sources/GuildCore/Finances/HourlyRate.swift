// The effective hourly rate net of fees, and how it compares with the minimum hourly wage the operator sets.
import Foundation

public struct HourlyRate: Sendable, Equatable, Codable {
    public var netCents: Int64
    public var hours: Int

    public init(netCents: Int64, hours: Int) {
        precondition(hours > 0, "an hourly rate needs hours")
        self.netCents = netCents; self.hours = hours
    }

    /// Net cents per hour, rounded down: a rate is never shown higher than it is.
    public var centsPerHour: Int64 { netCents / Int64(hours) }

    /// For a package: the price less the fee the seller bears, over the estimated hours.
    public static func forPackage(priceCents: Int64, estimatedHours: Int?, fee: FeePolicy) -> HourlyRate? {
        guard let hours = estimatedHours, hours > 0, let quote = try? fee.quote(priceCents: priceCents) else { return nil }
        return HourlyRate(netCents: quote.netCents, hours: hours)
    }

    /// Below the operator's minimum? Never when no minimum is set.
    public func isBelow(minimumCentsPerHour: Int64?) -> Bool {
        guard let minimum = minimumCentsPerHour, minimum > 0 else { return false }
        return centsPerHour < minimum
    }
}

/// The warning a seller reads before taking work that pays less than the minimum hourly wage.
public enum MinimumWageWarning {
    public static func text(rate: HourlyRate, minimumCentsPerHour: Int64) -> String {
        "This work pays \(MoneyFormat.format(cents: rate.centsPerHour)) an hour after fees (\(rate.hours) estimated hours), "
            + "below this instance's minimum hourly wage of \(MoneyFormat.format(cents: minimumCentsPerHour))."
    }
}

/// Estimated hours on a gig package: optional, and when given a whole number of hours within reason.
public enum EstimatedHoursRule {
    public static let range = 1...2_000
}
