// GET /interviews/contacts/{id} (a contact, its referral chain, the edit form and the "plan an interview" form),
// POST /interviews/contacts/{id} (edit), POST /interviews/contacts/{id}/referrals (someone this contact named) and
// POST /interviews/new (an interview with this contact about one of the explorer's targets).
import Vapor
import GuildCore

struct ContactPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews")
        r.get("contacts", ":contactID", use: show)
        r.post("contacts", ":contactID", use: update)
        r.post("contacts", ":contactID", "referrals", use: addReferral)
        r.post("new", use: createInterview)
    }

    func show(req: Request) async throws -> Response {
        let c = try await InterviewStore.contact(req.parameters.get("contactID"), owner: try req.memberID(), on: req.db)
        return try await render(req, c, values: ContactForm.values(of: c), errors: [:], referralValues: ContactForm.blank, referralErrors: [:], status: .ok)
    }

    func render(_ req: Request, _ c: ContactRecord, values: [String: String], errors: [String: String],
                referralValues: [String: String], referralErrors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let me = try req.memberID()
        let statuses = try await InterviewStore.contactStatuses(owner: me, on: req.db)
        let model = Model(contact: c, status: statuses[c.id!] ?? .toContact, chain: try await InterviewStore.chain(c, on: req.db),
                          targets: try await InterviewStore.targetDTOs(owner: me, on: req.db), values: values, errors: errors,
                          referralValues: referralValues, referralErrors: referralErrors)
        return try await req.render("interviews/contact", title: c.name, model, form: true, status: status)
    }

    func update(req: Request) async throws -> Response {
        let me = try req.memberID()
        let c = try await InterviewStore.contact(req.parameters.get("contactID"), owner: me, on: req.db)
        let form = try req.content.decode(ContactForm.self)
        do {
            var input = try form.input()
            if form.targetsShown != nil {
                let ids = (form.targetIds ?? []).compactMap(UUID.init(uuidString:))
                if ids.count != (form.targetIds ?? []).count { throw ValidationErrors([.init(field: "targetIds", reason: "Must name your own research targets.")]) }
                input.targetIds = ids
            } else {
                input.targetIds = c.targetIDs.compactMap(UUID.init(uuidString:))
            }
            try await InterviewStore.updateContact(c, with: input, owner: me, on: req.db)
            req.flash("Contact saved.")
            return req.redirect(to: "/interviews/contacts/\(try c.requireID())")
        } catch let e as ValidationErrors {
            // Re-read: a refused edit may have changed the loaded record before validation failed.
            let fresh = try await InterviewStore.contact(req.parameters.get("contactID"), owner: me, on: req.db)
            return try await render(req, fresh, values: form.values, errors: InterviewPageForm.errorMap(e), referralValues: ContactForm.blank,
                                    referralErrors: [:], status: .unprocessableEntity)
        }
    }

    func addReferral(req: Request) async throws -> Response {
        let me = try req.memberID()
        let referrer = try await InterviewStore.contact(req.parameters.get("contactID"), owner: me, on: req.db)
        let form = try req.content.decode(ContactForm.self)
        do {
            let c = try await InterviewStore.createContact(try form.input(), owner: me, referrer: referrer, on: req.db)
            req.flash("\(c.name) added, referred by \(referrer.name).")
            return req.redirect(to: "/interviews/contacts/\(try c.requireID())")
        } catch let e as ValidationErrors {
            return try await render(req, referrer, values: ContactForm.values(of: referrer), errors: [:], referralValues: form.values,
                                    referralErrors: InterviewPageForm.errorMap(e), status: .unprocessableEntity)
        }
    }

    struct InterviewForm: Content { var targetId: String?; var contactId: String?; var minutes: String? }

    func createInterview(req: Request) async throws -> Response {
        let form = try req.content.decode(InterviewForm.self)
        let me = try req.memberID()
        do {
            let range = InterviewLength.allowedMinutes
            guard let minutes = Int(form.minutes ?? "") else {
                throw ValidationErrors([.init(field: "minutes", reason: "Must be a whole number from \(range.lowerBound) to \(range.upperBound).")])
            }
            guard let t = InterviewStore.uuid(form.targetId) else { throw ValidationErrors([.init(field: "targetId", reason: "Choose a research target.")]) }
            guard let c = InterviewStore.uuid(form.contactId) else { throw ValidationErrors([.init(field: "contactId", reason: "Choose a contact.")]) }
            let i = try await InterviewStore.createInterview(InterviewInput(targetId: t, contactId: c, minutes: minutes), owner: me, on: req.db)
            req.flash("Interview planned. Draft your request below.")
            return req.redirect(to: "/interviews/\(try i.requireID())")
        } catch let e as ValidationErrors {
            req.flash("Could not plan the interview: " + InterviewPageForm.sentence(e))
            return req.redirect(to: form.contactId.flatMap(InterviewStore.uuid).map { "/interviews/contacts/\($0)" } ?? "/interviews/contacts")
        }
    }
}
