// GET /disputes: the arbiters' queue (open disputes and flagged reviews, soonest deadline first), the open disputes
// with their deadlines, and each open flag with its decision form. Anyone else gets a 404.
import Vapor
import Fluent
import GuildCore

struct DisputeListPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).get("disputes", use: list)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.member()
        guard user.has(.arbiter) else { throw APIError.notFound("That page") }
        let open = try await OrderPageQueries.openDisputes(on: req.db)
        var model = Model(open)
        let flags = try await ReviewQueries.flags(for: user, on: req.db).filter { $0.flagOutcome == .open }
        model.queue(flags: flags)
        // Each open flag with its review and the decision form, so the desk is the one place an arbiter works.
        let reviews = try await ReviewRecord.query(on: req.db).filter(\.$id ~~ flags.map(\.reviewID)).all()
        model.flags = FlagQueuePage.Model(flags: flags, reviews: reviews, names: try await ReviewQueries.authorNames(reviews, on: req.db),
                                          viewer: user, back: "disputes").rows
        return try await req.render("orders/disputes", title: "Arbiter's desk", model, form: true)
    }
}
