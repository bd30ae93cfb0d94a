// The limits a gig must respect, as data, and the validation that reports every broken one at once.
import Foundation

/// Gig limits. Public so that forms, the API docs and `/policies` show the same numbers the server checks.
public enum GigRules {
    public static let titleLength = 10...80
    public static let descriptionLength = 30...5000
    public static let tagCount = 0...5
    public static let tagLength = 2...24
    public static let packageCount = 1...3
    public static let packageNameLength = 1...40
    /// $5 to $10,000: below $5 the fee eats the work; above $10,000 the work belongs in milestones.
    public static let priceCents: ClosedRange<Int64> = 500...1_000_000
    public static let deliveryDays = 1...90
    public static let revisions = 0...10
    public static let includesCount = 0...10
    public static let includeLength = 1...120
    /// Characters a tag may hold besides letters and digits, so that "c++", "c#" and "node.js" stay possible.
    public static let tagPunctuation: Set<Character> = [" ", "-", "+", "#", "."]

    /// The rules in plain words, for the seller's form and the policy pages.
    public static let descriptions: [String] = [
        "A title has \(titleLength.lowerBound) to \(titleLength.upperBound) characters.",
        "A description has \(descriptionLength.lowerBound) to \(descriptionLength.upperBound) characters.",
        "A gig has up to \(tagCount.upperBound) tags of \(tagLength.lowerBound) to \(tagLength.upperBound) characters; tags are stored in lower case and repeated tags are kept once.",
        "A gig offers \(packageCount.lowerBound) to \(packageCount.upperBound) packages, each with its own name.",
        "A package costs between \(CatalogText.dollars(priceCents.lowerBound)) and \(CatalogText.dollars(priceCents.upperBound)).",
        "A package is delivered in \(deliveryDays.lowerBound) to \(deliveryDays.upperBound) days and includes \(revisions.lowerBound) to \(revisions.upperBound) revisions.",
        "A package lists at most \(includesCount.upperBound) things it includes.",
    ]

    /// Trims, lower-cases and de-duplicates tags, keeping the first occurrence's position.
    public static func normalizedTags(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for tag in tags {
            let normal = normalizedTag(tag)
            if !normal.isEmpty, seen.insert(normal).inserted { result.append(normal) }
        }
        return result
    }

    /// Checks a whole gig and returns it normalised (trimmed text, normalised tags).
    /// Throws every problem found, each naming its JSON field.
    public static func validate(_ draft: GigDraft) throws(ValidationErrors) -> GigDraft {
        var errors: [ValidationError] = []
        var result = draft
        result.title = checkTitle(draft.title, into: &errors)
        result.description = checkDescription(draft.description, into: &errors)
        checkCategory(draft.category, subcategory: draft.subcategory, into: &errors)
        result.tags = checkTags(draft.tags, into: &errors)
        result.packages = checkPackages(draft.packages, into: &errors)
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return result
    }

