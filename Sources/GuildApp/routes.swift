// Every route, grouped by who may call it: the API under /api/v1 (bearer tokens), pages (session cookie + CSRF).
import Vapor
import Fluent

func routes(_ app: Application) throws {
    app.get("health") { _ in HTTPStatus.ok }
    app.get("metrics") { req -> Response in
        var buffer: [UInt8] = []
        let registry = req.application.metrics.registry
        // The gig page cache's page views answered from it and pages read (this instance, since it started)
        let pages = req.application.gigPageCache.counts.withLockedValue { $0 }
        registry.makeGauge(name: "guild_gig_page_cache_hits", labels: []).set(Int64(pages.hits))
        registry.makeGauge(name: "guild_gig_page_cache_reads", labels: []).set(Int64(pages.reads))
        registry.emit(into: &buffer)
        let response = Response(status: .ok, body: .init(data: Data(buffer)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
    // The API's description, read once at start: a missing file fails the start, not a request.
    let openAPI = try String(contentsOfFile: Resources.root + "openapi.yaml", encoding: .utf8)
    app.get("api", "openapi.yaml") { _ -> Response in
        let response = Response(status: .ok, body: .init(string: openAPI))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
        return response
    }

    let api = app.grouped("api", "v1").grouped(BearerTokenAuthenticator())

    // Future-based, as the app's global middleware: an async one starts a task on every page view.
    let pages = app.grouped(app.sessions.middleware, User.sessionAuthenticator(), CSRFMiddleware())
    try pages.register(collection: HomePages())

    for feature in Features.all {
        try feature.routes(api: api, pages: pages)
    }
}

/// Registered migrations, in order. Never reorder or edit one that has shipped.
enum Migrations {
    static var all: [any Migration] {
        Features.all.flatMap(\.migrations)
    }
}
