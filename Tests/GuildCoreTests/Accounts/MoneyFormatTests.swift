import Testing
@testable import GuildCore

@Suite struct MoneyFormatTests {
    @Test(arguments: [(Int64(0), "$0.00"), (5, "$0.05"), (123450, "$1,234.50"), (100_000_000, "$1,000,000.00"), (-2599, "-$25.99")])
    func formatsWholeCents(cents: Int64, text: String) {
        #expect(MoneyFormat.format(cents: cents) == text)
    }

    @Test(arguments: [("45", Int64(4500)), ("45.5", 4550), ("45.50", 4550), ("$1,234.05", 123405), ("0.07", 7)])
    func parsesAmountsPeopleType(text: String, cents: Int64) {
        #expect(MoneyFormat.parse(text) == cents)
    }

    @Test(arguments: ["", "-5", "4.555", "abc", "1e3", "4..5", "٤٥", ".5"])
    func refusesAnythingElse(text: String) {
        #expect(MoneyFormat.parse(text) == nil)
    }

    @Test func plainAmountRoundTrips() {
        for cents: Int64 in [0, 1, 99, 100, 4550, 1_000_001] {
            #expect(MoneyFormat.parse(MoneyFormat.plainAmount(cents: cents)) == cents)
        }
    }
}