    /// Checks only the fields a patch names, without knowing the stored gig.
    /// A category change without a subcategory is checked against the new category alone.
    public static func validate(_ patch: GigPatch) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        if let title = patch.title { _ = checkTitle(title, into: &errors) }
        if let description = patch.description { _ = checkDescription(description, into: &errors) }
        if let category = patch.category {
            checkCategory(category, subcategory: patch.subcategory ?? nil, into: &errors)
        } else if let subcategory = patch.subcategory ?? nil, !allSubcategorySlugs.contains(subcategory) {
            errors.append(ValidationError(field: "subcategory", reason: "is not a known subcategory"))
        }
        if let tags = patch.tags { _ = checkTags(tags, into: &errors) }
        if let packages = patch.packages { _ = checkPackages(packages, into: &errors) }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }

    /// Lays a patch over the stored gig and checks the result as a whole, so that combinations
    /// (a subcategory that does not belong to the new category) are caught. Returns the normalised gig.
    public static func validate(_ patch: GigPatch, onto current: GigDraft) throws(ValidationErrors) -> GigDraft {
        try validate(patch.applied(to: current))
    }

    // MARK: - Field checks

    private static var allSubcategorySlugs: Set<String> {
        Set(CategoryTaxonomy.all.flatMap { $0.subcategories.map(\.slug) })
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func normalizedTag(_ tag: String) -> String {
        // Inner runs of whitespace become one space so "web  design" and "web design" are the same tag.
        trimmed(tag).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func checkLength(
        _ text: String, field: String, range: ClosedRange<Int>, into errors: inout [ValidationError]
    ) {
        let count = text.count
        if count < range.lowerBound {
            errors.append(ValidationError(
                field: field,
                reason: count == 0 ? "is required" : "must have at least \(range.lowerBound) characters (has \(count))"))
        } else if count > range.upperBound {
            errors.append(ValidationError(field: field, reason: "must have at most \(range.upperBound) characters (has \(count))"))
        }
    }

    private static func checkTitle(_ title: String, into errors: inout [ValidationError]) -> String {
        let value = trimmed(title)
        checkLength(value, field: "title", range: titleLength, into: &errors)
        return value
    }

    private static func checkDescription(_ description: String, into errors: inout [ValidationError]) -> String {
        let value = trimmed(description)
        checkLength(value, field: "description", range: descriptionLength, into: &errors)
        return value
    }

    private static func checkCategory(_ slug: String, subcategory: String?, into errors: inout [ValidationError]) {
        guard let category = CategoryTaxonomy.category(slug: slug) else {
            errors.append(ValidationError(field: "category", reason: "is not a known category"))
            return
        }
        if let subcategory, category.subcategory(slug: subcategory) == nil {
            errors.append(ValidationError(field: "subcategory", reason: "is not a subcategory of \(category.slug)"))
        }
    }

    /// Errors point at the index the client sent, so a form can highlight the right tag.
    private static func checkTags(_ tags: [String], into errors: inout [ValidationError]) -> [String] {
        var seen = Set<String>()
        var kept: [String] = []
        for (index, tag) in tags.enumerated() {
            let normal = normalizedTag(tag)
            let field = "tags[\(index)]"
            if normal.count < tagLength.lowerBound || normal.count > tagLength.upperBound {
                errors.append(ValidationError(
                    field: field,
                    reason: "must have \(tagLength.lowerBound) to \(tagLength.upperBound) characters"))
                continue
            }
            if normal.contains(where: { !($0.isLetter || $0.isNumber || tagPunctuation.contains($0)) }) {
                errors.append(ValidationError(
                    field: field, reason: "may hold only letters, digits, spaces and - + # ."))
                continue
            }
            if seen.insert(normal).inserted { kept.append(normal) }
        }
        if kept.count > tagCount.upperBound {
            errors.append(ValidationError(
                field: "tags", reason: "must have at most \(tagCount.upperBound) different tags (has \(kept.count))"))
        }
        return kept
    }

    private static func checkPackages(_ packages: [PackageDraft], into errors: inout [ValidationError]) -> [PackageDraft] {
        if packages.count < packageCount.lowerBound {
            errors.append(ValidationError(field: "packages", reason: "must have at least \(packageCount.lowerBound) package"))
        } else if packages.count > packageCount.upperBound {
            errors.append(ValidationError(
                field: "packages", reason: "must have at most \(packageCount.upperBound) packages (has \(packages.count))"))
        }
        var firstIndexByName: [String: Int] = [:]
        var result: [PackageDraft] = []
        for (index, package) in packages.enumerated() {
            let prefix = "packages[\(index)]"
            var normal = package
            normal.name = trimmed(package.name)
            checkLength(normal.name, field: "\(prefix).name", range: packageNameLength, into: &errors)
            let key = normal.name.lowercased()
            if !key.isEmpty {
                if let first = firstIndexByName[key] {
                    errors.append(ValidationError(
                        field: "\(prefix).name", reason: "repeats the name of packages[\(first)]; each package needs its own name"))
                } else {
                    firstIndexByName[key] = index
                }
            }
            if !priceCents.contains(package.priceCents) {
                errors.append(ValidationError(
                    field: "\(prefix).priceCents",
                    reason: "must be between \(priceCents.lowerBound) and \(priceCents.upperBound) cents (\(CatalogText.dollars(priceCents.lowerBound)) to \(CatalogText.dollars(priceCents.upperBound)))"))
            }
            if !deliveryDays.contains(package.deliveryDays) {
                errors.append(ValidationError(
                    field: "\(prefix).deliveryDays",
                    reason: "must be between \(deliveryDays.lowerBound) and \(deliveryDays.upperBound) days"))
            }
            if !revisions.contains(package.revisions) {
                errors.append(ValidationError(
                    field: "\(prefix).revisions",
                    reason: "must be between \(revisions.lowerBound) and \(revisions.upperBound)"))
            }
            if let hours = package.estimatedHours, !EstimatedHoursRule.range.contains(hours) {
                errors.append(ValidationError(
                    field: "\(prefix).estimatedHours",
                    reason: "must be between \(EstimatedHoursRule.range.lowerBound) and \(EstimatedHoursRule.range.upperBound) hours, or left out"))
            }
            if package.includes.count > includesCount.upperBound {
                errors.append(ValidationError(
                    field: "\(prefix).includes",
                    reason: "must list at most \(includesCount.upperBound) items (has \(package.includes.count))"))
            }
            normal.includes = package.includes.enumerated().map { itemIndex, item in
                let value = trimmed(item)
                checkLength(value, field: "\(prefix).includes[\(itemIndex)]", range: includeLength, into: &errors)
                return value
            }
            result.append(normal)
        }
        return result
    }
}
