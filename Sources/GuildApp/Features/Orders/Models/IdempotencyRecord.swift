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
