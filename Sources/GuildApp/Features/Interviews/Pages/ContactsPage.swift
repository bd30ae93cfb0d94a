// GET /interviews/contacts (the explorer's contacts with their status) and POST /interviews/contacts (a new contact).
import Vapor
import GuildCore

struct ContactsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews", "contacts")
        r.get(use: show)
        r.post(use: create)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, values: ContactForm.blank, errors: [:], status: .ok)
    }

    func render(_ req: Request, values: [String: String], errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let me = try req.memberID()
        let model = Model(contacts: try await InterviewStore.contacts(owner: me, on: req.db),
                          statuses: try await InterviewStore.contactStatuses(owner: me, on: req.db), values: values, errors: errors)
        return try await req.render("interviews/contacts", title: "Contacts", model, form: true, status: status)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(ContactForm.self)
        do {
            let c = try await InterviewStore.createContact(try form.input(), owner: try req.memberID(), on: req.db)
            req.flash("Contact added.")
            return req.redirect(to: "/interviews/contacts/\(try c.requireID())")
        } catch let e as ValidationErrors {
            return try await render(req, values: form.values, errors: InterviewPageForm.errorMap(e), status: .unprocessableEntity)
        }
    }
}
