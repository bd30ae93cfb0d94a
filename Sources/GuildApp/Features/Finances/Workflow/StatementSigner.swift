// The instance's Ed25519 key for income statements: created once, on first use, and shared through the database.
import Vapor
import Fluent
import Crypto
import NIOConcurrencyHelpers
import GuildCore

struct StatementKey: Sendable {
    static let purpose = "income-statements"
    let privateKey: Curve25519.Signing.PrivateKey
    var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }
    var keyID: String { StatementVerifier.keyID(of: publicKey) }

    /// Loads the key, or creates it the first time. Two instances starting together may both try: the insert
    /// ignores a conflict and both then read the one row that won, so they always sign with the same key.
    static func load(on db: any Database) async throws -> StatementKey {
        if let row = try await InstanceKeyRecord.find(purpose, on: db) { return try StatementKey(row) }
        let fresh = Curve25519.Signing.PrivateKey()
        try await db.sql.raw("""
            INSERT INTO instance_keys (purpose, algorithm, private_key, public_key, created_at)
            VALUES (\(bind: purpose), 'Ed25519', \(bind: fresh.rawRepresentation.base64EncodedString()),
                    \(bind: fresh.publicKey.rawRepresentation.base64EncodedString()), \(bind: Date()))
            ON CONFLICT (purpose) DO NOTHING
            """).run()
        guard let row = try await InstanceKeyRecord.find(purpose, on: db) else {
            throw APIError(status: .internalServerError, code: "internal", message: "The signing key could not be stored")
        }
        return try StatementKey(row)
    }

    private init(_ row: InstanceKeyRecord) throws {
        guard let raw = Data(base64Encoded: row.privateKey) else { throw GuildCommandError("The stored signing key is not base64") }
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    }

    func sign(_ statement: IncomeStatement) throws -> IncomeStatement {
        var signed = statement
        signed.keyId = keyID
        signed.signature = try privateKey.signature(for: signed.signedBytes).base64EncodedString()
        return signed
    }
}

/// Holds the key once read. Set up at boot, so requests only read and fill it under its lock, never write storage.
final class StatementKeyCache: Sendable {
    private let key = NIOLockedValueBox<StatementKey?>(nil)
    func get() -> StatementKey? { key.withLockedValue { $0 } }
    func set(_ value: StatementKey) { key.withLockedValue { $0 = value } }
}

extension Application {
    private struct StatementKeyCacheKey: StorageKey { typealias Value = StatementKeyCache }

    var statementKeyCache: StatementKeyCache {
        get { storage[StatementKeyCacheKey.self] ?? StatementKeyCache() }
        set { storage[StatementKeyCacheKey.self] = newValue }
    }

    /// The key, read from the database once per process (it never changes once created). Two requests racing
    /// on the first read both load the same row: the insert keeps the first key.
    func statementKey() async throws -> StatementKey {
        let cache = statementKeyCache
        if let key = cache.get() { return key }
        let key = try await StatementKey.load(on: db)
        cache.set(key)
        return key
    }
}

/// Checks a statement against a public key. Used by the API, the public page and `guild statement verify`.
enum StatementVerifier {
    struct Result: Sendable, Equatable {
        var valid: Bool
        /// Why not, in words, when it is not valid.
        var reason: String?
    }

    static func keyID(of key: Curve25519.Signing.PublicKey) -> String {
        SHA256.hash(data: key.rawRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    static func verify(_ statement: IncomeStatement, with key: Curve25519.Signing.PublicKey) -> Result {
        guard statement.version == IncomeStatement.currentVersion else {
            return Result(valid: false, reason: "This statement's version (\(statement.version)) is not one Guild issues.")
        }
        guard statement.algorithm == "Ed25519" else { return Result(valid: false, reason: "It is not signed with Ed25519.") }
        guard statement.keyId == keyID(of: key) else {
            return Result(valid: false, reason: "It was signed with another key than this instance's.")
        }
        guard let encoded = statement.signature, let signature = Data(base64Encoded: encoded) else {
            return Result(valid: false, reason: "It carries no readable signature.")
        }
        guard key.isValidSignature(signature, for: statement.signedBytes) else {
            return Result(valid: false, reason: "The signature does not match: the statement was changed after it was issued.")
        }
        return Result(valid: true, reason: nil)
    }

    /// A public key as people pass it around: base64 of the 32 raw bytes, or the JSON `GET /api/v1/income-statements/public-key` serves.
    static func publicKey(fromText text: String) throws -> Curve25519.Signing.PublicKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var base64 = trimmed
        if trimmed.hasPrefix("{"), let dto = try? JSONDecoder().decode(PublicKeyDTO.self, from: Data(trimmed.utf8)) { base64 = dto.publicKey }
        guard let raw = Data(base64Encoded: base64), raw.count == 32 else {
            throw ValidationError(field: "publicKey", reason: "must be the instance's Ed25519 public key: 32 bytes in base64")
        }
        return try Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }
}
