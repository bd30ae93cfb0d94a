// The finances rules without a database: earnings sums, gaps and forecast, statement periods and signed bytes,
// hourly rates, percentages and CSV.
import Foundation
import Testing
@testable import GuildCore

@Suite("Finances rules")
struct FinancesCoreTests {
    let utc = TimeZone(identifier: "UTC")!
    let buyerA = UUID(), buyerB = UUID()

    func day(_ y: Int, _ m: Int, _ d: Int, hour: Int = 12) -> Date {
        EarningsMonth.calendar(utc).date(from: DateComponents(year: y, month: m, day: d, hour: hour))!
    }

    @Test("Months, fees, clients and the forecast add up, empty months included")
    func summary() {
        // given three releases over two months, a milestone order released twice, and two open holds
        let order = UUID()
        let facts = EarningsFacts(
            releases: [
                .init(at: day(2026, 1, 5), orderID: UUID(), buyerID: buyerA, netCents: 9_500, feeCents: 500, estimatedHours: 5),
                .init(at: day(2026, 3, 2), orderID: order, buyerID: buyerB, netCents: 4_750, feeCents: 250),
                .init(at: day(2026, 3, 20), orderID: order, buyerID: buyerB, netCents: 4_750, feeCents: 250),
            ],
            openHolds: [.init(amountCents: 10_000, netCents: 9_500, expectedAt: day(2026, 2, 1)),     // overdue: counts now
                        .init(amountCents: 20_000, netCents: 19_000, expectedAt: day(2026, 4, 2))],
            awaitingPaymentNetCents: 950, paidOutCents: 1_000, payoutsInTransitCents: 0,
            fundedAt: [day(2025, 12, 1), day(2026, 1, 1), day(2026, 3, 1)])
        // when summed in March with a 4-month window
        let s = EarningsSummary.summarize(facts, now: day(2026, 3, 25), zone: utc, months: 4)
        // then
        #expect(s.releasedNetCents == 19_000 && s.feesCents == 1_000 && s.grossCents == 20_000)
        #expect(s.effectiveFeeBasisPoints == 500)
        #expect(s.months.map(\.month.key) == ["2025-12", "2026-01", "2026-02", "2026-03"])
        #expect(s.months.map(\.netCents) == [0, 9_500, 0, 9_500])
        #expect(s.months[3].orders == 1)                  // one milestone order, two releases
        #expect(s.orders == 2 && s.clients == 2)
        #expect(s.inEscrowCents == 30_000 && s.inEscrowNetCents == 28_500)
        #expect(s.forecast.map(\.month.key) == ["2026-03", "2026-04"])
        #expect(s.forecast.map(\.netCents) == [9_500, 19_000])
        #expect(s.longestGapDays == 59)
        #expect(s.gaps.map(\.days) == [59, 31])           // newest first
        #expect(s.daysSinceLastOrder == 24)
        #expect(s.hourly == HourlyRate(netCents: 9_500, hours: 5))
    }

    @Test("A month is read in the member's time zone")
    func monthsInTheMembersZone() {
        // 23:30 UTC on 31 January is already February in Tokyo
        let late = day(2026, 1, 31, hour: 23).addingTimeInterval(30 * 60)
        #expect(EarningsMonth(containing: late, in: utc).key == "2026-01")
        #expect(EarningsMonth(containing: late, in: TimeZone(identifier: "Asia/Tokyo")!).key == "2026-02")
        #expect(EarningsMonth(year: 2026, month: 2).spoken == "February 2026")
    }

    @Test("Hourly rates round down, compare with the minimum, and need hours")
    func hourly() throws {
        let rate = try #require(HourlyRate.forPackage(priceCents: 10_000, estimatedHours: 3, fee: .standard))
        #expect(rate.centsPerHour == 3_166)               // 9,500 / 3, rounded down
        #expect(rate.isBelow(minimumCentsPerHour: 3_200))
        #expect(!rate.isBelow(minimumCentsPerHour: 3_166))
        #expect(!rate.isBelow(minimumCentsPerHour: nil))
        #expect(HourlyRate.forPackage(priceCents: 10_000, estimatedHours: nil, fee: .standard) == nil)
        #expect(HourlyRate.forPackage(priceCents: 10_000, estimatedHours: 0, fee: .standard) == nil)
    }

