// How the gig pages say prices, delivery times, ratings and categories, and how they build links.
import Foundation
import GuildCore

enum GigText {
    static func decimal(_ value: Double, places: Int) -> String { String(format: "%.\(places)f", value) }

    static func rating(average: Double?, count: Int) -> String {
        guard let average, count > 0 else { return "No reviews yet" }
        return "★ \(decimal(average, places: 1)) (\(count) review\(count == 1 ? "" : "s"))"
    }

    static func delivery(days: Int) -> String { days == 1 ? "Delivery in 1 day" : "Delivery in \(days) days" }

    static func categoryName(_ slug: String) -> String { CategoryTaxonomy.category(slug: slug)?.name ?? slug }

    static func subcategoryName(_ slug: String?, in category: String) -> String? {
        slug.flatMap { CategoryTaxonomy.subcategory(slug: $0, inCategory: category)?.name }
    }

    /// A query string for links, each value percent-encoded.
    static func query(_ items: [(String, String)]) -> String {
        var c = URLComponents()
        c.queryItems = items.filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
        // `+` is a space in form encoding; keep it literal.
        return (c.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }
}
