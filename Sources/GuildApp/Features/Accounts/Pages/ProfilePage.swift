// /users/{id}: the public profile page (the seller's showroom); /me goes to one's own.
import Vapor
import Fluent
import GuildCore

struct ProfilePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":userID", use: show)
        routes.grouped(RequireMemberPage()).get("me", use: mine)
    }

    func show(req: Request) async throws -> Response {
        let user = try await AccountWorkflow.find(req.parameters.get("userID"), on: req.db)
        let profile = try PublicProfile(user)
        let view = Model(profile: profile, isMine: req.auth.get(User.self)?.id == user.id,
                               hourlyRate: user.hourlyRateCents.map { MoneyFormat.format(cents: $0) },
                               gigs: try await ShowroomGig.list(for: user, viewer: req.auth.get(User.self)?.id, on: req.db).nilIfEmpty)
        return try await req.render("profile", title: user.displayName, view)
    }

    func mine(req: Request) async throws -> Response {
        req.redirect(to: "/users/\(try req.memberID())")
    }
}
