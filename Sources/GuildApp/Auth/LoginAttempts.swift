// Wrong-password counts per account, kept in the database (`login_failures`) so that every app instance counts the
// same failures and a restart forgets nothing; applied by `LoginThrottlePolicy`. Emails are stored as a SHA-256 of
// the normalised address, so attempts on addresses that have no account leave no readable trace.
import Vapor
import Fluent
import SQLKit
import Crypto
import GuildCore

struct LoginAttempts: Sendable {
    let policy: LoginThrottlePolicy
    let db: any Database

    static func key(_ email: String) -> String {
        SHA256.hash(data: Data(email.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private func recent(_ email: String, now: Date) async throws -> [Date] {
        try await LoginFailureRecord.query(on: db).filter(\.$emailKey == Self.key(email))
            .filter(\.$failedAt > now.addingTimeInterval(-policy.windowSeconds)).all(\.$failedAt)
    }

    func retryAfter(_ email: String, now: Date) async throws -> TimeInterval? {
        policy.retryAfter(failures: try await recent(email, now: now), now: now)
    }

    func recordFailure(_ email: String, now: Date) async throws {
        let key = Self.key(email)
        // Failures that left the window are no longer needed.
        try await LoginFailureRecord.query(on: db).filter(\.$emailKey == key)
            .filter(\.$failedAt <= now.addingTimeInterval(-policy.windowSeconds)).delete()
        let record = LoginFailureRecord()
        record.id = UUID()
        record.emailKey = key
        record.failedAt = now
        try await record.create(on: db)
    }

    func reset(_ email: String) async throws {
        try await LoginFailureRecord.query(on: db).filter(\.$emailKey == Self.key(email)).delete()
    }
}

extension Request {
    var loginAttempts: LoginAttempts { LoginAttempts(policy: .standard, db: db) }
}
