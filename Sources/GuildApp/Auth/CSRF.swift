// Cross-site request forgery protection for forms: a random token kept in the session and echoed by every form.
import Vapor
import Crypto

enum CSRF {
    static let sessionKey = "csrf"
    static let formField = "_csrf"
    static let header = "X-CSRF-Token"

    /// The session's token, created on first use.
    static func token(for req: Request) -> String {
        if let existing = req.session.data[sessionKey] { return existing }
        let token = Data([UInt8].random(count: 24)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        req.session.data[sessionKey] = token
        return token
    }

    /// How much of a form the check may read: the routes' default, or more for the forms that carry files
    /// (a message with attachments, `POST /messages/{id}`, whose route allows as much).
    static let largeFormBytes = 22 * 1_024 * 1_024
    static func bodyLimit(for req: Request) -> Int {
        let path = req.url.path
        if req.headers.contentType?.type == "multipart", path.hasPrefix("/messages/"), path.split(separator: "/").count == 2 {
            return largeFormBytes
        }
        return req.application.routes.defaultMaxBodySize.value
    }

    static func isValid(_ req: Request) -> Bool {
        guard req.hasSession, let expected = req.session.data[sessionKey] else { return false }
        let sent = req.headers.first(name: header) ?? (try? req.content.get(String.self, at: formField))
        guard let sent else { return false }
        // Constant-time comparison: the time taken must not reveal how much of the token matched.
        let a = Array(expected.utf8), b = Array(sent.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Rejects any state-changing page request whose form does not carry the session's CSRF token.
/// Future-based, like the app's other middleware: an `AsyncMiddleware` starts a task for every page view, which does
/// nothing on a GET.
struct CSRFMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if [.GET, .HEAD, .OPTIONS].contains(request.method) { return next.respond(to: request) }
        // A form larger than one network read arrives as a stream, and the route collects it only after the
        // middleware ran: collect it here (within the routes' size limit) so its token can be read.
        let collected = request.body.data == nil
            ? request.body.collect(max: CSRF.bodyLimit(for: request)).map { _ in }
            : request.eventLoop.makeSucceededVoidFuture()
        return collected.flatMapThrowing {
            guard CSRF.isValid(request) else {
                throw APIError(status: .forbidden, code: "csrf_failed",
                               message: "This form has expired or did not come from Guild. Go back, reload the page and try again.")
            }
        }.flatMap { next.respond(to: request) }
    }
}
