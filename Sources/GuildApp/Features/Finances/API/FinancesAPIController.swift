// /api/v1: the member's earnings, signed income statements and their verification, and the data export.
import Vapor
import Fluent
import GuildCore

struct FinancesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberAPI())
        member.get("me", "earnings", use: earnings)
        member.post("me", "income-statements", use: issue)
        member.get("me", "export", use: export)
        member.get("me", "audit-log", use: auditLog)
        // Lenders verify without an account.
        routes.post("income-statements", "verify", use: verify)
        routes.get("income-statements", "public-key", use: publicKey)
    }

    func earnings(req: Request) async throws -> EarningsDTO {
        try await EarningsDashboard.load(for: req.member(), app: req.application, on: req.db).1
    }

    func issue(req: Request) async throws -> Response {
        let body = try req.content.decode(StatementRequestDTO.self)
        let statement = try await IncomeStatements.issue(for: req.member(), from: body.from, to: body.to, app: req.application, on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: statement.json()))
    }

    func verify(req: Request) async throws -> VerificationDTO {
        let statement = try req.content.decode(IncomeStatement.self)
        let result = StatementVerifier.verify(statement, with: try await req.application.statementKey().publicKey)
        return VerificationDTO(valid: result.valid, reason: result.reason)
    }

    func publicKey(req: Request) async throws -> PublicKeyDTO {
        let key = try await req.application.statementKey()
        return PublicKeyDTO(algorithm: "Ed25519", publicKey: key.publicKey.rawRepresentation.base64EncodedString(), keyId: key.keyID)
    }

    func auditLog(req: Request) async throws -> [AuditEventDTO] {
        var limit = 50
        if let raw = req.query[String.self, at: "limit"] {
            guard let n = Int(raw), (1...AuditLog.maximumPageSize).contains(n) else {
                throw ValidationErrors([.init(field: "limit", reason: "must be a whole number from 1 to \(AuditLog.maximumPageSize)")])
            }
            limit = n
        }
        return try await AuditLog.recent(for: req.memberID(), limit: limit, on: req.db).map(AuditEventDTO.init)
    }

    func export(req: Request) async throws -> Response {
        let member = try req.member()
        let archive = try await MemberExport.zip(for: member, app: req.application, ip: req.remoteAddress?.ipAddress, on: req.db)
        return MemberExport.download(archive, for: member)
    }
}
