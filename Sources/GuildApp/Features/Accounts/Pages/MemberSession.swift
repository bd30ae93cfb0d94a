// Starting a member's session on the pages, and where they may be sent afterwards.
import Vapor

enum MemberSession {
    /// Only same-site paths: an open redirect would let a link send members anywhere after logging in.
    static func safeNext(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\") else { return nil }
        return raw
    }

    /// Signs the member in with a fresh session id, so that a session planted before log-in is worth nothing after it.
    static func start(for user: User, on req: Request) async throws {
        if req.hasSession, let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req)
            req.session.id = nil
        }
        // The session authenticator stores whoever is logged in on `req.auth` when the response goes out.
        req.auth.login(user)
        _ = CSRF.token(for: req)
    }
}
