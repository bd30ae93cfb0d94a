// /reviews/{id}/flag: any member flags a revealed review that breaks the published rules, saying which and why.
import Vapor
import Fluent
import GuildCore

struct ReviewFlagPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("reviews", ":reviewID", "flag", use: show)
        member.post("reviews", ":reviewID", "flag", use: flag)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, reason: "", problem: nil)
    }

    private func render(_ req: Request, reason: String, problem: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.member()
        let review = try await ReviewWorkflow.visibleReview(req.parameters.get("reviewID", as: UUID.self), to: user, on: req.db)
        let names = try await ReviewQueries.authorNames([review], on: req.db)
        let model = Model(reviews: [ReviewCard(ReviewDTO(review, authorName: names[review.authorID]), viewer: user.id)], reviewId: try review.requireID().uuidString,
                          subjectId: review.subjectID.uuidString, reason: reason, problem: problem)
        return try await req.render("reviews/flag", title: "Flag a review", model, form: true, status: status)
    }

    func flag(req: Request) async throws -> Response {
        struct Form: Content { var reason: String? }
        let reason = try req.content.decode(Form.self).reason ?? ""
        let user = try req.member()
        do {
            let flag = try await ReviewWorkflow.flag(req.parameters.get("reviewID", as: UUID.self), by: user, reason: reason,
                                                     now: req.application.clock.now(), on: req.db)
            req.flash("Thank you. An arbiter will decide by \(SpokenDate.fixed(flag.decideBy, in: SpokenDate.timeZone(user.timezone))); you will see the decision on your flags page.")
            return req.redirect(to: "/review-flags")
        } catch let e as ValidationError {
            return try await render(req, reason: reason, problem: "The reason \(e.reason).", status: .unprocessableEntity)
        } catch let e as ConflictError {
            return try await render(req, reason: reason, problem: e.message, status: .conflict)
        }
    }
}
