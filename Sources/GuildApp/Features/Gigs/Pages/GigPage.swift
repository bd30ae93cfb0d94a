// /gigs/{id}: the gig page for everyone, and the seller's status moves and deletion.
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

    func show(req: Request) async throws -> Response {
        let viewer = req.auth.get(User.self)?.id
        let gig = try await GigCatalog.visible(req.parameters.get("gigID"), to: viewer, on: req.db)
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
