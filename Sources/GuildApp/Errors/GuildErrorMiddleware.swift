// Turns every error into the API's JSON shape under /api, and into a friendly page elsewhere.
import Vapor
import Leaf

/// A future-based middleware: an `AsyncMiddleware` starts a task for every request, which cost a trivial request a
/// tenth of its time (bench/RESULTS.md, request path); the error page, which needs `async`, starts one only on an error.
struct GuildErrorMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapError { error in
            let described = ErrorDescription(error)
            if described.status == .internalServerError {
                request.logger.report(error: error)
            } else {
                request.logger.debug("\(described.status.code) \(described.code): \(described.message)")
            }
            if request.url.path.hasPrefix("/api/") || Self.prefersJSON(request) {
                let response = Response(status: described.status)
                do {
                    try response.content.encode(described.body, as: .json)
                } catch {
                    return request.eventLoop.makeFailedFuture(error)
                }
                return request.eventLoop.makeSucceededFuture(response)
            }
            return request.eventLoop.makeFutureWithTask { await ErrorPage.render(described, for: request) }
        }
    }

    /// An explicit `Accept: application/json` (not a wildcard) asks for the API's shape outside /api.
    static func prefersJSON(_ request: Request) -> Bool {
        guard let first = request.headers.accept.first?.mediaType else { return false }
        return first.type == "application" && first.subType == "json"
    }
}

enum ErrorPage {
    struct Context: Encodable {
        var title: String
        var status: UInt
        var heading: String
        var message: String
        var page: PageChrome
    }

    static func render(_ d: ErrorDescription, for req: Request) async -> Response {
        let heading: String
        switch d.status {
        case .notFound: heading = "We could not find that page"
        case .unauthorized: heading = "Please sign in"
        case .forbidden: heading = "That is not yours to change"
        case .internalServerError: heading = "Something went wrong on our side"
        default: heading = "We could not do that"
        }
        let message = d.status == .internalServerError ? "It has been logged. Please try again in a moment." : d.message
        let context = Context(title: heading, status: d.status.code, heading: heading, message: message, page: PageChrome(req))
        do {
            let view = try await req.view.render("error", context)
            let response = try await view.encodeResponse(status: d.status, for: req)
            return response
        } catch {
            let response = Response(status: d.status, body: .init(string: "\(d.status.code) \(heading)"))
            response.headers.contentType = .plainText
            return response
        }
    }
}
