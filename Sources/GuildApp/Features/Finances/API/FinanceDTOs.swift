// What the finances API answers.
import Vapor
import GuildCore

struct EarningsDTO: Content {
    struct Hourly: Content {
        var netCentsPerHour: Int64
        var hours: Int
        /// The operator's minimum hourly wage (MINIMUM_HOURLY_WAGE_CENTS); nil when none is set.
        var minimumHourlyWageCents: Int64?
        var belowMinimum: Bool
    }

    var currency = "USD"
    /// Released to the member's balance, net of fees, all time.
    var releasedCents: Int64
    var feesCents: Int64
    var grossCents: Int64
    var effectiveFeeBasisPoints: Int
    /// Funded by buyers and not released yet: the whole amount, and what the member will receive of it.
    var inEscrowCents: Int64
    var inEscrowNetCents: Int64
    /// Ordered and not paid yet, net of fees.
    var pendingCents: Int64
    var paidOutCents: Int64
    var payoutsInTransitCents: Int64
    var availableCents: Int64
    var orders: Int
    var clients: Int
    var months: [MonthlyEarnings]
    var forecast: [MonthlyEarnings]
    var gaps: [OrderGap]
    var longestGapDays: Int
    var daysSinceLastOrder: Int?
    var hourly: Hourly?

    init(_ s: EarningsSummary, availableCents: Int64, minimumWageCents: Int64?) {
        releasedCents = s.releasedNetCents; feesCents = s.feesCents; grossCents = s.grossCents
        effectiveFeeBasisPoints = s.effectiveFeeBasisPoints; inEscrowCents = s.inEscrowCents; inEscrowNetCents = s.inEscrowNetCents
        pendingCents = s.awaitingPaymentNetCents; paidOutCents = s.paidOutCents; payoutsInTransitCents = s.payoutsInTransitCents
        self.availableCents = availableCents; orders = s.orders; clients = s.clients; months = s.months; forecast = s.forecast
        gaps = s.gaps; longestGapDays = s.longestGapDays; daysSinceLastOrder = s.daysSinceLastOrder
        hourly = s.hourly.map { Hourly(netCentsPerHour: $0.centsPerHour, hours: $0.hours, minimumHourlyWageCents: minimumWageCents,
                                       belowMinimum: $0.isBelow(minimumCentsPerHour: minimumWageCents)) }
    }
}

struct StatementRequestDTO: Content {
    var from: String?
    var to: String?
}

struct VerificationDTO: Content {
    var valid: Bool
    var reason: String?
}

struct PublicKeyDTO: Content {
    var algorithm: String
    /// Base64 of the 32-byte Ed25519 public key.
    var publicKey: String
    var keyId: String
}
