// GET /interviews/{id} (one interview: its stage, the request draft per channel and its check, the 3B7 step) with
// POST …/check (the explorer's own draft checked: the page, or JSON for the page's script), POST …/stage,
// POST …/platform-request, and the files: GET …/request.eml and GET …/invite.ics.
import Vapor
import GuildCore

struct InterviewPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews")
        r.get(":interviewID", use: show)
        r.post(":interviewID", "check", use: checkDraft)
        r.post(":interviewID", "stage", use: moveStage)
        r.post(":interviewID", "platform-request", use: platformRequest)
        r.get(":interviewID", "request.eml", use: requestEML)
        r.get(":interviewID", "invite.ics", use: invite)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, check: nil)
    }

    func render(_ req: Request, check: Model.Check?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        var channel = ContactChannel(rawValue: i.contact.preferredChannel) ?? .email
        if let raw = req.query[String.self, at: "channel"], let c = ContactChannel(rawValue: raw) { channel = c }
        let draft = try await InterviewStore.requestDraft(i, explorer: me, channel: channel, baseURL: req.application.guild.publicBaseURL, on: req.db)
        let follow = try await InterviewStore.followUp(for: i, now: req.interviewNow, on: req.db)
        let model = Model(interview: i, draft: draft, channel: channel, check: check, followUp: follow, zone: SpokenDate.timeZone(me.timezone))
        return try await req.render("interviews/interview", title: "Interview with \(i.contact.name)", model, form: true, status: status)
    }

    struct CheckForm: Content { var subject: String?; var body: String?; var channel: String? }

    func checkDraft(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let form = try req.content.decode(CheckForm.self)
        let subject = form.subject ?? "", body = form.body ?? ""
        let channel = ContactChannel(rawValue: form.channel ?? "") ?? .email
        do {
            // The API's own check: an over-long draft is refused with the same 422 and field, never cut and checked.
            let warnings = try InterviewStore.checkDraft(subject: subject, body: body, referredBy: i.contact.core.referrer, channel: channel,
                                                         organisation: i.contact.organisation)
            // The page's script asks for JSON and shows the warnings as the explorer types.
            if GuildErrorMiddleware.prefersJSON(req) { return try await WarningsDTO(warnings: warnings).encodeResponse(for: req) }
            return try await render(req, check: Model.Check(subject: subject, body: body, warnings: warnings, errors: [:]))
        } catch let e as ValidationErrors {
            // The script gets the API's error shape from the error middleware; the page shows the form again with the problem.
            if GuildErrorMiddleware.prefersJSON(req) { throw e }
            return try await render(req, check: Model.Check(subject: subject, body: body, warnings: [], errors: InterviewPageForm.errorMap(e)),
                                    status: .unprocessableEntity)
        }
    }

    struct StageForm: Content { var stage: String?; var scheduledAt: String?; var back: String? }

    func moveStage(req: Request) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        let form = try req.content.decode(StageForm.self)
        let back = ["conversation", "thank-you", "follow-up"].contains(form.back ?? "") ? "/interviews/\(i.id!)/\(form.back!)" : "/interviews/\(i.id!)"
        do {
            guard let stage = InterviewStage(rawValue: form.stage ?? "") else { throw ValidationErrors([.init(field: "stage", reason: "Choose a stage.")]) }
            let when = try (form.scheduledAt?.isEmpty == false) ? InterviewDates.parse(form.scheduledAt, field: "scheduledAt", zone: SpokenDate.timeZone(me.timezone)) : nil
            try await InterviewStore.move(i, to: stage, scheduledAt: when, now: req.interviewNow, on: req.db)
            req.flash("Moved to \(InterviewPageForm.label(stage.rawValue)).")
        } catch let e as ValidationErrors {
            req.flash("Not moved: " + InterviewPageForm.sentence(e))
        } catch let e as ConflictError {
            req.flash("Not moved: \(e.message)")
        }
        return req.redirect(to: back)
    }

    func platformRequest(req: Request) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        do {
            try await InterviewStore.sendPlatformRequest(i, explorer: me, now: req.interviewNow, baseURL: req.application.guild.publicBaseURL, on: req.db)
            req.flash("Request sent to \(i.contact.name) on Guild.")
        } catch let e as ConflictError {
            req.flash("Not sent: \(e.message)")
        }
        return req.redirect(to: "/interviews/\(i.id!)")
    }

    func requestEML(req: Request) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        let file = try await InterviewStore.emailFile(i, explorer: me, now: req.interviewNow, baseURL: req.application.guild.publicBaseURL, on: req.db)
        let res = Response(status: .ok, body: .init(string: file.render()))
        res.headers.contentType = HTTPMediaType(type: "message", subType: "rfc822")
        res.headers.contentDisposition = .init(.attachment, filename: "request.eml")
        return res
    }

    func invite(req: Request) async throws -> Response {
        let i = try await InterviewStore.interviewForParty(req.parameters.get("interviewID"), member: try req.memberID(), on: req.db)
        let text = try await InterviewStore.invite(i, now: req.interviewNow, baseURL: req.application.guild.publicBaseURL, on: req.db)
        let res = Response(status: .ok, body: .init(string: text))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        res.headers.contentDisposition = .init(.attachment, filename: "interview.ics")
        return res
    }
}
