// What the gig and search templates read: values formatted once here, so templates only place them.
import Foundation
import GuildCore

struct FactorView: Encodable {
    var label: String
    var value: String
    var weight: String
    var contribution: String
}

struct CardView: Encodable {
    var id: String
    var title: String
    var sellerId: String
    var sellerName: String
    var level: String
    var rating: String
    var price: String
    var delivery: String
    var isPro: Bool
    var score: String
    var factors: [FactorView]

    init(_ item: SearchResultItem) {
        let gig = item.gig
        id = gig.id.uuidString
        title = gig.title
        sellerId = gig.sellerId.uuidString
        sellerName = gig.sellerName
        level = gig.sellerLevelLabel
        rating = GigText.rating(average: gig.rating, count: gig.ratingCount)
        price = "From " + MoneyFormat.format(cents: gig.startingPriceCents)
        delivery = GigText.delivery(days: gig.fastestDeliveryDays)
        isPro = gig.isPro
        score = GigText.decimal(item.score, places: 3)
        factors = (item.explain ?? []).map {
            FactorView(label: $0.label, value: GigText.decimal($0.value, places: 2), weight: GigText.decimal($0.weight, places: 2),
                       contribution: GigText.decimal($0.contribution, places: 3))
        }
    }
}

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
