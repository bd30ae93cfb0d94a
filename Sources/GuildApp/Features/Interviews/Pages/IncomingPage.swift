// GET /interviews/incoming (on-platform requests sent to this practitioner) and the answers:
// POST /interviews/incoming/{id}/accept, …/propose, …/decline.
import Vapor
import GuildCore

struct IncomingPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews", "incoming")
        r.get(use: show)
        r.post(":interviewID", "accept", use: accept)
        r.post(":interviewID", "propose", use: propose)
        r.post(":interviewID", "decline", use: decline)
    }

    func show(req: Request) async throws -> Response {
        let me = try req.member()
        let list = try await InterviewStore.incomingRequests(practitioner: try me.requireID(), on: req.db)
        return try await req.render("interviews/incoming", title: "Conversation requests",
                                    Model(requests: list, openToInterviews: me.openToInterviews, zone: SpokenDate.timeZone(me.timezone)), form: true)
    }

    /// Runs one answer; a refused answer changes nothing and says why.
    func answer(_ req: Request, _ act: (InterviewRecord, User) async throws -> String) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.incoming(req.parameters.get("interviewID"), practitioner: try me.requireID(), on: req.db)
        do {
            req.flash(try await act(i, me))
        } catch let e as ValidationErrors {
            req.flash("Not sent: " + InterviewPageForm.sentence(e))
        } catch let e as ConflictError {
            req.flash("Not sent: \(e.message)")
        }
        return req.redirect(to: "/interviews/incoming")
    }

    func accept(req: Request) async throws -> Response {
        let form = try req.content.decode(AcceptInput.self)
        let zone = SpokenDate.timeZone(try req.member().timezone)
        return try await answer(req) { i, me in
            // The form's time is the practitioner's wall clock; the store reads offsets, so say which instant it is.
            var input = form
            if let raw = form.scheduledAt, MeetingTime.components(raw.trimmingCharacters(in: .whitespaces)) != nil {
                input.scheduledAt = InterviewDates.iso(try InterviewDates.parse(raw, field: "scheduledAt", zone: zone))
            }
            try await InterviewStore.accept(i, practitioner: me, input: input, on: req.db)
            return "Accepted. You and \(i.explorer.displayName) can both download the calendar invitation."
        }
    }

    struct ProposeForm: Content { var times: String? }

    func propose(req: Request) async throws -> Response {
        let times = try req.content.decode(ProposeForm.self).times ?? ""
        return try await answer(req) { i, _ in
            try await InterviewStore.propose(i, input: ProposeInput(times: times), on: req.db)
            return "Other times proposed to \(i.explorer.displayName)."
        }
    }

    struct DeclineForm: Content { var reason: String?; var suggestion: String? }

    func decline(req: Request) async throws -> Response {
        let form = try req.content.decode(DeclineForm.self)
        return try await answer(req) { i, me in
            try await InterviewStore.decline(i, practitioner: me, input: DeclineInput(reason: form.reason.flatMap(DeclineReason.init(rawValue:)),
                                                                                      suggestion: form.suggestion), on: req.db)
            return "Declined politely. \(i.explorer.displayName) sees your note."
        }
    }
}
