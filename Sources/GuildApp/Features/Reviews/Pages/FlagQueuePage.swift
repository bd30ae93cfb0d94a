// /review-flags: for arbiters, the open flags by deadline with the decision form; for everyone else, the flags they
// raised and how each was decided. The arbiter's desk (/disputes) shows the same decision form and posts here.
import Vapor
import Fluent
import GuildCore

struct FlagQueuePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("review-flags", use: list)
        member.post("review-flags", ":flagID", "decision", use: decide)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.member()
        let flags = try await ReviewQueries.flags(for: user, on: req.db)
        let reviews = try await ReviewRecord.query(on: req.db).filter(\.$id ~~ flags.map(\.reviewID)).all()
        let names = try await ReviewQueries.authorNames(reviews, on: req.db)
        let model = Model(flags: flags, reviews: reviews, names: names, viewer: user)
        return try await req.render("reviews/flags", title: user.has(.arbiter) ? "Flagged reviews" : "Your flags", model, form: true)
    }

    /// The pages a decision form may return to: this one, or the arbiter's desk, where flags wait with disputes.
    static let returnPages = ["review-flags", "disputes"]

    func decide(req: Request) async throws -> Response {
        struct Form: Content { var decision: String?; var reason: String?; var back: String? }
        let form = try req.content.decode(Form.self)
        let back = Self.returnPages.contains(form.back ?? "") ? "/\(form.back!)" : "/review-flags"
        do {
            let flag = try await ReviewWorkflow.decide(flag: req.parameters.get("flagID", as: UUID.self), by: try req.member(),
                                                       upheld: form.decision == "uphold", reason: form.reason,
                                                       now: req.application.clock.now(), on: req.db)
            req.flash("Decided: \(flag.flagOutcome.spoken).")
        } catch let e as ValidationError {
            req.flash("The decision's reason \(e.reason).")
        } catch let e as ConflictError {
            req.flash(e.message)
        }
        return req.redirect(to: back)
    }
}
