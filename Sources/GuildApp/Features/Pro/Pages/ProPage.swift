// /pro: a seller's Pro application (evidence) and its status, the criteria met or not, and a removal notice to answer.
import Vapor
import GuildCore

struct ProPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("pro", use: show)
        member.post("pro", "applications", use: apply)
        member.post("pro", "removals", ":removalID", "response", use: respond)
    }

    func show(req: Request) async throws -> Response {
        try await render(req)
    }

    func render(_ req: Request, problems: [ValidationError] = [], typed: ProApplicationRequest? = nil,
                status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.member()
        let id = try user.requireID()
        let stats = try await SellerStatsRecord.find(id, on: req.db)
        let (applications, removals) = try await ProWorkflow.mine(id, on: req.db)
        let model = Model(isPro: stats?.isPro ?? false, stats: stats, applications: applications, removals: removals,
                          problems: problems, typed: typed, now: req.application.clock.now())
        return try await req.render("pro/apply", title: "Pro", model, form: true, status: status)
    }

    struct ApplyForm: Content { var qualifications: String?; var portfolioLinks: String? }

    func apply(req: Request) async throws -> Response {
        let form = try req.content.decode(ApplyForm.self)
        let links = (form.portfolioLinks ?? "").split(whereSeparator: \.isNewline).map(String.init)
        let typed = ProApplicationRequest(qualifications: form.qualifications, portfolioLinks: links)
        do {
            _ = try await ProWorkflow.apply(seller: try req.member(), qualifications: form.qualifications, portfolioLinks: links,
                                            now: req.application.clock.now(), on: req.db)
            req.flash("Your application is in. An admin checks it against the published criteria and answers with a reason.")
        } catch let e as ValidationErrors {
            return try await render(req, problems: e.errors, typed: typed, status: .unprocessableEntity)
        } catch let e as ConflictError {
            req.flash(e.message.prefix(1).uppercased() + e.message.dropFirst() + ".")
        }
        return req.redirect(to: "/pro")
    }

    struct ResponseForm: Content { var text: String? }

    func respond(req: Request) async throws -> Response {
        let form = try req.content.decode(ResponseForm.self)
        do {
            _ = try await ProWorkflow.respond(req.parameters.get("removalID", as: UUID.self), by: try req.member(), text: form.text,
                                              now: req.application.clock.now(), on: req.db)
            req.flash("Your answer is recorded. An admin reads it before the notice ends.")
        } catch let e as ValidationError {
            req.flash("Your answer \(e.reason).")
        } catch let e as ConflictError {
            req.flash(e.message.prefix(1).uppercased() + e.message.dropFirst() + ".")
        }
        return req.redirect(to: "/pro")
    }
}
