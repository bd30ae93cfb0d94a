// Records and reads the security log. Callers pass the database they write with, so an event that belongs to a
// transaction (a payout) commits or rolls back with it.
import Vapor
import Fluent
import GuildCore

enum AuditLog {
    static func record(_ kind: AuditEventKind, member: UUID, detail: String = "", ip: String? = nil, at: Date, on db: any Database) async throws {
        try await PlainSQL.insert(into: AuditEventRecord.schema, columns: ["id", "member_id", "kind", "detail", "ip_address", "created_at"],
                                  rows: [[UUID(), member, kind.rawValue, String(detail.prefix(AuditEventKind.detailMaxLength)), ip, at]], on: db)
    }

    /// From a request: its client address and the app's clock.
    static func record(_ kind: AuditEventKind, member: UUID, detail: String = "", for req: Request) async throws {
        try await record(kind, member: member, detail: detail, ip: req.remoteAddress?.ipAddress, at: req.application.clock.now(), on: req.db)
    }

    static let maximumPageSize = 200

    static func recent(for member: UUID, limit: Int, on db: any Database) async throws -> [AuditEventRecord] {
        try await AuditEventRecord.query(on: db).filter(\.$memberID == member).sort(\.$createdAt, .descending).limit(limit).all()
    }
}

struct AuditEventDTO: Content {
    var id: UUID
    /// An `AuditEventKind` raw value.
    var kind: String
    var description: String
    var detail: String
    var ipAddress: String?
    var createdAt: Date

    init(_ r: AuditEventRecord) {
        id = r.id!
        kind = r.kind
        description = AuditEventKind(rawValue: r.kind)?.spoken ?? r.kind
        detail = r.detail
        ipAddress = r.ipAddress
        createdAt = r.createdAt
    }
}
