// /gigs/{id} (the gig page), /gigs/new and /gigs/{id}/edit (the seller's forms), status moves and deletion.
import Vapor
import Fluent
import GuildCore

struct GigPages: RouteCollection {
    static let packageSlots = 3

    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("gigs", "new", use: newForm)
        member.post("gigs", "new", use: create)
        member.get("gigs", ":gigID", "edit", use: editForm)
        member.post("gigs", ":gigID", "edit", use: save)
        member.post("gigs", ":gigID", "status", use: move)
        member.post("gigs", ":gigID", "delete", use: delete)
        routes.get("gigs", ":gigID", use: show)
    }

    // MARK: - The gig page

    struct PackageView: Encodable {
        var name: String; var price: String; var delivery: String; var revisions: String; var includes: [String]?; var orderURL: String
    }
    struct MoveView: Encodable { var status: String; var action: String }
    struct GigView: Encodable {
        var id: String; var title: String; var description: String; var category: String; var categorySlug: String
        var subcategory: String?; var tags: [String]?; var status: String; var isListed: Bool
        var sellerId: String; var sellerName: String; var sellerHeadline: String?; var level: String; var rating: String; var isPro: Bool
        var packages: [PackageView]; var isMine: Bool; var moves: [MoveView]
    }

    func show(req: Request) async throws -> Response {
        let viewer = req.auth.get(User.self)?.id
        let gig = try await GigCatalog.visible(req.parameters.get("gigID"), to: viewer, on: req.db)
        let id = try gig.requireID()
        let seller = try await gig.$seller.get(on: req.db)
        let stats = try await SellerStatsRecord.find(seller.id, on: req.db)
        let packages = gig.packages.map { p in
            PackageView(name: p.name, price: MoneyFormat.format(cents: p.priceCents), delivery: GigText.delivery(days: p.deliveryDays),
                        revisions: p.revisions == 1 ? "1 revision" : "\(p.revisions) revisions", includes: p.includes.isEmpty ? nil : p.includes,
                        orderURL: "/gigs/\(id.uuidString)/order?" + GigText.query([("package", p.name)]))
        }
        let isMine = viewer == seller.id
        let view = GigView(
            id: id.uuidString, title: gig.title, description: gig.description,
            category: GigText.categoryName(gig.category), categorySlug: gig.category,
            subcategory: GigText.subcategoryName(gig.subcategory, in: gig.category), tags: gig.tags.isEmpty ? nil : gig.tags,
            status: gig.status, isListed: gig.gigStatus.isListed,
            sellerId: try seller.requireID().uuidString, sellerName: seller.displayName, sellerHeadline: seller.headline.isEmpty ? nil : seller.headline,
            level: SellerLevel(rawValue: stats?.level ?? "")?.label ?? SellerLevel.new.label,
            rating: GigText.rating(average: stats.map(\.averageRating), count: stats?.ratingCount ?? 0), isPro: stats?.isPro ?? false,
            packages: packages, isMine: isMine,
            moves: isMine ? GigStatus.moves.filter { $0.from == gig.gigStatus }.map { MoveView(status: $0.to.rawValue, action: $0.action.capitalized) } : [])
        return try await req.render("gigs/show", title: gig.title, view, form: isMine)
    }

    // MARK: - Forms

    struct PackageForm: Encodable {
        var index: Int; var number: Int; var optional: Bool; var name: String; var price: String; var days: String; var revisions: String; var includes: String
        @EmptyAsNull var errors: [String: String]
    }
    struct Choice: Encodable { var value: String; var label: String; var selected: Bool }
    struct ChoiceGroup: Encodable { var label: String; var choices: [Choice] }
    struct GigForm: Encodable {
        var action: String; var heading: String; var isNew: Bool
        /// LeafKit's `#if` is true for any non-nil dictionary, even an empty one, so templates test this flag.
        var hasErrors: Bool
        var values: [String: String]; var errors: [String: String]; var packages: [PackageForm]
        var categories: [Choice]; var subcategories: [ChoiceGroup]; var rules: [String]
    }

    /// What the form posts: flat fields, packages as p0…p2 fieldsets.
    struct FormBody: Content {
        var title: String?; var description: String?; var category: String?; var subcategory: String?; var tags: String?
        var p0name: String?; var p0price: String?; var p0days: String?; var p0revisions: String?; var p0includes: String?
        var p1name: String?; var p1price: String?; var p1days: String?; var p1revisions: String?; var p1includes: String?
        var p2name: String?; var p2price: String?; var p2days: String?; var p2revisions: String?; var p2includes: String?
        var publish: String?

        func slot(_ i: Int) -> [String] {
            switch i {
            case 0: [p0name, p0price, p0days, p0revisions, p0includes].map { $0 ?? "" }
            case 1: [p1name, p1price, p1days, p1revisions, p1includes].map { $0 ?? "" }
            default: [p2name, p2price, p2days, p2revisions, p2includes].map { $0 ?? "" }
            }
        }
    }

    static func form(action: String, heading: String, isNew: Bool, values: [String: String], slots: [[String]],
                     errors: [String: String] = [:], slotErrors: [Int: [String: String]] = [:]) -> GigForm {
        let category = values["category"] ?? ""
        return GigForm(
            action: action, heading: heading, isNew: isNew, hasErrors: !errors.isEmpty || !slotErrors.isEmpty,
            values: values, errors: errors,
            packages: (0..<packageSlots).map { i in
                let s = i < slots.count ? slots[i] : ["", "", "", "", ""]
                return PackageForm(index: i, number: i + 1, optional: i > 0, name: s[0], price: s[1], days: s[2], revisions: s[3], includes: s[4], errors: slotErrors[i] ?? [:])
            },
            categories: [Choice(value: "", label: "Choose a category", selected: category.isEmpty)]
                + CategoryTaxonomy.all.map { Choice(value: $0.slug, label: $0.name, selected: $0.slug == category) },
            subcategories: CategoryTaxonomy.all.map { c in
                ChoiceGroup(label: c.name, choices: c.subcategories.map { Choice(value: $0.slug, label: $0.name, selected: $0.slug == values["subcategory"]) })
            },
            rules: GigRules.descriptions)
    }

    static func values(_ gig: Gig) -> ([String: String], [[String]]) {
        (["title": gig.title, "description": gig.description, "category": gig.category, "subcategory": gig.subcategory ?? "",
          "tags": gig.tags.joined(separator: ", ")],
         gig.packages.map { [$0.name, MoneyFormat.plainAmount(cents: $0.priceCents), String($0.deliveryDays), String($0.revisions),
                             $0.includes.joined(separator: "\n")] })
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

    /// Reads the form into a draft; problems the draft cannot carry (an unreadable price) are reported
    /// with the same field names GigRules uses. `slotOf` maps a package's index in the draft to its fieldset.
    static func draft(from body: FormBody) -> (GigDraft, [ValidationError], [Int]) {
        var problems: [ValidationError] = []
        var packages: [PackageDraft] = []
        var slotOf: [Int] = []
        for i in 0..<packageSlots {
            let s = body.slot(i).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if s[0].isEmpty && s[1].isEmpty && s[4].isEmpty { continue }  // an empty fieldset is ignored
            let at = packages.count
            let price = MoneyFormat.parse(s[1])
            if price == nil { problems.append(ValidationError(field: "packages[\(at)].priceCents", reason: "must be an amount like 45 or 45.50")) }
            let days = Int(s[2])
            if days == nil { problems.append(ValidationError(field: "packages[\(at)].deliveryDays", reason: "must be a whole number of days")) }
            let revisions = s[3].isEmpty ? 0 : Int(s[3])
            if revisions == nil { problems.append(ValidationError(field: "packages[\(at)].revisions", reason: "must be a whole number")) }
            let includes = s[4].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            packages.append(PackageDraft(name: s[0], priceCents: price ?? 0, deliveryDays: days ?? 0, revisions: revisions ?? 0, includes: includes))
            slotOf.append(i)
        }
        let tags = (body.tags ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let subcategory = (body.subcategory ?? "").isEmpty ? nil : body.subcategory
        let draft = GigDraft(title: body.title ?? "", description: body.description ?? "", category: body.category ?? "",
                             subcategory: subcategory, tags: tags, packages: packages)
        return (draft, problems, slotOf)
    }

    /// Validates the whole draft so every problem shows at once, the form's own and GigRules'.
    static func check(_ draft: GigDraft, _ problems: [ValidationError]) throws -> GigDraft {
        var all = problems
        do { return try GigRules.validate(draft) } catch {
            let known = Set(all.map(\.field))
            all += error.errors.filter { !known.contains($0.field) }
        }
        throw ValidationErrors(all)
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

    // MARK: - Status and deletion

    func move(req: Request) async throws -> Response {
        struct Body: Content { var status: String }
        let gig = try await GigCatalog.owned(req.parameters.get("gigID"), by: try req.memberID(), on: req.db)
        let raw = try req.content.decode(Body.self).status
        guard let status = GigStatus(rawValue: raw) else {
            throw ValidationErrors([ValidationError(field: "status", reason: "is not a gig status")])
        }
        let updated = try await GigCatalog.update(gig, patch: GigPatch(), status: status, on: req.db)
        req.flash(updated.gigStatus.isListed ? "Your gig is live and can be found in search." : "Your gig is \(updated.status): buyers cannot find or order it.")
        return req.redirect(to: "/gigs/\(try updated.requireID())")
    }

    func delete(req: Request) async throws -> Response {
        let member = try req.memberID()
        let gig = try await GigCatalog.owned(req.parameters.get("gigID"), by: member, on: req.db)
        try await GigCatalog.delete(gig, on: req.db)
        req.flash("Your gig “\(gig.title)” is deleted.")
        return req.redirect(to: "/users/\(member)")
    }
}
