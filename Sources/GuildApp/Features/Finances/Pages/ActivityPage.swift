// GET /me/activity: the member's own security log (sign-ins, wrong passwords, tokens, password, payouts, exports, roles).
import Vapor
import GuildCore

struct ActivityPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).get("me", "activity", use: show)
    }

    struct Row: Encodable { var what: String; var detail: String; var ip: String?; var at: Date; var warning: Bool }
    struct Model: Encodable { @EmptyAsNull var rows: [Row] }

    func show(req: Request) async throws -> Response {
        let events = try await AuditLog.recent(for: req.memberID(), limit: 100, on: req.db)
        let rows = events.map { e in
            Row(what: AuditEventKind(rawValue: e.kind)?.spoken ?? e.kind, detail: e.detail, ip: e.ipAddress, at: e.createdAt,
                warning: e.kind == AuditEventKind.failedLogIn.rawValue)
        }
        return try await req.render("finances/activity", title: "Account activity", Model(rows: rows))
    }
}
