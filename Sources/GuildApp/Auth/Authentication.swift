// Who is asking: bearer tokens for the API, the session cookie for pages.
import Vapor
import Fluent

struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = UserToken.hash(bearer.token)
        // One query for the token and its member.
        guard let token = try await UserToken.query(on: request.db)
            .join(User.self, on: \UserToken.$user.$id == \User.$id)
            .filter(\.$tokenHash == hash)
            .first(),
            let user = try? token.joined(User.self)
        else { return }
        // Record use at most once a minute: a write on every request would cost more than it tells.
        if token.lastUsedAt.map({ Date().timeIntervalSince($0) > 60 }) ?? true {
            token.lastUsedAt = Date()
            try? await token.save(on: request.db)
        }
        request.auth.login(user)
        request.auth.login(CurrentToken(id: try token.requireID()))
    }
}

/// The token a request was authenticated with, so that "revoke this token" can know which one is in use.
struct CurrentToken: Authenticatable { let id: UUID }

extension Request {
    /// The signed-in member, or 401 in the API's shape.
    func member() throws -> User {
        guard let user = auth.get(User.self) else { throw APIError.unauthorized }
        return user
    }

    func memberID() throws -> UUID { try member().requireID() }
}

/// Pages that need a member send a visitor to the log-in page and back.
struct RequireMemberPage: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else {
            let back = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            let encoded = back.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=?"))) ?? "/"
            return request.redirect(to: "/login?next=\(encoded)")
        }
        return try await next.respond(to: request)
    }
}
