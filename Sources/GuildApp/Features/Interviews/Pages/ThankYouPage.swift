// GET /interviews/{id}/thank-you: the thank-you note drafted from the conversation's notes, due within a day.
import Vapor
import GuildCore

struct ThankYouPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).get("interviews", ":interviewID", "thank-you", use: show)
    }

    func show(req: Request) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        var note: ThankYouDTO? = nil, problem: String? = nil
        do { note = try await InterviewStore.thankYou(i, explorer: me, now: req.interviewNow, baseURL: req.application.guild.publicBaseURL, on: req.db) } catch let e as ConflictError { problem = e.message }
        return try await req.render("interviews/thank-you", title: "Thank-you note", Model(interview: i, note: note, problem: problem), form: true)
    }
}
