// One security-relevant event on a member's account. Written once, never changed.
import Vapor
import Fluent

final class AuditEventRecord: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "member_id") var memberID: UUID
    /// `AuditEventKind`'s raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "detail") var detail: String
    @OptionalField(key: "ip_address") var ipAddress: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension AuditEventRecord {
    /// The fields, listed by hand like every model here; `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _memberID, _kind, _detail, _ipAddress, _createdAt] }
}
