// /search and /categories/{slug}: the same search as the API, as a plain GET form with result cards.
import Vapor
import Fluent
import GuildCore

struct SearchPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
        routes.get("categories", ":slug", use: category)
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
        var results: [Model.Card] = []
        var nextURL: String?
        var status = HTTPResponseStatus.ok
        if errors.isEmpty {
            do {
                let request = try SearchRequest.parse(raw)
                let response = try await GigSearch.run(request, for: req)
                results = response.results.map(Model.Card.init)
                if let cursor = response.nextCursor {
                    var items = ["q", "maxDeliveryDays", "minRating", "pro", "sort"].map { ($0, raw[$0] ?? "") }
                    if fixedCategory == nil { items.append(("category", raw["category"] ?? "")) }
                    items.append(("maxPrice", maxPrice))
                    items.append(("cursor", cursor))
                    nextURL = req.url.path + "?" + GigText.query(items)
                }
            } catch let error as SearchRequestError {
                switch error {
                case .invalid(let e): errors += e.errors.map { "\(Model.labels[$0.field] ?? $0.field) \($0.reason)" }
                case .malformedCursor: errors.append("That “load more” link is out of date; start the search again.")
                }
            }
        }
        if !errors.isEmpty { status = .unprocessableEntity }
        let view = Model(q: raw["q"] ?? "", maxPrice: maxPrice, raw: raw, results: results, nextURL: nextURL, errors: errors,
                         fixedCategory: fixedCategory)
        let title = fixedCategory?.name ?? ((raw["q"] ?? "").isEmpty ? "Find work" : "Search: \(raw["q"] ?? "")")
        return try await req.render("gigs/search", title: title, view, status: status)
    }
}
