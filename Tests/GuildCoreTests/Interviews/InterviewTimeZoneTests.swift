// Time in the member's own zone: form times, 3B7 business days and the calendar invitation, across a daylight-saving change.
import Foundation
import Testing
@testable import GuildCore

@Suite("Interview times in the member's zone")
struct InterviewTimeZoneTests {
    typealias F = InterviewFixtures
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    @Test("a form's time is the member's wall clock, before and after the spring change")
    func formTimeAcrossSpringChange() throws {
        // given a Paris member typing 10:30 on the Saturday before and the Monday after clocks go forward (29 March 2026)
        let before = try MeetingTime.instant(local: "2026-03-28T10:30", in: Self.paris, field: "scheduledAt")
        let after = try MeetingTime.instant(local: "2026-03-30T10:30", in: Self.paris, field: "scheduledAt")
        // then each is 10:30 in Paris: 09:30 UTC in winter time, 08:30 UTC in summer time
        #expect(before == F.date(2026, 3, 28, 9, 30))
        #expect(after == F.date(2026, 3, 30, 8, 30))
        // and the form shows the stored time back as the member typed it
        #expect(MeetingTime.formValue(after, in: Self.paris) == "2026-03-30T10:30")
        #expect(MeetingTime.formValue(after, in: Self.newYork) == "2026-03-30T04:30")
    }

    @Test("a time the clocks skip is refused with the field named; a repeated time is its first occurrence")
    func skippedAndRepeatedHours() throws {
        // given 02:30 on the night clocks go forward in Paris
        #expect(throws: ValidationErrors.self) { try MeetingTime.instant(local: "2026-03-29T02:30", in: Self.paris, field: "scheduledAt") }
        do {
            _ = try MeetingTime.instant(local: "2026-03-29T02:30", in: Self.paris, field: "scheduledAt")
        } catch let e as ValidationErrors {
            #expect(e.errors.first?.field == "scheduledAt")
            #expect(e.errors.first?.reason.contains("Europe/Paris") == true)
        }
        // and 02:30 on the night they go back happens twice: the first, still in summer time, is meant
        let repeated = try MeetingTime.instant(local: "2026-10-25T02:30", in: Self.paris, field: "scheduledAt")
        #expect(repeated == F.date(2026, 10, 25, 0, 30))
        // nonsense is refused
        #expect(throws: ValidationErrors.self) { try MeetingTime.instant(local: "2026-13-01T10:00", in: Self.paris, field: "scheduledAt") }
        #expect(throws: ValidationErrors.self) { try MeetingTime.instant(local: "tomorrow", in: Self.paris, field: "scheduledAt") }
    }

    @Test("3B7 counts business days in the explorer's zone, across the autumn change")
    func threeBSevenAcrossAutumnChange() {
        // given a request sent on Thursday 22 October 2026 at 23:30 in New York (Friday 03:30 UTC); clocks go back on 1 November there
        let sent = F.date(2026, 10, 23, 3, 30)
        let newYork = BusinessCalendar(timeZone: Self.newYork)
        // then three business days later is Tuesday 27 October at 23:30 New York time, and seven is Monday 2 November,
        // the day after the change, still at 23:30 on the wall clock
        let three = newYork.adding(businessDays: 3, to: sent)
        let seven = newYork.adding(businessDays: 7, to: sent)
        #expect(MeetingTime.formValue(three, in: Self.newYork) == "2026-10-27T23:30")
        #expect(MeetingTime.formValue(seven, in: Self.newYork) == "2026-11-02T23:30")
        #expect(seven.timeIntervalSince(three) == 6 * 86_400 + 3_600)
        // while in UTC the same request was sent on a Friday, and its third business day is a Wednesday
        let utc = BusinessCalendar.utc.adding(businessDays: 3, to: sent)
        #expect(MeetingTime.formValue(utc, in: TimeZone(identifier: "UTC")!) == "2026-10-28T03:30")
    }

    @Test("the invitation carries the organiser's zone and a reminder a quarter of an hour before")
    func invitationZoneAndReminder() throws {
        // given an interview at 10:30 Paris time on the Monday after the spring change
        let start = try MeetingTime.instant(local: "2026-03-30T10:30", in: Self.paris, field: "scheduledAt")
        let event = ICalendarEvent.interview(
            interviewID: F.id(7), host: "guild.example", start: start, minutes: 20, stamp: F.date(2026, 3, 20, 9, 0),
            explorer: Mailbox(name: "Jonas Weber", email: "jonas@example.org"), contact: Mailbox(name: "Amara Okafor", email: "amara@northwind.example"),
            topic: "freight planning", timeZone: Self.paris, reminderMinutes: ICalendarEvent.interviewReminderMinutes)
        let text = event.render()
        let lines = text.components(separatedBy: "\r\n")
        // then the start and end are Paris wall-clock times under a VTIMEZONE that knows both offsets
        #expect(lines.contains("DTSTART;TZID=Europe/Paris:20260330T103000"))
        #expect(lines.contains("DTEND;TZID=Europe/Paris:20260330T105000"))
        #expect(lines.contains("TZID:Europe/Paris"))
        #expect(lines.contains("TZOFFSETFROM:+0100"))
        #expect(lines.contains("TZOFFSETTO:+0200"))
        #expect(lines.contains("DTSTART:20260329T020000"))
        let zoneStart = try #require(lines.firstIndex(of: "BEGIN:VTIMEZONE"))
        let eventStart = try #require(lines.firstIndex(of: "BEGIN:VEVENT"))
        #expect(zoneStart < eventStart)
        // and a display alarm fifteen minutes before the start, inside the event
        let alarm = try #require(lines.firstIndex(of: "BEGIN:VALARM"))
        #expect(alarm > eventStart)
        #expect(lines.contains("TRIGGER;RELATED=START:-PT15M"))
        #expect(lines.contains("ACTION:DISPLAY"))
        #expect(ICalendarEvent.interviewReminderMinutes == 15)
        // a UTC organiser keeps plain UTC times
        let utc = ICalendarEvent.interview(
            interviewID: F.id(7), host: "guild.example", start: start, minutes: 20, stamp: F.date(2026, 3, 20, 9, 0),
            explorer: Mailbox(name: "Jonas Weber", email: "jonas@example.org"), contact: Mailbox(name: "Amara Okafor", email: "amara@northwind.example"),
            topic: "freight planning", timeZone: TimeZone(identifier: "UTC"), reminderMinutes: 15).render()
        #expect(utc.contains("DTSTART:20260330T083000Z"))
        #expect(!utc.contains("VTIMEZONE"))
    }

    @Test("a declined request is its own stage, reached only from a request")
    func declinedStage() throws {
        #expect(InterviewStage.requested.canMove(to: .declined))
        #expect(InterviewStage.followingUp.canMove(to: .declined))
        #expect(!InterviewStage.held.canMove(to: .declined))
        #expect(InterviewStage.declined.allowedNextStages.isEmpty)
        #expect(InterviewStage.declined.label == "Declined")
    }
}
