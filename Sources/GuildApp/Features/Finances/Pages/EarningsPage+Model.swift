// What the earnings page shows, already in words: months and days as a person says them in the member's time zone.
import Foundation
import GuildCore

extension EarningsPage {
    struct MonthRow: Encodable { var month: String; var grossCents: Int64; var feeCents: Int64; var netCents: Int64; var orders: Int }
    struct GapRow: Encodable { var text: String }
    struct Hourly: Encodable { var rate: String; var hours: Int; var belowMinimum: Bool; var minimum: String?; var warning: String? }

    struct Model: Encodable {
        var earnings: EarningsDTO
        var feeRate: String
        var chart: EarningsChartSVG
        var months: [MonthRow]
        @EmptyAsNull var forecast: [MonthRow]
        @EmptyAsNull var gaps: [GapRow]
        var lastOrder: String?
        var longestGap: String?
        var hourly: Hourly?
        var minimumWage: String?
        var statementFrom: String
        var statementTo: String

        init(summary: EarningsSummary, dto: EarningsDTO, zone: TimeZone, now: Date, minimumWageCents: Int64?) {
            earnings = dto
            feeRate = Percent.spoken(basisPoints: summary.effectiveFeeBasisPoints)
            chart = EarningsChartSVG(months: summary.months, forecast: summary.forecast)
            // Newest first in the table: the month a member looks for is usually the last one.
            months = summary.months.reversed().map { MonthRow(month: $0.month.spoken, grossCents: $0.grossCents, feeCents: $0.feeCents, netCents: $0.netCents, orders: $0.orders) }
            forecast = summary.forecast.map { MonthRow(month: $0.month.spoken, grossCents: $0.grossCents, feeCents: $0.feeCents, netCents: $0.netCents, orders: $0.orders) }
            gaps = summary.gaps.map { g in
                GapRow(text: "\(g.days) days without a new order, from \(SpokenDate.day(g.from, now: now, in: zone)) to \(SpokenDate.day(g.to, now: now, in: zone))")
            }
            lastOrder = summary.daysSinceLastOrder.map { $0 == 0 ? "today" : $0 == 1 ? "yesterday" : "\($0) days ago" }
            longestGap = summary.longestGapDays > 0 ? "\(summary.longestGapDays) days" : nil
            let minimumText = minimumWageCents.map { MoneyFormat.format(cents: $0) }
            minimumWage = minimumText
            hourly = summary.hourly.map { h in
                let below = h.isBelow(minimumCentsPerHour: minimumWageCents)
                return Hourly(rate: MoneyFormat.format(cents: h.centsPerHour), hours: h.hours, belowMinimum: below,
                              minimum: minimumText, warning: below ? MinimumWageWarning.text(rate: h, minimumCentsPerHour: minimumWageCents!) : nil)
            }
            let today = EarningsMonth.calendar(zone).dateComponents([.year, .month, .day], from: now)
            statementFrom = String(format: "%04d-01-01", today.year!)
            statementTo = String(format: "%04d-%02d-%02d", today.year!, today.month!, today.day!)
        }
    }
}
