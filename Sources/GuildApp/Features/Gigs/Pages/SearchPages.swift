// /search and /categories/{slug}: the same search as the API, as a plain GET form with result cards.
import Vapor
import Fluent
import GuildCore

struct SearchPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
        routes.get("categories", ":slug", use: category)
    }

    struct Option: Encodable { var value: String; var label: String; var selected: Bool }

    struct SearchView: Encodable {
        var q: String
        var maxPrice: String
        var pro: Bool
        var categories: [Option]
        var deliveries: [Option]
        var ratings: [Option]
        var sorts: [Option]
        var results: [CardView]
        var nextURL: String?
        var errors: [String]
        var searched: Bool
        var category: Category?
        var action: String
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
    }

    func search(req: Request) async throws -> Response {
        try await render(req, fixedCategory: nil)
    }

    func category(req: Request) async throws -> Response {
        guard let slug = req.parameters.get("slug"), let category = CategoryTaxonomy.category(slug: slug) else {
            throw APIError.notFound("That category")
        }
        return try await render(req, fixedCategory: category)
    }

    private func render(_ req: Request, fixedCategory: Category?) async throws -> Response {
        var raw: [String: String] = [:]
        for name in ["q", "category", "maxDeliveryDays", "minRating", "pro", "sort", "cursor"] {
            if let v = try? req.query.get(String.self, at: name) { raw[name] = v }
        }
        if let fixedCategory { raw["category"] = fixedCategory.slug }
        let maxPrice = (try? req.query.get(String.self, at: "maxPrice"))?.trimmingCharacters(in: .whitespaces) ?? ""
        var errors: [String] = []
        if !maxPrice.isEmpty {
            if let cents = MoneyFormat.parse(maxPrice), cents > 0 { raw["maxPriceCents"] = String(cents) } else {
                errors.append("Max price must be an amount like 50 or 49.99")
            }
        }
        raw["explain"] = "true"
        var results: [CardView] = []
        var nextURL: String?
        var status = HTTPResponseStatus.ok
        if errors.isEmpty {
            do {
                let request = try SearchRequest.parse(raw)
                let response = try await GigSearch.run(request, weights: req.application.rankingWeights, on: req.db)
                results = response.results.map(CardView.init)
                if let cursor = response.nextCursor {
                    var items = ["q", "maxDeliveryDays", "minRating", "pro", "sort"].map { ($0, raw[$0] ?? "") }
                    if fixedCategory == nil { items.append(("category", raw["category"] ?? "")) }
                    items.append(("maxPrice", maxPrice))
                    items.append(("cursor", cursor))
                    nextURL = req.url.path + "?" + GigText.query(items)
                }
            } catch let error as SearchRequestError {
                switch error {
                case .invalid(let e): errors += e.errors.map { "\(Self.labels[$0.field] ?? $0.field) \($0.reason)" }
                case .malformedCursor: errors.append("That “load more” link is out of date; start the search again.")
                }
            }
        }
        if !errors.isEmpty { status = .unprocessableEntity }
        let sort = raw["sort"] ?? ""
        let view = SearchView(
            q: raw["q"] ?? "", maxPrice: maxPrice, pro: raw["pro"] == "true",
            categories: [Option(value: "", label: "Any category", selected: (raw["category"] ?? "").isEmpty)]
                + CategoryTaxonomy.all.map { Option(value: $0.slug, label: $0.name, selected: raw["category"] == $0.slug) },
            deliveries: [("", "Any time"), ("1", "1 day"), ("3", "Up to 3 days"), ("7", "Up to a week"), ("14", "Up to 2 weeks"), ("30", "Up to 30 days")]
                .map { Option(value: $0.0, label: $0.1, selected: (raw["maxDeliveryDays"] ?? "") == $0.0) },
            ratings: [("", "Any rating"), ("3", "3 stars and up"), ("4", "4 stars and up"), ("4.5", "4.5 stars and up")]
                .map { Option(value: $0.0, label: $0.1, selected: (raw["minRating"] ?? "") == $0.0) },
            sorts: [("relevance", "Best match"), ("price", "Lowest price"), ("rating", "Best rated"), ("newest", "Newest")]
                .map { Option(value: $0.0, label: $0.1, selected: sort == $0.0 || (sort.isEmpty && $0.0 == "relevance")) },
            results: results, nextURL: nextURL, errors: errors,
            searched: !(raw["q"] ?? "").isEmpty || raw.count > 2, category: fixedCategory,
            action: fixedCategory.map { "/categories/\($0.slug)" } ?? "/search")
        let title = fixedCategory?.name ?? ((raw["q"] ?? "").isEmpty ? "Find work" : "Search: \(raw["q"] ?? "")")
        return try await req.render("gigs/search", title: title, view, status: status)
    }

    static let labels = ["maxPriceCents": "Max price", "maxDeliveryDays": "Delivery time", "minRating": "Rating",
                         "category": "Category", "sort": "Sort", "pro": "Pro", "limit": "Limit"]
}
