// A seller's earnings summed from what the ledger and the orders say: the dashboard, the API and the income
// statement all read this one computation, so their figures cannot drift apart.
import Foundation

/// What the app reads from the database for one member, before any summing.
public struct EarningsFacts: Sendable, Equatable {
    /// One escrow hold of the member's sales that was released (in whole or in part).
    public struct Release: Sendable, Equatable {
        public var at: Date
        public var orderID: UUID?
        public var buyerID: UUID
        /// What reached the member's balance (`release_to_seller`).
        public var netCents: Int64
        /// What the platform kept of it (`platform_fee`).
        public var feeCents: Int64
        /// The package's estimated hours when the order was placed, when the seller gave one.
        public var estimatedHours: Int?
        public init(at: Date, orderID: UUID?, buyerID: UUID, netCents: Int64, feeCents: Int64, estimatedHours: Int? = nil) {
            self.at = at; self.orderID = orderID; self.buyerID = buyerID; self.netCents = netCents; self.feeCents = feeCents
            self.estimatedHours = estimatedHours
        }
    }

    /// Money the buyer has put in escrow for the member's work that is not released yet.
    public struct OpenHold: Sendable, Equatable {
        public var amountCents: Int64
        public var netCents: Int64
        /// When the money should reach the member if nothing goes wrong (see `EarningsForecast`).
        public var expectedAt: Date
        public init(amountCents: Int64, netCents: Int64, expectedAt: Date) {
            self.amountCents = amountCents; self.netCents = netCents; self.expectedAt = expectedAt
        }
    }

    public var releases: [Release]
    public var openHolds: [OpenHold]
    /// Orders placed with the member and not paid yet, net of the fee they would bear.
    public var awaitingPaymentNetCents: Int64
    public var paidOutCents: Int64
    public var payoutsInTransitCents: Int64
    /// When each of the member's sales was paid for (funded), for the gaps between orders.
    public var fundedAt: [Date]

    public init(releases: [Release], openHolds: [OpenHold], awaitingPaymentNetCents: Int64, paidOutCents: Int64,
                payoutsInTransitCents: Int64, fundedAt: [Date]) {
        self.releases = releases; self.openHolds = openHolds; self.awaitingPaymentNetCents = awaitingPaymentNetCents
        self.paidOutCents = paidOutCents; self.payoutsInTransitCents = payoutsInTransitCents; self.fundedAt = fundedAt
    }
}

/// A calendar month in the member's time zone, as "2026-03" in JSON and "March 2026" on pages.
public struct EarningsMonth: Sendable, Hashable, Codable, Comparable {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) { self.year = year; self.month = month }

    public init(containing date: Date, in zone: TimeZone) {
        let parts = EarningsMonth.calendar(zone).dateComponents([.year, .month], from: date)
        self.init(year: parts.year!, month: parts.month!)
    }

    public var key: String { String(format: "%04d-%02d", year, month) }

    public var next: EarningsMonth { month == 12 ? EarningsMonth(year: year + 1, month: 1) : EarningsMonth(year: year, month: month + 1) }
    public var previous: EarningsMonth { month == 1 ? EarningsMonth(year: year - 1, month: 12) : EarningsMonth(year: year, month: month - 1) }

    /// "March 2026" (English month names: the pages are in English).
    public var spoken: String { "\(Self.names[month - 1]) \(year)" }
    /// "Mar": the chart's axis.
    public var short: String { String(Self.names[month - 1].prefix(3)) }

    public static func < (a: EarningsMonth, b: EarningsMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(key) }
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        let parts = raw.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a month is written YYYY-MM"))
        }
        self.init(year: y, month: m)
    }

    static let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                        "October", "November", "December"]

    public static func calendar(_ zone: TimeZone) -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = zone
        return c
    }
}

/// One month of released work.
public struct MonthlyEarnings: Sendable, Equatable, Codable {
    public var month: EarningsMonth
    /// What buyers paid for the released work: net + fees.
    public var grossCents: Int64
    public var feeCents: Int64
    public var netCents: Int64
    /// Orders with money released to the member that month.
    public var orders: Int
    public init(month: EarningsMonth, grossCents: Int64 = 0, feeCents: Int64 = 0, netCents: Int64 = 0, orders: Int = 0) {
        self.month = month; self.grossCents = grossCents; self.feeCents = feeCents; self.netCents = netCents; self.orders = orders
    }
}

/// A stretch with no new paid order, longer than `EarningsSummary.noticeableGapDays`.
public struct OrderGap: Sendable, Equatable, Codable {
    public var from: Date
    public var to: Date
    public var days: Int
}

public struct EarningsSummary: Sendable, Equatable {
    /// Released to the member's balance, net of fees, all time.
    public var releasedNetCents: Int64
    public var feesCents: Int64
    public var grossCents: Int64
    /// Fees as a share of gross, in basis points (500 = 5%); 0 with no sales yet.
    public var effectiveFeeBasisPoints: Int
    /// Funded by buyers, not released yet: the whole amount and what the member will receive of it.
    public var inEscrowCents: Int64
    public var inEscrowNetCents: Int64
    /// Ordered, not paid for yet, net of fees.
    public var awaitingPaymentNetCents: Int64
    public var paidOutCents: Int64
    public var payoutsInTransitCents: Int64
    public var orders: Int
    public var clients: Int
    /// Oldest first, every month of the window (zero months included, so a chart has no holes).
    public var months: [MonthlyEarnings]
    /// What open escrow should release, by month, oldest first.
    public var forecast: [MonthlyEarnings]
    public var gaps: [OrderGap]
    public var longestGapDays: Int
    public var daysSinceLastOrder: Int?
    /// Net per estimated hour over the released orders that carry an estimate; nil without any.
    public var hourly: HourlyRate?

