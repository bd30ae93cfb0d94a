// The first answer to a money-moving request, kept so that a retry with the same key gets the same answer.
import Vapor
import Fluent

final class IdempotencyRecord: Model, @unchecked Sendable {
    static let schema = "idempotency_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "key") var key: String
    /// `RequestFingerprint.of(method:path:body:)`: the same key with another request is refused.
    @Field(key: "fingerprint") var fingerprint: String
    @Field(key: "status") var status: Int
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension IdempotencyRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _memberID, _key, _fingerprint, _status, _body, _createdAt] }
}
