// GET /interviews/{id}/conversation (agenda, timer, notes per question, what each finding turned out to be, the
// referral and research-source forms for the resources answers) with
// POST …/start (the timer's start; JSON for the page's script), POST …/notes and POST …/outcomes.
import Vapor
import GuildCore

struct ConversationPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews", ":interviewID")
        r.get("conversation", use: show)
        r.post("start", use: start)
        r.post("notes", use: saveNotes)
        r.post("outcomes", use: saveOutcome)
    }

    /// How much faster than real time a test may run the timer (`?speed=60` runs a minute a second).
    static let fastestSpeed = 600

    func show(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let (plan, _) = try await InterviewStore.currentPlan(i, on: req.db)
        let findings = try await InterviewStore.findings(target: i.$target.id, on: req.db)
        let sources = try await InterviewStore.sources(interview: try i.requireID(), on: req.db)
        // People get real time; only tests ask for a faster timer.
        let speed = min(max(req.query[Int.self, at: "speed"] ?? 1, 1), Self.fastestSpeed)
        return try await req.render("interviews/conversation", title: "Conversation with \(i.contact.name)",
                                    Model(interview: i, plan: plan, findings: findings, sources: sources, speed: speed, now: req.interviewNow), form: true)
    }

    /// The timer's start, recorded by the page's script (or the button's form without script).
    func start(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let json = GuildErrorMiddleware.prefersJSON(req)
        do {
            try await InterviewStore.start(i, now: req.interviewNow, on: req.db)
        } catch let e as ConflictError {
            if json { throw e }
            req.flash(e.message)
        }
        if json { return try await InterviewStore.clock(i, now: req.interviewNow).encodeResponse(for: req) }
        return req.redirect(to: "/interviews/\(i.id!)/conversation")
    }

    /// Notes arrive as note[<question id>] fields next to the three summary fields.
    struct NotesForm: Content { var note: [String: String]?; var mostInteresting: String?; var adviceToAct: String?; var whatIShared: String? }

    func saveNotes(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let form = try req.content.decode(NotesForm.self)
        do {
            try await InterviewStore.saveNotes(NotesInput(notes: form.note, mostInteresting: form.mostInteresting, adviceToAct: form.adviceToAct,
                                                          whatIShared: form.whatIShared), for: i, on: req.db)
            req.flash("Notes saved.")
        } catch let e as ValidationErrors {
            req.flash("Notes not saved: " + InterviewPageForm.sentence(e))
        }
        return req.redirect(to: "/interviews/\(i.id!)/conversation")
    }

    struct OutcomeForm: Content { var findingId: String?; var verdict: String?; var note: String? }

    func saveOutcome(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let form = try req.content.decode(OutcomeForm.self)
        do {
            guard let f = InterviewStore.uuid(form.findingId) else { throw ValidationErrors([.init(field: "findingId", reason: "Choose a finding.")]) }
            guard let v = FindingVerdict(rawValue: form.verdict ?? "") else { throw ValidationErrors([.init(field: "verdict", reason: "Choose confirmed, refined or refuted.")]) }
            _ = try await InterviewStore.recordOutcome(OutcomeInput(findingId: f, verdict: v, note: form.note), for: i, now: req.interviewNow, on: req.db)
            req.flash("Finding marked \(v.rawValue).")
        } catch let e as ValidationErrors {
            req.flash("Not saved: " + InterviewPageForm.sentence(e))
        }
        return req.redirect(to: "/interviews/\(i.id!)/conversation#outcomes")
    }
}
