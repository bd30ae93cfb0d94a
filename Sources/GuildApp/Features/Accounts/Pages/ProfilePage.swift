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
        let viewer = req.auth.get(User.self)?.id
        let reviews = try await ReviewQueries.aboutMember(user.id?.uuidString, on: req.db)
        let view = Model(profile: profile, isMine: viewer == user.id,
                         hourlyRate: user.hourlyRateCents.map { MoneyFormat.format(cents: $0) },
                         gigs: try await ShowroomGig.list(for: user, viewer: viewer, on: req.db).nilIfEmpty,
                         reviews: reviews.reviews.map { ReviewCard($0, viewer: viewer) },
                         rating: reviews.ratingCount > 0 ? GigText.rating(average: reviews.ratingAverage, count: reviews.ratingCount) : nil)
        return try await req.render("profile", title: user.displayName, view)
    }

    func mine(req: Request) async throws -> Response {
        req.redirect(to: "/users/\(try req.memberID())")
    }
}
