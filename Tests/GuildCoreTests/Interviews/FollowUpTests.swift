// Tests for business-day arithmetic and the 3B7 follow-up rule, across weekends and time zones.
import Foundation
import PropertyBased
import Testing
@testable import GuildCore

@Suite("Business calendar and 3B7")
struct FollowUpTests {
    typealias F = InterviewFixtures
    static let calendar = BusinessCalendar.utc
    // 2025-12-05 is a Friday.
    static let friday = F.date(2025, 12, 5, 10, 0)

    @Test("adding business days skips weekends")
    func adding() {
        // given a Friday at 10:00
        // then Friday + 1 is Monday, + 3 Wednesday, + 7 the Tuesday after next, same time
        #expect(Self.calendar.adding(businessDays: 1, to: Self.friday) == F.date(2025, 12, 8, 10, 0))
        #expect(Self.calendar.adding(businessDays: 3, to: Self.friday) == F.date(2025, 12, 10, 10, 0))
        #expect(Self.calendar.adding(businessDays: 7, to: Self.friday) == F.date(2025, 12, 16, 10, 0))
        // and from a Saturday the count starts on Monday
        #expect(Self.calendar.adding(businessDays: 1, to: F.date(2025, 12, 6, 9, 0)) == F.date(2025, 12, 8, 9, 0))
        // and negative counts go back
        #expect(Self.calendar.adding(businessDays: -1, to: F.date(2025, 12, 8, 10, 0)) == Self.friday)
    }

    @Test("counting business days between two moments")
    func counting() {
        // given a Friday 10:00 start
        // then the weekend does not count, and a day counts only once its hour has passed
        #expect(Self.calendar.businessDays(from: Self.friday, to: F.date(2025, 12, 7, 23, 0)) == 0)
        #expect(Self.calendar.businessDays(from: Self.friday, to: F.date(2025, 12, 8, 9, 59)) == 0)
        #expect(Self.calendar.businessDays(from: Self.friday, to: F.date(2025, 12, 8, 10, 0)) == 1)
        #expect(Self.calendar.businessDays(from: Self.friday, to: F.date(2026, 1, 2, 10, 0)) == 20)
        #expect(Self.calendar.businessDays(from: Self.friday, to: Self.friday.addingTimeInterval(-1)) == 0)
    }

    @Test("businessDays inverts adding for any start and count", .timeLimit(.minutes(1)))
    func inverse() async {
        // given any start within a few years and any count up to 300
        await propertyCheck(input: Gen.int(in: 0...(3 * 365 * 24)), Gen.int(in: 0...300)) { hours, days in
            let start = F.date(2025, 1, 1, 0, 0).addingTimeInterval(TimeInterval(hours * 3600))
            // when adding and counting back
            let later = Self.calendar.adding(businessDays: days, to: start)
            // then the count is recovered
            #expect(Self.calendar.businessDays(from: start, to: later) == days)
        }
    }

    @Test("the weekday depends on the calendar's time zone")
    func timeZone() {
        // given Friday 23:30 in UTC, which is already Saturday in Tokyo
        let moment = F.date(2025, 12, 5, 23, 30)
        let tokyo = BusinessCalendar(timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        // then it is a business day in UTC but not in Tokyo
        #expect(Self.calendar.isBusinessDay(moment))
        #expect(!tokyo.isBusinessDay(moment))
    }

    @Test("3B7 from a Friday request, day by day")
    func threeBSevenAcrossWeekends() {
        // given a request sent on Friday at 10:00 and no answer
        func step(_ now: Date, followUps: Int = 0, answered: Bool = false) -> FollowUpStep {
            FollowUpPolicy.nextStep(requestSentAt: Self.friday, now: now, answered: answered, followUpsSent: followUps, calendar: Self.calendar)
        }
        let wednesday = F.date(2025, 12, 10, 10, 0)
        let nextTuesday = F.date(2025, 12, 16, 10, 0)
        // then over the weekend and until Wednesday 10:00 it waits for the contact
        #expect(step(F.date(2025, 12, 7, 12, 0)) == .waiting(until: wednesday))
        #expect(step(F.date(2025, 12, 10, 9, 0)) == .waiting(until: wednesday))
        // after three business days: try another contact, follow up from the Tuesday after next
        #expect(step(wednesday) == .tryAnotherContact(followUpAt: nextTuesday))
        #expect(step(F.date(2025, 12, 14, 12, 0)) == .tryAnotherContact(followUpAt: nextTuesday))
        // after seven: follow up once
        #expect(step(nextTuesday) == .followUpOnce)
        // once followed up: stop, however long it has been
        #expect(step(F.date(2026, 1, 30), followUps: 1) == .stop)
        // an answer ends it all
        #expect(step(nextTuesday, answered: true) == .none)
    }

    @Test("the rule is published as data")
    func policyData() {
        // given the standard policy
        let policy = FollowUpPolicy.threeBSeven
        // then it is 3, 7 and one follow-up, described in words
        #expect(policy.tryAnotherAfterBusinessDays == 3 && policy.followUpAfterBusinessDays == 7 && policy.maximumFollowUps == 1)
        #expect(policy.descriptions.last?.contains("more than once") == true)
        #expect(FollowUpStep.stop.message.contains("Do not write again"))
    }
}
