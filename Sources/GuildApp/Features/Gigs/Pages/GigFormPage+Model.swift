// The seller's gig form: its fields as typed, packages as fieldsets, each problem on the field it is about.
import Vapor
import GuildCore

extension GigFormPage {
    static let packageSlots = 3

    struct PackageForm: Encodable {
        var index: Int; var number: Int; var optional: Bool; var name: String; var price: String; var days: String; var revisions: String; var includes: String
        /// How many hours the seller expects the package to take: the order quote shows the hourly rate net of fees.
        var hours: String
        @EmptyAsNull var errors: [String: String]
    }
    struct Choice: Encodable { var value: String; var label: String; var selected: Bool }
    struct ChoiceGroup: Encodable { var label: String; var choices: [Choice] }
    struct Model: Encodable {
        var action: String; var heading: String; var isNew: Bool
        /// LeafKit's `#if` is true for any non-nil dictionary, even an empty one, so templates test this flag.
        var hasErrors: Bool
        var values: [String: String]; var errors: [String: String]; var packages: [PackageForm]
        var categories: [Choice]; var subcategories: [ChoiceGroup]; var rules: [String]
    }

    /// What the form posts: flat fields, packages as p0…p2 fieldsets.
    struct FormBody: Content {
        var title: String?; var description: String?; var category: String?; var subcategory: String?; var tags: String?
        var p0name: String?; var p0price: String?; var p0days: String?; var p0revisions: String?; var p0includes: String?; var p0hours: String?
        var p1name: String?; var p1price: String?; var p1days: String?; var p1revisions: String?; var p1includes: String?; var p1hours: String?
        var p2name: String?; var p2price: String?; var p2days: String?; var p2revisions: String?; var p2includes: String?; var p2hours: String?
        var publish: String?

        func slot(_ i: Int) -> [String] {
            switch i {
            case 0: [p0name, p0price, p0days, p0revisions, p0includes, p0hours].map { $0 ?? "" }
            case 1: [p1name, p1price, p1days, p1revisions, p1includes, p1hours].map { $0 ?? "" }
            default: [p2name, p2price, p2days, p2revisions, p2includes, p2hours].map { $0 ?? "" }
            }
        }
    }

    static func form(action: String, heading: String, isNew: Bool, values: [String: String], slots: [[String]],
                     errors: [String: String] = [:], slotErrors: [Int: [String: String]] = [:]) -> Model {
        let category = values["category"] ?? ""
        return Model(
            action: action, heading: heading, isNew: isNew, hasErrors: !errors.isEmpty || !slotErrors.isEmpty,
            values: values, errors: errors,
            packages: (0..<packageSlots).map { i in
                let s = i < slots.count ? slots[i] + Array(repeating: "", count: max(0, 6 - slots[i].count)) : ["", "", "", "", "", ""]
                return PackageForm(index: i, number: i + 1, optional: i > 0, name: s[0], price: s[1], days: s[2], revisions: s[3], includes: s[4],
                                   hours: s[5], errors: slotErrors[i] ?? [:])
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
                             $0.includes.joined(separator: "\n"), $0.estimatedHours.map(String.init) ?? ""] })
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
            let hours = s[5].isEmpty ? nil : Int(s[5])
            if !s[5].isEmpty && hours == nil { problems.append(ValidationError(field: "packages[\(at)].estimatedHours", reason: "must be a whole number of hours, or left empty")) }
            packages.append(PackageDraft(name: s[0], priceCents: price ?? 0, deliveryDays: days ?? 0, revisions: revisions ?? 0, includes: includes,
                                         estimatedHours: hours))
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
        do {
            let valid = try GigRules.validate(draft)
            // A field the form could not read (an unreadable number left out of the draft) is refused even when the
            // rest passes the rules.
            if all.isEmpty { return valid }
        } catch {
            let known = Set(all.map(\.field))
            all += error.errors.filter { !known.contains($0.field) }
        }
        throw ValidationErrors(all)
    }

}
