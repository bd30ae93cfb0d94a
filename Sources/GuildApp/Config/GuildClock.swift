// The application's one clock ("now" for orders, timers and interviews), injected so that tests can move time.
import Vapor
import NIOConcurrencyHelpers

final class GuildClock: @unchecked Sendable {
    private let lock = NIOLock()
    private var fixed: Date?

    /// The wall clock.
    init() {}
    /// A clock stopped at `date` until moved.
    init(fixed date: Date) { fixed = date }

    func now() -> Date { lock.withLock { fixed ?? Date() } }

    /// Moves a fixed clock forward (tests); starts from the wall clock if it was not fixed.
    func advance(seconds: TimeInterval) { lock.withLock { fixed = (fixed ?? Date()).addingTimeInterval(seconds) } }
    func set(_ date: Date) { lock.withLock { fixed = date } }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = GuildClock }
    var clock: GuildClock {
        // Set once by configure(); the fallback only serves code run before that.
        get { storage[ClockKey.self] ?? GuildClock() }
        set { storage[ClockKey.self] = newValue }
    }
}
