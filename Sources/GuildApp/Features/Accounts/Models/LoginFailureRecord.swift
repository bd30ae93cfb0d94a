// One wrong password for an account (a SHA-256 of its normalised address), kept while it counts for the log-in throttle.
import Vapor
import Fluent

final class LoginFailureRecord: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "email_key") var emailKey: String
    @Field(key: "failed_at") var failedAt: Date

    init() {}
}

extension LoginFailureRecord {
    /// The fields, listed by hand (see `FieldListTests`).
    var properties: [any AnyProperty] { [_id, _emailKey, _failedAt] }
}
