// /gigs/{id}: the gig page for everyone, and the seller's status moves and deletion. Everyone but the seller is shown the
// page `GigPageCache` keeps (see there for how it stays true).
import Vapor
import Fluent
import GuildCore

struct GigPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.post("gigs", ":gigID", "status", use: move)
        member.post("gigs", ":gigID", "delete", use: delete)
        routes.get("gigs", ":gigID", use: show)
    }

    /// Future-based: the common case (a visitor without a session, a kept page) starts no task at all.
    func show(req: Request) -> EventLoopFuture<Response> {
        guard let raw = req.parameters.get("gigID"), let id = UUID(uuidString: raw) else {
            return req.eventLoop.makeFailedFuture(APIError.notFound("That gig"))
        }
        guard req.application.guild.pageCache else { return req.eventLoop.makeFutureWithTask { try await read(req, gig: id) } }
        let cache = req.application.gigPageCache
        let visitor = req.auth.get(User.self) == nil && !req.hasSession
        return cache.sync(on: req.db, eventLoop: req.eventLoop).flatMap { _ in
            // A visitor without a session: the same page for every one of them.
            if visitor, let html = cache.keptHTML(id) { return View(data: html).encodeResponse(for: req) }
            return req.eventLoop.makeFutureWithTask { try await answer(req, gig: id) }
        }
    }

    /// Everyone else, and a page not kept yet.
    private func answer(_ req: Request, gig id: UUID) async throws -> Response {
        let viewer = req.auth.get(User.self)?.id
        let cache = req.application.gigPageCache
        guard let page = try await cache.keptOrRead(id, on: req.db), page.isListed || page.sellerID == viewer else {
            throw APIError.notFound("That gig")
        }
        if page.sellerID == viewer {
            // The seller's own view, with their controls: read afresh, never kept.
            return try await read(req, gig: id)
        }
        guard viewer == nil, !req.hasSession else {
            // A member or a visitor with a session: their own header, token and flash around the shared content.
            return try await req.render("gigs/show", title: page.title, page.model)
        }
        if let html = page.html { return try await View(data: html).encodeResponse(for: req) }
        let view = try await req.renderPage("gigs/show", title: page.title, page.model)
        cache.keep(html: view.data, for: id, generation: page.generation)
        return try await view.encodeResponse(for: req)
    }

    /// The page read from the database for this viewer: the seller's own view, and every view when the cache is off.
    private func read(_ req: Request, gig id: UUID) async throws -> Response {
        let viewer = req.auth.get(User.self)?.id
        let gig = try await GigCatalog.visible(id.uuidString, to: viewer, on: req.db)
        let (seller, stats) = try await GigCatalog.seller(of: gig, on: req.db)
        let model = try Model(gig: gig, seller: seller, stats: stats, viewer: viewer)
        return try await req.render("gigs/show", title: gig.title, model, form: model.isMine)
    }

    func move(req: Request) async throws -> Response {
        struct Body: Content { var status: String }
        let gig = try await GigCatalog.owned(req.parameters.get("gigID"), by: try req.memberID(), on: req.db)
        let raw = try req.content.decode(Body.self).status
        guard let status = GigStatus(rawValue: raw) else {
            throw ValidationErrors([ValidationError(field: "status", reason: "is not a gig status")])
        }
        let updated = try await GigCatalog.update(gig, patch: GigPatch(), status: status, on: req.db)
        req.flash(updated.gigStatus.isListed ? "Your gig is live and can be found in search." : "Your gig is \(updated.status): buyers cannot find or order it.")
        return req.redirect(to: "/gigs/\(try updated.requireID())")
    }

    func delete(req: Request) async throws -> Response {
        let member = try req.memberID()
        let gig = try await GigCatalog.owned(req.parameters.get("gigID"), by: member, on: req.db)
        try await GigCatalog.delete(gig, on: req.db)
        req.flash("Your gig “\(gig.title)” is deleted.")
        return req.redirect(to: "/users/\(member)")
    }
}
