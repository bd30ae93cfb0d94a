// "Now" for the interviews area, injectable so that tests can pin the time (thank-you due dates, 3B7 follow-ups).
// Unless a test pins it, it follows the application's one clock (`app.clock`), which the order timers read too.
import Vapor

struct InterviewClock: Sendable {
    let now: @Sendable () -> Date

    static func fixed(_ date: Date) -> InterviewClock { InterviewClock(now: { date }) }
}

extension Application {
    private struct InterviewClockKey: StorageKey { typealias Value = InterviewClock }
    var interviewClock: InterviewClock {
        get {
            if let pinned = storage[InterviewClockKey.self] { return pinned }
            let shared = clock
            return InterviewClock(now: { shared.now() })
        }
        set { storage[InterviewClockKey.self] = newValue }
    }
}

extension Request {
    var interviewNow: Date { application.interviewClock.now() }
}
