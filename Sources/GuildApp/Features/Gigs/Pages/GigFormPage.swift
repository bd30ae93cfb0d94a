// /gigs/new and /gigs/{id}/edit: the seller's forms. Every rule is GigRules'; the form only reads and re-shows.
import Vapor
import Fluent
import GuildCore

struct GigFormPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("gigs", "new", use: newForm)
        member.post("gigs", "new", use: create)
        member.get("gigs", ":gigID", "edit", use: editForm)
        member.post("gigs", ":gigID", "edit", use: save)
    }

    func newForm(req: Request) async throws -> Response {
        let slots = [["Basic", "", "3", "1", ""]]
        return try await req.render("gigs/form", title: "New gig",
                                    Self.form(action: "/gigs/new", heading: "Offer a new gig", isNew: true, values: [:], slots: slots), form: true)
    }

    func editForm(req: Request) async throws -> Response {
        let gig = try await GigCatalog.owned(req.parameters.get("gigID"), by: try req.memberID(), on: req.db)
        let (values, slots) = Self.values(gig)
        return try await req.render("gigs/form", title: "Edit gig",
                                    Self.form(action: "/gigs/\(try gig.requireID())/edit", heading: "Edit your gig", isNew: false,
                                              values: values, slots: slots), form: true)
    }

    func create(req: Request) async throws -> Response {
        let body = try req.content.decode(FormBody.self)
        let (draft, problems, slotOf) = Self.draft(from: body)
        do {
            let valid = try Self.check(draft, problems)
            let gig = try await GigCatalog.create(sellerID: try req.memberID(), draft: valid,
                                                  status: body.publish == "draft" ? .draft : .published, on: req.db)
            req.flash(gig.gigStatus.isListed ? "Your gig is published." : "Your gig is saved as a draft.")
            return req.redirect(to: "/gigs/\(try gig.requireID())")
        } catch let e as ValidationErrors {
            return try await renderErrors(req, e, body: body, slotOf: slotOf, action: "/gigs/new", heading: "Offer a new gig", isNew: true)
        }
    }

    func save(req: Request) async throws -> Response {
        let gig = try await GigCatalog.owned(req.parameters.get("gigID"), by: try req.memberID(), on: req.db)
        let body = try req.content.decode(FormBody.self)
        let (draft, problems, slotOf) = Self.draft(from: body)
        let id = try gig.requireID()
        do {
            let valid = try Self.check(draft, problems)
            let patch = GigPatch(title: valid.title, description: valid.description, category: valid.category,
                                 subcategory: .some(valid.subcategory), tags: valid.tags, packages: valid.packages)
            _ = try await GigCatalog.update(gig, patch: patch, status: nil, on: req.db)
            req.flash("Your gig is saved.")
            return req.redirect(to: "/gigs/\(id)")
        } catch let e as ValidationErrors {
            return try await renderErrors(req, e, body: body, slotOf: slotOf, action: "/gigs/\(id)/edit", heading: "Edit your gig", isNew: false)
        }
    }

    private func renderErrors(_ req: Request, _ e: ValidationErrors, body: FormBody, slotOf: [Int], action: String, heading: String, isNew: Bool) async throws -> Response {
        @EmptyAsNull var errors: [String: String] = [:]
        var slotErrors: [Int: [String: String]] = [:]
        for err in e.errors {
            // packages[1].priceCents → fieldset slotOf[1], key priceCents; tags[2] → tags.
            if err.field.hasPrefix("packages["), let close = err.field.firstIndex(of: "]"),
               let n = Int(err.field[err.field.index(err.field.startIndex, offsetBy: 9)..<close]), n < slotOf.count {
                let key = err.field[err.field.index(after: close)...].drop(while: { $0 == "." }).split(separator: "[").first.map(String.init) ?? "name"
                slotErrors[slotOf[n], default: [:]][key] = err.reason
            } else {
                let key = err.field.split(separator: "[").first.map(String.init) ?? err.field
                if errors[key] == nil { errors[key] = err.reason }
            }
        }
        let values = ["title": body.title ?? "", "description": body.description ?? "", "category": body.category ?? "",
                      "subcategory": body.subcategory ?? "", "tags": body.tags ?? ""]
        let slots = (0..<Self.packageSlots).map { body.slot($0) }
        return try await req.render("gigs/form", title: heading,
                                    Self.form(action: action, heading: heading, isNew: isNew, values: values, slots: slots,
                                              errors: errors, slotErrors: slotErrors),
                                    form: true, status: .unprocessableEntity)
    }
}
