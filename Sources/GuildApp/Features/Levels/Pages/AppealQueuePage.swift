// /admin/level-appeals: admins answer sellers' appeals against a warning or a move down, soonest deadline first.
import Vapor
import Fluent
import GuildCore

struct AppealQueuePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("admin", "level-appeals", use: list)
        member.post("admin", "level-appeals", ":appealID", "answer", use: answer)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.member()
        guard user.has(.admin) else { throw APIError.notFound("That page") }
        let appeals = try await LevelQueries.appeals(for: user, on: req.db)
        let events = try await LevelEventRecord.query(on: req.db).filter(\.$id ~~ appeals.map(\.eventID)).all()
        let sellers = try await User.query(on: req.db).filter(\.$id ~~ appeals.map(\.sellerID)).all()
        return try await req.render("levels/appeals", title: "Level appeals", Model(appeals: appeals, events: events, sellers: sellers), form: true)
    }

    func answer(req: Request) async throws -> Response {
        struct Form: Content { var decision: String?; var reason: String? }
        let form = try req.content.decode(Form.self)
        do {
            let appeal = try await LevelWorkflow.answer(appeal: req.parameters.get("appealID", as: UUID.self), by: try req.member(),
                                                        upheld: form.decision == "uphold", reason: form.reason,
                                                        now: req.application.clock.now(), on: req.db)
            req.flash("Answered: \((LevelAppealOutcome(rawValue: appeal.outcome) ?? .open).spoken).")
        } catch let e as ValidationError {
            req.flash("The answer's reason \(e.reason).")
        } catch let e as ConflictError {
            req.flash(e.message)
        }
        return req.redirect(to: "/admin/level-appeals")
    }
}
