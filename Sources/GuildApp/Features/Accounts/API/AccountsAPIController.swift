// /api/v1/users, /api/v1/tokens and /api/v1/me: accounts, tokens and profiles over JSON.
import Vapor
import Fluent
import GuildCore

struct AccountsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("users", use: signUp)
        routes.get("users", ":userID", use: show)
        routes.post("tokens", use: issueToken)

        let member = routes.grouped(RequireMemberAPI())
        member.patch("users", ":userID", use: updateOther)
        member.get("tokens", use: listTokens)
        member.delete("tokens", ":tokenID", use: revokeToken)
        member.get("me", use: me)
        member.patch("me", use: updateMe)
        member.post("me", "password", use: changePassword)
    }

    func signUp(req: Request) async throws -> Response {
        let body = try req.content.decode(SignUpRequest.self)
        let user = try await AccountWorkflow.signUp(email: body.email, password: body.password, displayName: body.displayName, on: req)
        return try await CreatedUser(id: user.requireID(), email: user.email, displayName: user.displayName)
            .encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> PublicProfile {
        try PublicProfile(try await AccountWorkflow.find(req.parameters.get("userID"), on: req.db))
    }

    func issueToken(req: Request) async throws -> Response {
        let body = try req.content.decode(TokenRequest.self)
        guard let user = try await AccountWorkflow.authenticate(email: body.email, password: body.password, on: req) else {
            throw APIError(status: .unauthorized, code: "invalid_credentials", message: "The email or password is not right")
        }
        // The API is lenient: a missing name gets a default, a long one is cut to the limit.
        let trimmed = body.name?.trimmingCharacters(in: .whitespacesAndNewlines).prefix(AccountRules.tokenNameMax)
        let name = AccountRules.tokenName(trimmed.map(String.init)) ?? "API token"
        let (record, token) = try await AccountWorkflow.createToken(for: try user.requireID(), name: name, on: req.db)
        try await AuditLog.record(.tokenCreated, member: user.requireID(), detail: name, for: req)
        return try await IssuedToken(id: record.requireID(), token: token, name: name).encodeResponse(status: .created, for: req)
    }

    func listTokens(req: Request) async throws -> [TokenSummary] {
        let current = req.auth.get(CurrentToken.self)?.id
        return try await AccountWorkflow.tokens(of: req.memberID(), on: req.db)
            .map { TokenSummary(id: try $0.requireID(), name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt, current: $0.id == current) }
    }

    func revokeToken(req: Request) async throws -> HTTPStatus {
        _ = try await AccountWorkflow.revokeToken(req.parameters.get("tokenID", as: UUID.self), of: req.memberID(), on: req.db)
        return .noContent
    }

    func me(req: Request) async throws -> PublicProfile {
        try PublicProfile(try req.member(), includePrivate: true)
    }

    func updateMe(req: Request) async throws -> PublicProfile {
        let user = try req.member()
        try await AccountWorkflow.updateProfile(user, with: try req.content.decode(ProfileUpdate.self), on: req.db)
        return try PublicProfile(user, includePrivate: true)
    }

    /// Members change only their own profile: any other id is refused.
    func updateOther(req: Request) async throws -> PublicProfile {
        let user = try req.member()
        guard req.parameters.get("userID", as: UUID.self) == user.id else {
            throw APIError.forbidden("You can only change your own profile")
        }
        return try await updateMe(req: req)
    }

    func changePassword(req: Request) async throws -> HTTPStatus {
        let body = try req.content.decode(PasswordChangeRequest.self)
        try await AccountWorkflow.changePassword(try req.member(), current: body.currentPassword, new: body.newPassword, on: req)
        return .noContent
    }
}

/// API routes that need a member answer 401 in the API's shape.
struct RequireMemberAPI: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else { throw APIError.unauthorized }
        return try await next.respond(to: request)
    }
}
