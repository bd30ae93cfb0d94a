// GET /interviews/{id}/follow-up: the note sent weeks after the conversation, telling the contact what the explorer did
// with their advice. The explorer's own account comes in `whatIDid` (a GET form: drafting changes nothing stored).
import Vapor
import GuildCore

struct FollowUpPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).get("interviews", ":interviewID", "follow-up", use: show)
    }

    func show(req: Request) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        let did = req.query[String.self, at: "whatIDid"] ?? ""
        var note: FollowUpNoteDTO? = nil, problem: String? = nil, status = HTTPResponseStatus.ok
        do {
            note = try await InterviewStore.followUpNote(i, explorer: me, whatIDid: did, now: req.interviewNow,
                                                         baseURL: req.application.guild.publicBaseURL, on: req.db)
        } catch let e as ConflictError {
            problem = e.message
        } catch let e as ValidationErrors {
            problem = InterviewPageForm.sentence(e)
            status = .unprocessableEntity
        }
        return try await req.render("interviews/follow-up", title: "Follow-up note",
                                    Model(interview: i, note: note, problem: problem, whatIDid: did), status: status)
    }
}
