// Dates as a person says them, in the reader's own time zone.
import Foundation
import Testing
import GuildCore

@Suite struct SpokenDateTests {
    let utc = SpokenDate.timeZone(nil)
    let lisbon = SpokenDate.timeZone("Europe/Lisbon")
    let auckland = SpokenDate.timeZone("Pacific/Auckland")
    /// Friday 15 January 2027, 08:00 UTC.
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anUnknownOrEmptyZoneIsUTCAndSaysSo() {
        #expect(SpokenDate.isUTC(SpokenDate.timeZone("")))
        #expect(SpokenDate.isUTC(SpokenDate.timeZone("Mars/Olympus")))
        #expect(!SpokenDate.isUTC(lisbon))
        #expect(SpokenDate.moment(now, now: now, in: utc) == "today at 08:00 UTC")
    }

    @Test func nearDaysAreRelativeAndFarOnesAreDates() {
        let hour: TimeInterval = 3_600
        #expect(SpokenDate.day(now + 24 * hour, now: now, in: utc) == "tomorrow")
        #expect(SpokenDate.day(now - 24 * hour, now: now, in: utc) == "yesterday")
        #expect(SpokenDate.day(now + 72 * hour, now: now, in: utc) == "Monday 18 January")
        #expect(SpokenDate.day(now + 30 * 24 * hour, now: now, in: utc) == "14 February")
        #expect(SpokenDate.day(now - 400 * 24 * hour, now: now, in: utc) == "11 December 2025")
    }

    @Test func theDayDependsOnTheReadersZone() {
        // 08:00 UTC on Friday is 21:00 on Friday in Auckland (UTC+13 in summer): 14:00 UTC is already Saturday there
        let later = now + 6 * 3_600
        #expect(SpokenDate.day(later, now: now, in: utc) == "today")
        #expect(SpokenDate.moment(later, now: now, in: auckland) == "tomorrow at 03:00")
        #expect(SpokenDate.moment(later, now: now, in: lisbon) == "today at 14:00")
    }

    @Test func aFixedMomentStaysTrueWheneverItIsRead() {
        let deadline = now + 72 * 3_600
        #expect(SpokenDate.fixed(deadline, in: utc) == "Monday 18 January 2027 at 08:00 UTC")
        #expect(SpokenDate.fixed(deadline, in: auckland) == "Monday 18 January 2027 at 21:00 (Pacific/Auckland time)")
        #expect(!OrderNotices.acceptanceReminder(orderTitle: "Logo", autoAcceptAt: deadline, zone: utc).contains("2027-01-18T"))
    }

    @Test func statesAndStepsReadAsWords() {
        for state in OrderState.allCases { #expect(!state.spoken.contains("_"), "\(state)") }
        #expect(OrderHistoryWording.spoken(event: "fund") == OrderEvent.fund.spoken)
        #expect(OrderHistoryWording.spoken(event: "some_new_step") == "some new step")
    }

    /// Formatters are made once per pattern and zone and kept: the same pattern in another zone, used in turn and from
    /// many tasks at once, still says each zone's own time.
    @Test func keptFormattersKeepEachZoneApart() async {
        let deadline = Date(timeIntervalSince1970: 1_800_259_200)
        let expected = [(utc, "Monday 18 January 2027 at 08:00 UTC"), (auckland, "Monday 18 January 2027 at 21:00 (Pacific/Auckland time)"),
                        (lisbon, "Monday 18 January 2027 at 08:00 (Europe/Lisbon time)")]
        let said = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { (0..<50).flatMap { _ in expected.map { SpokenDate.fixed(deadline, in: $0.0) } } } }
            var all: [[String]] = []
            for await one in group { all.append(one) }
            return all
        }
        let once = expected.map(\.1)
        #expect(said.allSatisfy { $0 == Array((0..<50).flatMap { _ in once }) })
    }
}
