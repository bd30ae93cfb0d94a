// The orders area's settings: which payment provider, the platform fee, the smallest payout, the timer interval.
import Vapor
import GuildCore

public struct PaymentSettings: Sendable, Equatable {
    public enum ProviderName: String, Sendable, CaseIterable { case sandbox, manual }

    public var provider: ProviderName
    /// The fee in force for new orders; each order keeps the rate it was placed at.
    public var feeBasisPoints: Int
    public var payoutMinimumCents: Int64
    /// How often `guild serve` runs the order timers.
    public var jobsIntervalSeconds: Int
    /// How long credited money waits before it can be paid out (none by default).
    public var clearing: ClearingPolicy = .none

    public init(provider: ProviderName = .sandbox, feeBasisPoints: Int = FeePolicy.defaultBasisPoints,
                payoutMinimumCents: Int64 = Payout.defaultMinimumCents, jobsIntervalSeconds: Int = 60) {
        self.provider = provider
        self.feeBasisPoints = feeBasisPoints
        self.payoutMinimumCents = payoutMinimumCents
        self.jobsIntervalSeconds = jobsIntervalSeconds
    }

    public var feePolicy: FeePolicy { (try? FeePolicy(basisPoints: feeBasisPoints)) ?? .standard }

    /// Reads `PAYMENT_PROVIDER` (sandbox|manual), `PLATFORM_FEE_BPS`, `PAYOUT_MINIMUM_CENTS`, `PAYOUT_CLEARING_HOURS`,
    /// `ORDER_JOBS_INTERVAL_SECONDS`.
    static func fromEnvironment(problems: inout [String]) -> PaymentSettings {
        var settings = PaymentSettings()
        if let raw = Environment.get("PAYMENT_PROVIDER"), !raw.isEmpty {
            if let p = ProviderName(rawValue: raw) { settings.provider = p } else { problems.append("PAYMENT_PROVIDER must be sandbox or manual") }
        }
        if let raw = Environment.get("PLATFORM_FEE_BPS"), !raw.isEmpty {
            if let v = Int(raw), FeePolicy.allowedBasisPoints.contains(v) { settings.feeBasisPoints = v }
            else { problems.append("PLATFORM_FEE_BPS must be a whole number from \(FeePolicy.allowedBasisPoints.lowerBound) to \(FeePolicy.allowedBasisPoints.upperBound)") }
        }
        if let raw = Environment.get("PAYOUT_MINIMUM_CENTS"), !raw.isEmpty {
            if let v = Int64(raw), v >= 1, v <= MoneyLimits.maximumAmountCents { settings.payoutMinimumCents = v }
            else { problems.append("PAYOUT_MINIMUM_CENTS must be a whole number of cents, at least 1") }
        }
        if let raw = Environment.get("PAYOUT_CLEARING_HOURS"), !raw.isEmpty {
            if let v = Int(raw), let policy = try? ClearingPolicy(hours: v) { settings.clearing = policy }
            else { problems.append("PAYOUT_CLEARING_HOURS must be a whole number of hours from 0 to \(ClearingPolicy.maximumHours)") }
        }
        if let raw = Environment.get("ORDER_JOBS_INTERVAL_SECONDS"), !raw.isEmpty {
            if let v = Int(raw), (1...86_400).contains(v) { settings.jobsIntervalSeconds = v }
            else { problems.append("ORDER_JOBS_INTERVAL_SECONDS must be from 1 to 86400") }
        }
        return settings
    }
}
