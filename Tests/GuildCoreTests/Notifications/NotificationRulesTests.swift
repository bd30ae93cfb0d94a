// The notification rules: which kinds a member may hide, what is emailed by default, the reminder windows, the words.
import Foundation
import Testing
@testable import GuildCore

@Suite struct NotificationRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000) // Friday 15 January 2027, 08:00 UTC

    @Test func kindsThatNeedActionAlwaysShowInTheCentre() {
        #expect(NotificationPreference.effective(for: .orderFunded, stored: .init(inApp: false, email: false)) == .init(inApp: true, email: false))
        #expect(NotificationPreference.effective(for: .reviewRevealed, stored: .init(inApp: false, email: true)) == .init(inApp: false, email: true))
        #expect(NotificationPreference.effective(for: .reviewRevealed, stored: nil) == .init(inApp: true, email: false))
        #expect(NotificationPreference.effective(for: .disputeAnswerDue, stored: nil) == .init(inApp: true, email: true))
        // the milestone reminder follows the delivery reminder's setting and is not listed on its own
        #expect(NotificationKind.milestoneAcceptanceReminder.setting == .acceptanceReminder)
        #expect(!NotificationKind.settable.contains(.milestoneAcceptanceReminder) && NotificationKind.settable.count == NotificationKind.allCases.count - 1)
    }

    @Test func reminderWindows() {
        // a dispute opened at t0 must be answered within 72 hours: reminded from 48 hours, never after the deadline or once answered
        #expect(!NotificationTimers.answerReminderDue(openedAt: t0, answeredAt: nil, now: t0.addingTimeInterval(47 * 3_600)))
        #expect(NotificationTimers.answerReminderDue(openedAt: t0, answeredAt: nil, now: t0.addingTimeInterval(48 * 3_600)))
        #expect(!NotificationTimers.answerReminderDue(openedAt: t0, answeredAt: nil, now: t0.addingTimeInterval(72 * 3_600)))
        #expect(!NotificationTimers.answerReminderDue(openedAt: t0, answeredAt: t0, now: t0.addingTimeInterval(50 * 3_600)))
        // answered at t0: the arbiter has 7 days; reminded on the seventh
        #expect(!NotificationTimers.decisionReminderDue(openedAt: t0, answeredAt: t0, now: t0.addingTimeInterval(6 * 86_400 - 1)))
        #expect(NotificationTimers.decisionReminderDue(openedAt: t0, answeredAt: t0, now: t0.addingTimeInterval(6 * 86_400)))
        #expect(!NotificationTimers.decisionReminderDue(openedAt: t0, answeredAt: nil, now: t0.addingTimeInterval(6 * 86_400)))
        // a thank-you: reminded from 12 hours after the conversation until it is due at 24, unless sent
        #expect(!NotificationTimers.thankYouReminderDue(heldAt: t0, thankedAt: nil, now: t0.addingTimeInterval(11 * 3_600)))
        #expect(NotificationTimers.thankYouReminderDue(heldAt: t0, thankedAt: nil, now: t0.addingTimeInterval(12 * 3_600)))
        #expect(!NotificationTimers.thankYouReminderDue(heldAt: t0, thankedAt: nil, now: t0.addingTimeInterval(24 * 3_600)))
        #expect(!NotificationTimers.thankYouReminderDue(heldAt: t0, thankedAt: t0.addingTimeInterval(3_600), now: t0.addingTimeInterval(13 * 3_600)))
    }

    @Test func wordsNotCodes() {
        let lisbon = TimeZone(identifier: "Europe/Lisbon")!
        let m = NotificationWording.thankYouDue(contactName: "Maya Ortiz", dueAt: t0, zone: lisbon)
        #expect(m.text.contains("Friday 15 January 2027 at 08:00 (Europe/Lisbon time)"))
        #expect(!m.text.contains("2027-01-15"))
        let long = NotificationWording.fitted(NotificationMessage(subject: String(repeating: "a", count: 300), text: "t"))
        #expect(long.subject.count == NotificationWording.subjectCharacters && long.subject.hasSuffix("…"))
        let body = NotificationEmail.body(displayName: "Bea", text: "Paid.", link: NotificationEmail.absolute("/orders/1", base: "https://guild.example/"),
                                          settingsLink: NotificationEmail.absolute("/notifications/settings", base: "https://guild.example"), kind: .orderFunded)
        #expect(body.contains("https://guild.example/orders/1") && body.contains("https://guild.example/notifications/settings") && body.hasPrefix("Hello Bea,"))
    }
}