    @Test("Percentages as people write them")
    func percent() {
        #expect(Percent.spoken(basisPoints: 500) == "5%")
        #expect(Percent.spoken(basisPoints: 437) == "4.37%")
        #expect(Percent.spoken(basisPoints: 450) == "4.5%")
    }

    @Test("Statement periods: days in the zone, from not after to, not in the future, errors naming the field")
    func periods() throws {
        let now = day(2026, 6, 1)
        let p = try StatementPeriod.parse(from: "2026-01-01", to: "2026-01-31", zone: utc, now: now)
        #expect(p.end == day(2026, 2, 1, hour: 0))
        func field(_ from: String?, _ to: String?) -> String? {
            do { _ = try StatementPeriod.parse(from: from, to: to, zone: utc, now: now); return nil }
            catch { return error.errors.first?.field }
        }
        #expect(field("2026-02-01", "2026-01-01") == "from")
        #expect(field("2026-02-29", "2026-03-01") == "from")    // not a leap year
        #expect(field("2027-01-01", "2027-02-01") == "from")    // the future
        #expect(field("2020-01-01", "2026-01-01") == "to")      // more than three years
        #expect(field("2026-01-01", nil) == "to")
        #expect(field("01/01/2026", "2026-02-01") == "from")
    }

    @Test("The signed bytes change with every field but the signature")
    func signedBytes() {
        let (months, totals) = IncomeStatement.figures(
            [.init(at: day(2026, 1, 5), orderID: UUID(), buyerID: buyerA, netCents: 9_500, feeCents: 500)],
            period: try! StatementPeriod.parse(from: "2026-01-01", to: "2026-02-28", zone: utc, now: day(2026, 6, 1)), zone: utc)
        #expect(months.map(\.netCents) == [9_500, 0])
        #expect(totals == .init(grossCents: 10_000, feeCents: 500, netCents: 9_500, orders: 1, clients: 1))
        let s = IncomeStatement(id: UUID(), issuer: "https://guild.example", member: .init(id: UUID(), name: "Ada"),
                                from: "2026-01-01", to: "2026-02-28", timeZone: "UTC", issuedAt: "2026-06-01T12:00:00Z",
                                months: months, totals: totals, keyId: "abc")
        var signed = s; signed.signature = "c2lnbmF0dXJl"
        #expect(signed.signedBytes == s.signedBytes)
        #expect(String(decoding: s.signedBytes, as: UTF8.self).hasPrefix("guild-income-statement-v1\n"))
        var changes: [IncomeStatement] = []
        var c = s; c.member.name = "Eve"; changes.append(c)
        c = s; c.from = "2025-12-31"; changes.append(c)
        c = s; c.totals.feeCents = 0; changes.append(c)
        c = s; c.months[1].netCents = 1; changes.append(c)
        c = s; c.issuer = "https://evil.example"; changes.append(c)
        for changed in changes { #expect(changed.signedBytes != s.signedBytes) }
    }

    @Test("CSV quotes what needs quoting and keeps JSON types")
    func csv() throws {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a, b") == "\"a, b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        let table = try CSV.fromJSONArray(Data(#"[{"b": true, "a": 12, "c": ["x"]}, {"a": 3, "d": "line\nbreak"}]"#.utf8))
        #expect(table == "a,b,c,d\r\n12,true,\"[\"\"x\"\"]\",\r\n3,,,\"line\nbreak\"\r\n")
        let readme = ExportReadme.text(memberName: "Ada", generatedOn: "today", instance: "https://guild.example",
                                       files: [.init(path: "gigs.json", description: "Your gigs")])
        #expect(readme.contains("| `gigs.json` | Your gigs |"))
    }
}
