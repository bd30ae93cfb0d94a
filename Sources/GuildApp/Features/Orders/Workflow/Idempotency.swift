// Money-moving requests run at most once per Idempotency-Key: a retry gets the first answer, word for word.
import Vapor
import Fluent
import GuildCore

enum Idempotency {
    static let header = "Idempotency-Key"
    static let maximumKeyLength = 200

    /// Runs `operation` in one write transaction and stores its answer in the same transaction, keyed by
    /// (member, key). The key is looked up first inside that transaction, before the operation (or just before the
    /// transaction, see `Lookup`), so a replay answers even if the order moved on, and moves nothing.
    static func run(_ req: Request, member: UUID, lookup: Lookup = .inTransaction,
                    _ operation: @escaping @Sendable (any Database) async throws -> (HTTPStatus, any Encodable & Sendable)) async throws -> Response {
        let key = try requireKey(req)
        let bodyBytes = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let fingerprint = RequestFingerprint.of(method: req.method.rawValue, path: req.url.path, body: bodyBytes)
        return try await run(db: req.db, member: member, key: key, fingerprint: fingerprint, lookup: lookup, operation).response()
    }

    /// Where the key is looked up. Either way the answer is stored in the operation's transaction under a unique
    /// (member, key) index, so two attempts never both commit.
    enum Lookup: Sendable {
        /// Inside the transaction, before the operation: an attempt that waited for a twin sees the twin's answer and
        /// runs nothing. Required for anything with an effect outside the database (a payout sent by the provider).
        case inTransaction
        /// Before the transaction, outside SQLite's one write turn (a statement less in it). Only for operations that a
        /// committed first attempt makes illegal, such as an order step (the order's state moved on): a twin that
        /// missed the first answer fails inside its transaction, changes nothing, and is answered from the stored
        /// answer; one that got through fails on the unique index and is answered the same way.
        case beforeTransaction
    }

    /// The key from the header: required, 1 to 200 printable characters.
    static func requireKey(_ req: Request) throws -> String {
        guard let raw = req.headers.first(name: header)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            throw APIError.badRequest("The \(header) header is required on requests that move money", code: "idempotency_key_required")
        }
        guard raw.count <= maximumKeyLength, raw.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) else {
            throw APIError.badRequest("The \(header) header must be 1 to \(maximumKeyLength) printable ASCII characters", code: "idempotency_key_invalid")
        }
        return raw
    }

    struct Answer: Sendable {
        var status: Int
        var body: String
        var replayed: Bool

        func response() -> Response {
            var headers = HTTPHeaders()
            headers.contentType = .json
            if replayed { headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true") }
            return Response(status: HTTPResponseStatus(statusCode: status), headers: headers, body: .init(string: body))
        }
    }

    /// The same, without HTTP (pages use it with a key they generate; tests call it directly).
    static func run(db: any Database, member: UUID, key: String, fingerprint: String, lookup: Lookup = .inTransaction,
                    _ operation: @escaping @Sendable (any Database) async throws -> (HTTPStatus, any Encodable & Sendable)) async throws -> Answer {
        if lookup == .beforeTransaction, let earlier = try await find(member: member, key: key, on: db) {
            return try replay(earlier, fingerprint: fingerprint)
        }
        do {
            return try await WriteTransaction.run(on: db) { tx in
                // Inside the transaction: on SQLite this sees every writer before us; on PostgreSQL a concurrent
                // twin is caught by the unique (member, key) index below and answered from the catch.
                if lookup == .inTransaction, let earlier = try await find(member: member, key: key, on: tx) {
                    return try replay(earlier, fingerprint: fingerprint)
                }
                let (status, value) = try await operation(tx)
                let body = try encode(value)
                try await PlainSQL.insert(into: IdempotencyRecord.schema,
                                          columns: IdempotencyRecord.insertColumns,
                                          rows: [[UUID(), member, key, fingerprint, Int(status.code), body, Date()]], on: tx)
                return Answer(status: Int(status.code), body: body, replayed: false)
            }
        } catch {
            // A concurrent request with the same key may have won (PostgreSQL: its row made ours fail or its
            // step made ours illegal). Then the answer is its answer.
            if let earlier = try? await find(member: member, key: key, on: db) { return try replay(earlier, fingerprint: fingerprint) }
            throw error
        }
    }

    /// The stored answer for (member, key), if any.
    static func find(member: UUID, key: String, on db: any Database) async throws -> Stored? {
        try await db.sql.raw("""
            SELECT fingerprint, status, body FROM idempotency_records WHERE member_id = \(bind: member) AND "key" = \(bind: key)
            """).first(decoding: Stored.self)
    }

    struct Stored: Decodable {
        var fingerprint: String
        var status: Int
        var body: String
    }

    static func replay(_ record: Stored, fingerprint: String) throws -> Answer {
        guard record.fingerprint == fingerprint else {
            throw ValidationError(field: header, reason: "was already used for a different request; use a new key for a new request")
        }
        return Answer(status: record.status, body: record.body, replayed: true)
    }

    static func encode(_ value: any Encodable & Sendable) throws -> String {
        var headers = HTTPHeaders()
        var buffer = ByteBuffer()
        try ContentConfiguration.global.requireEncoder(for: .json).encode(AnyContent(value), to: &buffer, headers: &headers)
        return buffer.readString(length: buffer.readableBytes) ?? "{}"
    }
}

private struct AnyContent: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

extension IdempotencyRecord {
    /// `key` is quoted: it is a reserved word in SQL.
    static let insertColumns = ["id", "member_id", "\"key\"", "fingerprint", "status", "body", "created_at"]
}
