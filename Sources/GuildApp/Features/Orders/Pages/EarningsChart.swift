// Monthly net earnings over the last year, drawn as a server-rendered SVG bar chart.
import Vapor
import Fluent
import GuildCore

enum EarningsChart {
    struct Bar: Encodable { var x: Int; var y: Int; var height: Int; var label: String; var amount: String }
    struct Chart: Encodable { var bars: [Bar]; var width: Int; var height: Int; var labelY: Int; var totalText: String; var hasData: Bool }

    /// Net earnings = release_to_seller credits to the member, by calendar month (UTC), the last 12 months.
    static func monthly(memberID: UUID, now: Date, on db: any Database) async throws -> Chart {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(byAdding: .month, value: -11, to: calendar.date(from: calendar.dateComponents([.year, .month], from: now))!)!
        let rows = try await LedgerEntryRecord.query(on: db)
            .filter(\.$accountKey == LedgerAccountRef.member(memberID).key)
            .filter(\.$memo == PostingMemo.releaseToSeller)
            .filter(\.$side == LedgerEntry.Side.credit.rawValue)
            .filter(\.$createdAt >= start)
            .all()
        var sums = [Int64](repeating: 0, count: 12)
        for r in rows {
            let months = calendar.dateComponents([.month], from: start, to: r.createdAt).month ?? 0
            if (0..<12).contains(months) { sums[months] += r.amountCents }
        }
        let maxValue = max(sums.max() ?? 0, 1)
        let chartHeight = 120, barWidth = 28, gap = 8
        let formatter = DateFormatter()
        formatter.dateFormat = "MMM"
        formatter.timeZone = calendar.timeZone
        let bars = sums.enumerated().map { i, cents in
            let h = Int((Double(cents) / Double(maxValue)) * Double(chartHeight))
            let month = calendar.date(byAdding: .month, value: i, to: start)!
            return Bar(x: i * (barWidth + gap), y: chartHeight - h, height: h, label: formatter.string(from: month),
                       amount: MoneyFormat.format(cents: cents))
        }
        return Chart(bars: bars, width: 12 * (barWidth + gap), height: chartHeight + 20, labelY: chartHeight + 14,
                     totalText: MoneyFormat.format(cents: sums.reduce(0, +)), hasData: sums.contains { $0 > 0 })
    }
}
