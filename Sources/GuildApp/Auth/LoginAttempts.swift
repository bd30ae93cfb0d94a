// Wrong-password counts per account, kept in memory by this instance (a restart forgets them; several
// instances each count their own), applied by `LoginThrottlePolicy`.
import Vapor
import GuildCore

actor LoginAttempts {
    private var failures: [String: [Date]] = [:]
    let policy: LoginThrottlePolicy

    init(policy: LoginThrottlePolicy = .standard) { self.policy = policy }

    func retryAfter(_ email: String, now: Date) -> TimeInterval? {
        policy.retryAfter(failures: failures[email] ?? [], now: now)
    }

    func recordFailure(_ email: String, now: Date) {
        var list = policy.recent(failures[email] ?? [], now: now)
        list.append(now)
        failures[email] = list
        // Keep memory bounded: forget accounts whose failures have all left the window.
        if failures.count > 100_000 { failures = failures.filter { !policy.recent($0.value, now: now).isEmpty } }
    }

    func reset(_ email: String) { failures[email] = nil }
}

extension Application {
    private struct LoginAttemptsKey: StorageKey { typealias Value = LoginAttempts }
    var loginAttempts: LoginAttempts {
        if let existing = storage[LoginAttemptsKey.self] { return existing }
        let created = LoginAttempts()
        storage[LoginAttemptsKey.self] = created
        return created
    }
}
