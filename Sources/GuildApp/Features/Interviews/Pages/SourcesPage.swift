// POST /interviews/{id}/sources (the answer to "what should I read?" becomes a research source on the target, in one
// step, from the conversation page) and POST /interviews/sources/{id}/read (read, or not yet, from the target page).
import Vapor
import GuildCore

struct SourcesPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews")
        r.post(":interviewID", "sources", use: add)
        r.post("sources", ":sourceID", "read", use: markRead)
    }

    func add(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let input = try req.content.decode(SourceInput.self)
        do {
            let s = try await InterviewStore.addSource(input, to: i, now: req.interviewNow, on: req.db)
            req.flash("\"\(s.title)\" is now a research source on \(i.target.name), recommended by \(i.contact.name).")
        } catch let e as ValidationErrors {
            req.flash("Source not saved: " + InterviewPageForm.sentence(e))
        } catch let e as ConflictError {
            req.flash("Source not saved: \(e.message)")
        }
        return req.redirect(to: "/interviews/\(try i.requireID())/conversation#sources")
    }

    struct ReadForm: Content { var read: String? }

    func markRead(req: Request) async throws -> Response {
        let s = try await InterviewStore.source(req.parameters.get("sourceID"), owner: try req.memberID(), on: req.db)
        let read = try req.content.decode(ReadForm.self).read
        try await InterviewStore.markSource(s, read: read == "true" ? true : read == "false" ? false : nil, now: req.interviewNow, on: req.db)
        req.flash(s.readAt == nil ? "\"\(s.title)\" is back on your list." : "\"\(s.title)\" marked done; the follow-up note to \(s.contact.name) will mention it.")
        return req.redirect(to: "/interviews/targets/\(s.$target.id)#sources")
    }
}
