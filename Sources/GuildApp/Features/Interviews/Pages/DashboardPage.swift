// GET /interviews (the explorer's board: targets, contacts by stage, what is due, 3B7 follow-ups) and
// POST /interviews/targets (a new research target from the board's form).
import Vapor
import GuildCore

struct DashboardPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews")
        r.get(use: show)
        r.post("targets", use: createTarget)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, values: [:], errors: [:], status: .ok)
    }

    func render(_ req: Request, values: [String: String], errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let me = try req.memberID()
        let now = req.interviewNow
        let dash = try await InterviewStore.dashboard(owner: me, now: now, on: req.db)
        let model = Model(dashboard: dash,
                          followUps: try await InterviewStore.followUps(owner: me, now: now, on: req.db),
                          interviews: try await InterviewStore.interviews(owner: me, newestFirst: true, on: req.db),
                          incomingCount: try await InterviewStore.openIncomingCount(practitioner: me, on: req.db),
                          values: values, errors: errors)
        return try await req.render("interviews/dashboard", title: "Explore careers", model, form: true, status: status)
    }

    struct TargetForm: Content { var kind: String?; var name: String? }

    func createTarget(req: Request) async throws -> Response {
        let form = try req.content.decode(TargetForm.self)
        do {
            guard let kind = TargetKind(rawValue: form.kind ?? "") else { throw ValidationErrors([.init(field: "kind", reason: "Choose job, organisation or industry.")]) }
            let t = try await InterviewStore.createTarget(TargetInput(kind: kind, name: form.name ?? ""), owner: try req.memberID(), on: req.db)
            req.flash("Target added. Now record what you find out about it.")
            return req.redirect(to: "/interviews/targets/\(try t.requireID())")
        } catch let e as ValidationErrors {
            return try await render(req, values: ["kind": form.kind ?? "", "name": form.name ?? ""],
                                    errors: InterviewPageForm.errorMap(e), status: .unprocessableEntity)
        }
    }
}
