// /api/v1/gigs, /api/v1/search, /api/v1/users/{id}/gigs and /api/v1/ping over JSON.
import Vapor
import Fluent
import GuildCore

struct GigsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("ping") { _ in Ping() }
        routes.get("search", use: search)
        routes.get("gigs", ":gigID", use: show)
        routes.get("users", ":userID", "gigs", use: showroom)
        let member = routes.grouped(RequireMemberAPI())
        member.post("gigs", use: create)
        member.patch("gigs", ":gigID", use: update)
        member.delete("gigs", ":gigID", use: delete)
    }

    struct Ping: Content { var ok = true }

    func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateGigRequest.self)
        let gig = try await GigCatalog.create(sellerID: try req.memberID(), draft: body.draft, status: body.status ?? .published, on: req.db)
        return try await GigResponse(gig).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> GigResponse {
        try GigResponse(try await GigCatalog.visible(req.parameters.get("gigID"), to: req.auth.get(User.self)?.id, on: req.db))
    }

    func update(req: Request) async throws -> GigResponse {
        let gig = try await GigCatalog.owned(req.parameters.get("gigID"), by: try req.memberID(), on: req.db)
        let body = try req.content.decode(UpdateGigRequest.self)
        return try GigResponse(try await GigCatalog.update(gig, patch: body.patch, status: body.status, on: req.db))
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let gig = try await GigCatalog.owned(req.parameters.get("gigID"), by: try req.memberID(), on: req.db)
        try await GigCatalog.delete(gig, on: req.db)
        return .noContent
    }

    func showroom(req: Request) async throws -> [GigResponse] {
        let seller = try await AccountWorkflow.find(req.parameters.get("userID"), on: req.db)
        return try await GigCatalog.showroom(of: try seller.requireID(), viewer: req.auth.get(User.self)?.id, on: req.db).map(GigResponse.init)
    }

    /// The answer carries `Server-Timing`: the index's catch-up with the database and the engine's own time. Future-based
    /// rather than `async`: a search then runs on the request's event loop, without two hops to the task pool and back.
    func search(req: Request) throws -> EventLoopFuture<Response> {
        GigSearch.run(try GigSearch.parse(req), weights: req.application.rankingWeights, app: req.application, on: req.db,
                      eventLoop: req.eventLoop).map { result, timing in
            var headers = HTTPHeaders()
            headers.add(name: .contentType, value: "application/json; charset=utf-8")
            headers.add(name: "Server-Timing", value: timing.header)
            return Response(status: .ok, headers: headers, body: .init(buffer: result.jsonBody()))
        }
    }
}
