// "Now" for the interviews area, injectable so that tests can pin the time (thank-you due dates, 3B7 follow-ups).
import Vapor

struct InterviewClock: Sendable {
    let now: @Sendable () -> Date

    static let system = InterviewClock(now: { Date() })
    static func fixed(_ date: Date) -> InterviewClock { InterviewClock(now: { date }) }
}

extension Application {
    private struct InterviewClockKey: StorageKey { typealias Value = InterviewClock }
    var interviewClock: InterviewClock {
        get { storage[InterviewClockKey.self] ?? .system }
        set { storage[InterviewClockKey.self] = newValue }
    }
}

extension Request {
    var interviewNow: Date { application.interviewClock.now() }
}
