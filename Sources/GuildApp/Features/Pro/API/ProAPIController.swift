// /api/v1/pro/…: sellers apply and answer a removal notice; admins vet (identity, decision) and remove with notice.
import Vapor
import Fluent
import GuildCore

struct ProAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberAPI())
        member.post("pro", "applications", use: apply)
        member.get("pro", "applications", use: list)
        member.get("me", "pro", use: mine)
        member.post("pro", "applications", ":applicationID", "identity", use: verifyIdentity)
        member.post("pro", "applications", ":applicationID", "decision", use: decide)
        member.post("users", ":userID", "pro", "removal", use: startRemoval)
        member.post("pro", "removals", ":removalID", "response", use: respond)
        member.post("pro", "removals", ":removalID", "cancellation", use: cancelRemoval)
    }

    private func now(_ req: Request) -> Date { req.application.clock.now() }

    private func dto(_ a: ProApplicationRecord, on db: any Database) async throws -> ProApplicationDTO {
        ProApplicationDTO(a, stats: try await SellerStatsRecord.find(a.sellerID, on: db))
    }

    func apply(req: Request) async throws -> Response {
        let body = try req.content.decode(ProApplicationRequest.self)
        let record = try await ProWorkflow.apply(seller: try req.member(), qualifications: body.qualifications,
                                                 portfolioLinks: body.portfolioLinks, now: now(req), on: req.db)
        return try await dto(record, on: req.db).encodeResponse(status: .created, for: req)
    }

    /// The vetting queue: pending first (oldest first), then the latest decisions. Admins only.
    func list(req: Request) async throws -> [ProApplicationDTO] {
        try ProWorkflow.requireAdmin(try req.member())
        var out: [ProApplicationDTO] = []
        for a in try await ProWorkflow.applications(on: req.db) { out.append(try await dto(a, on: req.db)) }
        return out
    }

    struct MineDTO: Content { var isPro: Bool; var applications: [ProApplicationDTO]; var removals: [ProRemovalDTO] }

    func mine(req: Request) async throws -> MineDTO {
        let id = try req.memberID()
        let stats = try await SellerStatsRecord.find(id, on: req.db)
        let (applications, removals) = try await ProWorkflow.mine(id, on: req.db)
        return MineDTO(isPro: stats?.isPro ?? false, applications: applications.map { ProApplicationDTO($0, stats: stats) }, removals: removals.map(ProRemovalDTO.init))
    }

    func verifyIdentity(req: Request) async throws -> ProApplicationDTO {
        let record = try await ProWorkflow.verifyIdentity(req.parameters.get("applicationID", as: UUID.self), by: try req.member(), now: now(req), on: req.db)
        return try await dto(record, on: req.db)
    }

    func decide(req: Request) async throws -> ProApplicationDTO {
        let user = try req.member()
        try ProWorkflow.requireAdmin(user)
        let body = try req.content.decode(ProDecisionRequest.self)
        let record = try await ProWorkflow.decide(req.parameters.get("applicationID", as: UUID.self), by: user, accept: body.accept,
                                                  reason: body.reason, now: now(req), on: req.db)
        return try await dto(record, on: req.db)
    }

    func startRemoval(req: Request) async throws -> Response {
        let user = try req.member()
        try ProWorkflow.requireAdmin(user)
        let body = try req.content.decode(ProReasonRequest.self)
        let record = try await ProWorkflow.startRemoval(seller: req.parameters.get("userID", as: UUID.self), by: user, reason: body.reason,
                                                        now: now(req), on: req.db)
        return try await ProRemovalDTO(record).encodeResponse(status: .created, for: req)
    }

    func respond(req: Request) async throws -> ProRemovalDTO {
        let body = try req.content.decode(ProResponseRequest.self)
        return ProRemovalDTO(try await ProWorkflow.respond(req.parameters.get("removalID", as: UUID.self), by: try req.member(),
                                                           text: body.text, now: now(req), on: req.db))
    }

    func cancelRemoval(req: Request) async throws -> ProRemovalDTO {
        let user = try req.member()
        try ProWorkflow.requireAdmin(user)
        let body = try req.content.decode(ProReasonRequest.self)
        return ProRemovalDTO(try await ProWorkflow.cancelRemoval(req.parameters.get("removalID", as: UUID.self), by: user,
                                                                 reason: body.reason, now: now(req), on: req.db))
    }
}
