// How many wrong passwords an account takes before log-in pauses: guessing must be slow, members must not be locked out for long.
import Foundation

public struct LoginThrottlePolicy: Sendable, Equatable {
    /// Wrong passwords allowed within the window before log-in pauses.
    public var maxFailures: Int
    /// How far back failures count, in seconds.
    public var windowSeconds: TimeInterval

    public static let standard = LoginThrottlePolicy(maxFailures: 10, windowSeconds: 15 * 60)

    public init(maxFailures: Int, windowSeconds: TimeInterval) {
        self.maxFailures = maxFailures
        self.windowSeconds = windowSeconds
    }

    /// The failures still inside the window.
    public func recent(_ failures: [Date], now: Date) -> [Date] {
        failures.filter { now.timeIntervalSince($0) < windowSeconds }
    }

    /// nil when a log-in may be tried now; otherwise how many seconds until the oldest counted failure leaves the window.
    public func retryAfter(failures: [Date], now: Date) -> TimeInterval? {
        let counted = recent(failures, now: now).sorted()
        guard counted.count >= maxFailures, let oldest = counted.first else { return nil }
        return max(1, (windowSeconds - now.timeIntervalSince(oldest)).rounded(.up))
    }

    public var description: String {
        "After \(maxFailures) wrong passwords within \(Int(windowSeconds / 60)) minutes, log-in to that account pauses until the oldest of them is \(Int(windowSeconds / 60)) minutes old."
    }
}
