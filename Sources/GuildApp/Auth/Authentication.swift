// Who is asking: bearer tokens for the API, the session cookie for pages.
import Vapor
import Fluent
import SQLKit

/// Future-based: Vapor's `AsyncBearerAuthenticator` is an `AsyncMiddleware`, which starts a task for every API request,
/// with or without a token (for a visitor's search it was a hop to the task pool and back and about a tenth of the
/// server's time). A task is started only to look a token up.
struct BearerTokenAuthenticator: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let bearer = request.headers.bearerAuthorization else { return next.respond(to: request) }
        return request.eventLoop.makeFutureWithTask { try await authenticate(bearer: bearer, for: request) }
            .flatMap { next.respond(to: request) }
    }

    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = UserToken.hash(bearer.token)
        // One plain query for the token and its member: it runs before every API request.
        let row = try await request.db.sql.raw("""
            SELECT users.*, user_tokens.id AS token_id, user_tokens.last_used_at AS token_last_used_at
            FROM user_tokens JOIN users ON users.id = user_tokens.user_id WHERE user_tokens.token_hash = \(bind: hash)
            """).first()
        guard let row else { return }
        let user = try row.decode(fluentModel: User.self)
        let tokenID = try row.decode(column: "token_id", as: UUID.self)
        let lastUsed = try row.decode(column: "token_last_used_at", as: Date?.self)
        // Record use at most once a minute: a write on every request would cost more than it tells.
        if lastUsed.map({ Date().timeIntervalSince($0) > 60 }) ?? true {
            try? await request.db.sql.raw("UPDATE user_tokens SET last_used_at = \(bind: Date()) WHERE id = \(bind: tokenID)").run()
        }
        request.auth.login(user)
        request.auth.login(CurrentToken(id: tokenID))
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
