// A signing key of this instance, stored as base64 of its raw representation.
import Vapor
import Fluent

final class InstanceKeyRecord: Model, @unchecked Sendable {
    static let schema = "instance_keys"

    /// What the key signs, e.g. "income-statements".
    @ID(custom: "purpose", generatedBy: .user) var id: String?
    @Field(key: "algorithm") var algorithm: String
    @Field(key: "private_key") var privateKey: String
    @Field(key: "public_key") var publicKey: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension InstanceKeyRecord {
    /// The fields, listed by hand like every model here; `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _algorithm, _privateKey, _publicKey, _createdAt] }
}
