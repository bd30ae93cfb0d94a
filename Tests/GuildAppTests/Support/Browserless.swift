// A tiny cookie-keeping client for page tests run in process: it follows the session cookie and the CSRF token.
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import GuildApp

final class PageSession: @unchecked Sendable {
    let app: Application
    var cookie: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let res = try await app.testing().sendRequest(.GET, path, headers: headers())
        remember(res)
        return res
    }

    /// Posts a form; with `csrf: true` the token is read from the last page first, as a browser would send it.
    @discardableResult
    func post(_ path: String, form: [String: String], csrf: Bool = true, from page: String? = nil) async throws -> TestingHTTPResponse {
        var fields = form
        if csrf {
            let source = try await get(page ?? path)
            fields["_csrf"] = Self.csrfToken(in: source.body.string)
        }
        let res = try await app.testing().sendRequest(.POST, path, headers: headers(), beforeRequest: { req in
            try req.content.encode(fields, as: .urlEncodedForm)
        })
        remember(res)
        return res
    }

    private func headers() -> HTTPHeaders {
        var h = HTTPHeaders()
        if let cookie { h.add(name: .cookie, value: cookie) }
        return h
    }

    private func remember(_ res: TestingHTTPResponse) {
        if let set = res.headers.first(name: .setCookie), let pair = set.split(separator: ";").first {
            cookie = String(pair)
        }
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
