// /users/{id}/level: a seller's level in public, the progress on every criterion as a chart, the history with its
// reasons; for the seller, the warning with its date and an appeal form on a warning or a move down.
import Vapor
import Fluent
import GuildCore

struct LevelPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":userID", "level", use: show)
        routes.grouped(RequireMemberPage()).get("me", "level", use: mine)
        routes.grouped(RequireMemberPage()).post("me", "level", "appeals", use: appeal)
    }

    func mine(req: Request) async throws -> Response {
        req.redirect(to: "/users/\(try req.memberID())/level")
    }

    func show(req: Request) async throws -> Response {
        try await render(req, problem: nil)
    }

    private func render(_ req: Request, problem: String?, typed: String = "", status: HTTPResponseStatus = .ok) async throws -> Response {
        let report = try await LevelQueries.report(req.parameters.get("userID"), now: req.application.clock.now(), on: req.db)
        let seller = try await AccountWorkflow.find(report.sellerId.uuidString, on: req.db)
        let viewer = req.auth.get(User.self)
        let model = Model(report, sellerName: seller.displayName, isMine: viewer?.id == report.sellerId,
                          now: req.application.clock.now(), problem: problem, typed: typed)
        return try await req.render("levels/level", title: "\(seller.displayName)'s level", model, form: model.isMine, status: status)
    }

    func appeal(req: Request) async throws -> Response {
        struct Form: Content { var eventId: String?; var text: String? }
        let form = try req.content.decode(Form.self)
        let user = try req.member()
        do {
            let appeal = try await LevelWorkflow.appeal(event: form.eventId.flatMap(UUID.init(uuidString:)), by: user, text: form.text,
                                                        now: req.application.clock.now(), on: req.db)
            req.flash("Your appeal is sent. An admin answers by \(SpokenDate.fixed(appeal.answerBy, in: SpokenDate.timeZone(user.timezone))).")
        } catch let e as ValidationError {
            req.parameters.set("userID", to: try user.requireID().uuidString)
            return try await render(req, problem: "Your appeal \(e.reason).", typed: form.text ?? "", status: .unprocessableEntity)
        } catch let e as ConflictError {
            req.flash(e.message)
        }
        return req.redirect(to: "/users/\(try user.requireID())/level")
    }
}
