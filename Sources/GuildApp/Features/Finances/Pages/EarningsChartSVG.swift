// The dashboard's chart: net earnings and fees by month as stacked bars, then the forecast months outlined, drawn
// as SVG on the server. The table beside it on the page is its text alternative.
import Foundation
import GuildCore

struct EarningsChartSVG: Encodable {
    struct Bar: Encodable {
        var x: Int
        var netY: Int, netHeight: Int
        var feeY: Int, feeHeight: Int
        var label: String
        /// What a pointer or a screen reader reads for the bar.
        var title: String
        var forecast: Bool
    }

    var bars: [Bar]
    var width: Int
    var height: Int
    var labelY: Int
    var barWidth: Int
    var summary: String
    var hasData: Bool

    static let plotHeight = 140, barWidth = 22, gap = 8

    init(months: [MonthlyEarnings], forecast: [MonthlyEarnings]) {
        let all = months.map { ($0, false) } + forecast.filter { f in !months.contains { $0.month == f.month } }.map { ($0, true) }
        // Forecast money for the current month stacks on top of what is already released there.
        let forecastByMonth = Dictionary(forecast.map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
        let maxCents = max(all.map { m, isForecast in m.grossCents + (isForecast ? 0 : forecastByMonth[m.month]?.grossCents ?? 0) }.max() ?? 0, 1)
        func scaled(_ cents: Int64) -> Int { Int((Double(cents) / Double(maxCents) * Double(Self.plotHeight)).rounded()) }
        bars = all.enumerated().map { i, pair in
            let (m, isForecast) = pair
            let netH = scaled(m.netCents), feeH = scaled(m.feeCents)
            let netY = Self.plotHeight - netH
            let title = isForecast
                ? "\(m.month.spoken): \(MoneyFormat.format(cents: m.netCents)) expected from work in escrow"
                : "\(m.month.spoken): \(MoneyFormat.format(cents: m.netCents)) earned, \(MoneyFormat.format(cents: m.feeCents)) in fees"
            return Bar(x: i * (Self.barWidth + Self.gap), netY: netY, netHeight: netH, feeY: netY - feeH, feeHeight: feeH,
                       label: m.month.short, title: title, forecast: isForecast)
        }
        width = max(all.count, 1) * (Self.barWidth + Self.gap)
        height = Self.plotHeight + 18
        labelY = Self.plotHeight + 14
        barWidth = Self.barWidth
        let earned = months.reduce(Int64(0)) { $0 + $1.netCents }
        let expected = forecast.reduce(Int64(0)) { $0 + $1.netCents }
        summary = "Net earnings by month: \(MoneyFormat.format(cents: earned)) over the last \(months.count) months"
            + (expected > 0 ? ", and \(MoneyFormat.format(cents: expected)) expected from work in escrow" : "")
        hasData = earned > 0 || expected > 0
    }
}
