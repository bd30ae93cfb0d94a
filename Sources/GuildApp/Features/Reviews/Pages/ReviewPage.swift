// /orders/{id}/review: a party's review of the order (the form while the window is open), both reviews once revealed,
// and the response to the one about them. The rules are ReviewRules'; the page re-shows a refused form with its problems.
import Vapor
import Fluent
import GuildCore

struct ReviewPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("orders", ":orderID", "review", use: show)
        member.post("orders", ":orderID", "review", use: submit)
        member.post("reviews", ":reviewID", "response", use: respond)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, form: Model.Form())
    }

    private func render(_ req: Request, form: Model.Form, status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.member()
        let orderID = req.parameters.get("orderID", as: UUID.self)
        let (order, side) = try await OrderQueries.visible(orderID, to: user, on: req.db)
        let reviews = try await ReviewQueries.forOrder(orderID, viewer: user, now: req.application.clock.now(), on: req.db)
        let model = Model(order: order, side: side, reviews: reviews, viewer: user.id, form: form)
        return try await req.render("reviews/order", title: "Reviews: \(order.title)", model, form: true, status: status)
    }

    struct Form: Content {
        var rating: String?; var communication: String?; var quality: String?; var onTime: String?
        var text: String?; var outsideSellerControl: String?
    }

    func submit(req: Request) async throws -> Response {
        let body = try req.content.decode(Form.self)
        var form = Model.Form(rating: body.rating ?? "", communication: body.communication ?? "", quality: body.quality ?? "",
                              onTime: body.onTime ?? "", text: body.text ?? "", outsideSellerControl: body.outsideSellerControl == "on")
        let stars = { (raw: String?) -> Int? in raw.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        let draft = ReviewDraft(rating: stars(body.rating) ?? 0, text: body.text ?? "", communication: stars(body.communication),
                                quality: stars(body.quality), onTime: stars(body.onTime), outsideSellerControl: form.outsideSellerControl)
        do {
            _ = try await ReviewWorkflow.submit(orderID: req.parameters.get("orderID", as: UUID.self), by: try req.member(), draft: draft,
                                                now: req.application.clock.now(), on: req.db)
            req.flash("Your review is in. It stays sealed until the other side reviews too, or the review window closes.")
        } catch let e as ValidationErrors {
            for err in e.errors { form.errors[err.field] = err.reason }
            return try await render(req, form: form, status: .unprocessableEntity)
        } catch let e as ConflictError {
            req.flash(e.message)
        }
        return req.redirect(to: "/orders/\(req.parameters.get("orderID") ?? "")/review")
    }

    func respond(req: Request) async throws -> Response {
        let body = try req.content.decode(ResponseRequest.self)
        let reviewID = req.parameters.get("reviewID", as: UUID.self)
        do {
            let review = try await ReviewWorkflow.respond(to: reviewID, by: try req.member(), text: body.text,
                                                          now: req.application.clock.now(), on: req.db)
            req.flash("Your response is posted under the review.")
            return req.redirect(to: "/orders/\(review.orderID)/review")
        } catch let e as ValidationError {
            req.flash("Your response \(e.reason).")
        } catch let e as ConflictError {
            req.flash(e.message)
        }
        let review = try await ReviewWorkflow.visibleReview(reviewID, to: try req.member(), on: req.db)
        return req.redirect(to: "/orders/\(review.orderID)/review")
    }
}
