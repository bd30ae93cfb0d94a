// GET /interviews/targets/{id} (a research target, its findings and the readiness check) and
// POST /interviews/targets/{id}/findings. The page also lists the research sources contacts recommended.
import Vapor
import GuildCore

struct TargetPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews", "targets")
        r.get(":targetID", use: show)
        r.post(":targetID", "findings", use: addFinding)
        r.post(":targetID", "lamp", use: setLamp)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, values: [:], share: false, errors: [:], status: .ok)
    }

    func render(_ req: Request, values: [String: String], share: Bool, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        let findings = try await InterviewStore.findings(target: t.requireID(), on: req.db)
        let sources = try await InterviewStore.sources(target: t.requireID(), on: req.db)
        return try await req.render("interviews/target", title: t.name,
                                    Model(target: try await InterviewStore.targetDTO(t, on: req.db), findings: findings, sources: sources,
                                          values: values, share: share, errors: errors), form: true, status: status)
    }

    struct LampForm: Content { var motivation: String?; var postings: String? }

    /// The explorer's motivation and postings for this target (0–3): a value off the scale is shown back with the problem.
    func setLamp(req: Request) async throws -> Response {
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        let form = try req.content.decode(LampForm.self)
        do {
            var errors: [ValidationError] = []
            let motivation = Int(form.motivation ?? ""), postings = Int(form.postings ?? "")
            if motivation == nil { errors.append(.init(field: "motivation", reason: "Choose a number from \(LampList.scale.lowerBound) to \(LampList.scale.upperBound).")) }
            if postings == nil { errors.append(.init(field: "postings", reason: "Choose a number from \(LampList.scale.lowerBound) to \(LampList.scale.upperBound).")) }
            if !errors.isEmpty { throw ValidationErrors(errors) }
            try await InterviewStore.setLamp(LampInput(motivation: motivation, postings: postings), on: t, on: req.db)
            req.flash("Saved. The target is now number \(try await InterviewStore.targetDTO(t, on: req.db).lamp?.rank ?? 0) on your list.")
            return req.redirect(to: "/interviews/targets/\(try t.requireID())")
        } catch let e as ValidationErrors {
            return try await render(req, values: [:], share: false, errors: InterviewPageForm.errorMap(e), status: .unprocessableEntity)
        }
    }

    struct FindingForm: Content { var kind: String?; var statement: String?; var source: String?; var share: String? }

    func addFinding(req: Request) async throws -> Response {
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        let form = try req.content.decode(FindingForm.self)
        let share = form.share == "on" || form.share == "true"
        do {
            guard let kind = FindingKind(rawValue: form.kind ?? "") else { throw ValidationErrors([.init(field: "kind", reason: "Choose a kind of finding.")]) }
            _ = try await InterviewStore.addFinding(FindingInput(kind: kind, statement: form.statement ?? "", source: form.source, share: share),
                                                    to: t, now: req.interviewNow, on: req.db)
            req.flash("Finding saved.")
            return req.redirect(to: "/interviews/targets/\(try t.requireID())")
        } catch let e as ValidationErrors {
            return try await render(req, values: ["kind": form.kind ?? "", "statement": form.statement ?? "", "source": form.source ?? ""],
                                    share: share, errors: InterviewPageForm.errorMap(e), status: .unprocessableEntity)
        }
    }
}
