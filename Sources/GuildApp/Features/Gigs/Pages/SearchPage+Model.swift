// What the search page shows: the form as the visitor left it, result cards with their explained scores, the next page.
import Foundation
import GuildCore

extension SearchPage {
    struct Option: Encodable { var value: String; var label: String; var selected: Bool }

    struct Model: Encodable {
        var q: String
        var maxPrice: String
        var pro: Bool
        var categories: [Option]
        var deliveries: [Option]
        var ratings: [Option]
        var sorts: [Option]
        var results: [Card]
        var nextURL: String?
        var errors: [String]
        var searched: Bool
        var category: Category?
        var action: String

        init(q: String, maxPrice: String, raw: [String: String], results: [Card], nextURL: String?, errors: [String], fixedCategory: Category?) {
            let sort = raw["sort"] ?? ""
            self.q = q
            self.maxPrice = maxPrice
            pro = raw["pro"] == "true"
            categories = [Option(value: "", label: "Any category", selected: (raw["category"] ?? "").isEmpty)]
                + CategoryTaxonomy.all.map { Option(value: $0.slug, label: $0.name, selected: raw["category"] == $0.slug) }
            deliveries = [("", "Any time"), ("1", "1 day"), ("3", "Up to 3 days"), ("7", "Up to a week"), ("14", "Up to 2 weeks"), ("30", "Up to 30 days")]
                .map { Option(value: $0.0, label: $0.1, selected: (raw["maxDeliveryDays"] ?? "") == $0.0) }
            ratings = [("", "Any rating"), ("3", "3 stars and up"), ("4", "4 stars and up"), ("4.5", "4.5 stars and up")]
                .map { Option(value: $0.0, label: $0.1, selected: (raw["minRating"] ?? "") == $0.0) }
            sorts = [("relevance", "Best match"), ("price", "Lowest price"), ("rating", "Best rated"), ("newest", "Newest")]
                .map { Option(value: $0.0, label: $0.1, selected: sort == $0.0 || (sort.isEmpty && $0.0 == "relevance")) }
            self.results = results
            self.nextURL = nextURL
            self.errors = errors
            searched = !q.isEmpty || raw.count > 2
            category = fixedCategory
            action = fixedCategory.map { "/categories/\($0.slug)" } ?? "/search"
        }

        struct Factor: Encodable {
            var label: String
            var value: String
            var weight: String
            var contribution: String
        }

        /// One result, formatted once so the template only places it.
        struct Card: Encodable {
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
            var factors: [Factor]

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
                    Factor(label: $0.label, value: GigText.decimal($0.value, places: 2), weight: GigText.decimal($0.weight, places: 2),
                               contribution: GigText.decimal($0.contribution, places: 3))
                }
            }
        }

        var hasErrors: Bool { !errors.isEmpty }
        var noResults: Bool { results.isEmpty && errors.isEmpty }

        private enum CodingKeys: String, CodingKey {
            case q, maxPrice, pro, categories, deliveries, ratings, sorts, results, nextURL, errors, searched, category, action, hasErrors, noResults
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(q, forKey: .q); try c.encode(maxPrice, forKey: .maxPrice); try c.encode(pro, forKey: .pro)
            try c.encode(categories, forKey: .categories); try c.encode(deliveries, forKey: .deliveries)
            try c.encode(ratings, forKey: .ratings); try c.encode(sorts, forKey: .sorts); try c.encode(results, forKey: .results)
            try c.encodeIfPresent(nextURL, forKey: .nextURL); try c.encode(errors, forKey: .errors); try c.encode(searched, forKey: .searched)
            try c.encodeIfPresent(category, forKey: .category); try c.encode(action, forKey: .action)
            try c.encode(hasErrors, forKey: .hasErrors); try c.encode(noResults, forKey: .noResults)
        }

        /// The API's parameter names as the form's labels, for the problems the search reports.
        static let labels = ["maxPriceCents": "Max price", "maxDeliveryDays": "Delivery time", "minRating": "Rating",
                             "category": "Category", "sort": "Sort", "pro": "Pro", "limit": "Limit"]
    }
}
