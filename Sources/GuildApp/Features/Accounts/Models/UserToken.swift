// An API bearer token. Only its SHA-256 is stored: a leaked database does not leak working tokens.
import Vapor
import Fluent
import Crypto

final class UserToken: Model, @unchecked Sendable {
    static let schema = "user_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "name") var name: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}

    init(userID: UUID, tokenHash: String, name: String) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.name = name
    }

    /// A fresh random token (32 bytes, URL-safe) and the hash to store.
    static func generate() -> (token: String, hash: String) {
        let bytes = [UInt8].random(count: 32)
        let token = "gld_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (token, hash(token))
    }

    static func hash(_ token: String) -> String {
        // Lower-case hex by hand: `String(format:)` per byte cost more than the hash (it runs on every API request).
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

extension UserToken {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _user, _tokenHash, _name, _createdAt, _lastUsedAt] }
}
