// GET /interviews/{id}/plan (the question plan) and its edits: POST …/plan/move, …/plan/edit, …/plan/add, …/plan/remove.
// The core validates each edit; a refused edit leaves the plan as it was and says why.
import Vapor
import GuildCore

struct PlanPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews", ":interviewID", "plan")
        r.get(use: show)
        r.post("move", use: move)
        r.post("edit", use: edit)
        r.post("add", use: add)
        r.post("remove", use: remove)
    }

    func show(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let plan = try await InterviewStore.planDTO(i, on: req.db)
        return try await req.render("interviews/plan", title: "Question plan", Model(interview: i, plan: plan), form: true)
    }

    func apply(_ req: Request, _ edit: (QuestionPlan) throws -> QuestionPlan) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        do {
            try await InterviewStore.editPlan(i, on: req.db, edit)
            req.flash("Plan saved.")
        } catch let e as ValidationErrors {
            req.flash("Plan not changed: " + InterviewPageForm.sentence(e))
        }
        return req.redirect(to: "/interviews/\(i.id!)/plan")
    }

    struct MoveForm: Content { var from: Int?; var to: Int? }
    struct EditForm: Content { var questionId: String?; var text: String? }
    struct AddForm: Content { var kind: String?; var text: String? }
    struct RemoveForm: Content { var questionId: String? }

    func move(req: Request) async throws -> Response {
        let form = try req.content.decode(MoveForm.self)
        return try await apply(req) { try $0.move(from: form.from ?? -1, to: form.to ?? -1) }
    }

    func edit(req: Request) async throws -> Response {
        let form = try req.content.decode(EditForm.self)
        return try await apply(req) { try $0.replace(questionID: form.questionId ?? "", text: form.text ?? "") }
    }

    func add(req: Request) async throws -> Response {
        let form = try req.content.decode(AddForm.self)
        return try await apply(req) { plan in
            guard let kind = QuestionKind(rawValue: form.kind ?? "") else { throw ValidationErrors([.init(field: "kind", reason: "Choose a kind of question.")]) }
            return try plan.add(text: form.text ?? "", kind: kind)
        }
    }

    func remove(req: Request) async throws -> Response {
        let form = try req.content.decode(RemoveForm.self)
        return try await apply(req) { try $0.remove(questionID: form.questionId ?? "") }
    }
}