    /// Gaps shorter than two weeks are ordinary between orders; longer ones are worth seeing.
    public static let noticeableGapDays = 14
    public static let maximumGapsListed = 12

    /// Sums the facts. `months` months of history end with the month containing `now`, in `zone`.
    public static func summarize(_ facts: EarningsFacts, now: Date, zone: TimeZone, months windowMonths: Int = 12) -> EarningsSummary {
        precondition(windowMonths >= 1 && windowMonths <= 120, "a window of 1 to 120 months")
        let net = facts.releases.reduce(Int64(0)) { $0 + $1.netCents }
        let fees = facts.releases.reduce(Int64(0)) { $0 + $1.feeCents }
        let gross = net + fees

        let current = EarningsMonth(containing: now, in: zone)
        var first = current
        for _ in 1..<windowMonths { first = first.previous }
        var byMonth: [EarningsMonth: MonthlyEarnings] = [:]
        var ordersByMonth: [EarningsMonth: Set<String>] = [:]
        for r in facts.releases {
            let m = EarningsMonth(containing: r.at, in: zone)
            var row = byMonth[m] ?? MonthlyEarnings(month: m)
            row.netCents += r.netCents; row.feeCents += r.feeCents; row.grossCents += r.netCents + r.feeCents
            byMonth[m] = row
            // A milestone order releases several holds: it counts once a month.
            ordersByMonth[m, default: []].insert(r.orderID?.uuidString ?? "\(r.at.timeIntervalSince1970)")
        }
        var months: [MonthlyEarnings] = []
        var m = first
        while m <= current {
            var row = byMonth[m] ?? MonthlyEarnings(month: m)
            row.orders = ordersByMonth[m]?.count ?? 0
            months.append(row)
            m = m.next
        }

        var forecastByMonth: [EarningsMonth: MonthlyEarnings] = [:]
        for h in facts.openHolds {
            // Work already overdue is still expected: it counts in the current month, not in the past.
            let month = max(EarningsMonth(containing: h.expectedAt, in: zone), current)
            var row = forecastByMonth[month] ?? MonthlyEarnings(month: month)
            row.grossCents += h.amountCents; row.netCents += h.netCents; row.feeCents += h.amountCents - h.netCents; row.orders += 1
            forecastByMonth[month] = row
        }

        let (gaps, longest, since) = Self.gaps(fundedAt: facts.fundedAt, now: now)
        let orderIDs = Set(facts.releases.compactMap(\.orderID))
        let withHours = facts.releases.filter { ($0.estimatedHours ?? 0) > 0 }
        // Hours count once per order, even when a milestone order released several holds.
        var hoursByOrder: [String: Int] = [:]
        for r in withHours { hoursByOrder[r.orderID?.uuidString ?? UUID().uuidString] = r.estimatedHours! }
        let hours = hoursByOrder.values.reduce(0, +)
        return EarningsSummary(
            releasedNetCents: net, feesCents: fees, grossCents: gross,
            effectiveFeeBasisPoints: gross > 0 ? Int((fees * 10_000 + gross / 2) / gross) : 0,
            inEscrowCents: facts.openHolds.reduce(0) { $0 + $1.amountCents },
            inEscrowNetCents: facts.openHolds.reduce(0) { $0 + $1.netCents },
            awaitingPaymentNetCents: facts.awaitingPaymentNetCents,
            paidOutCents: facts.paidOutCents, payoutsInTransitCents: facts.payoutsInTransitCents,
            orders: orderIDs.count, clients: Set(facts.releases.map(\.buyerID)).count,
            months: months, forecast: forecastByMonth.values.sorted { $0.month < $1.month },
            gaps: gaps, longestGapDays: longest, daysSinceLastOrder: since,
            hourly: hours > 0 ? HourlyRate(netCents: withHours.reduce(0) { $0 + $1.netCents }, hours: hours) : nil)
    }

    /// Gaps between consecutive paid orders (the newest `maximumGapsListed` of the noticeable ones), the longest
    /// gap in whole days, and the days since the last one.
    static func gaps(fundedAt: [Date], now: Date) -> ([OrderGap], Int, Int?) {
        let dates = fundedAt.sorted()
        guard let last = dates.last else { return ([], 0, nil) }
        var gaps: [OrderGap] = []
        var longest = 0
        for (a, b) in zip(dates, dates.dropFirst()) {
            let days = Int(b.timeIntervalSince(a) / 86_400)
            longest = max(longest, days)
            if days >= noticeableGapDays { gaps.append(OrderGap(from: a, to: b, days: days)) }
        }
        return (Array(gaps.suffix(maximumGapsListed).reversed()), longest, max(0, Int(now.timeIntervalSince(last) / 86_400)))
    }
}

/// When an open hold's money should reach the seller: the order timers' auto-accept after delivery, or after
/// the due date when the work is not delivered yet. A forecast, not a promise: buyers may accept sooner.
public enum EarningsForecast {
    public static func expectedRelease(deliveredAt: Date?, dueAt: Date?, fundedAt: Date, autoAcceptSeconds: TimeInterval) -> Date {
        if let deliveredAt { return deliveredAt.addingTimeInterval(autoAcceptSeconds) }
        if let dueAt { return dueAt.addingTimeInterval(autoAcceptSeconds) }
        return fundedAt.addingTimeInterval(autoAcceptSeconds)
    }
}

/// Percentages as people write them: 500 basis points → "5%", 437 → "4.37%".
public enum Percent {
    public static func spoken(basisPoints bps: Int) -> String {
        let whole = bps / 100, rest = abs(bps % 100)
        if rest == 0 { return "\(whole)%" }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)%" : String(format: "%d.%02d%%", whole, rest)
    }
}
