// Builders for gig tests: request bodies and gigs made straight through the catalogue.
import Foundation
import Vapor
import Fluent
import GuildCore
@testable import GuildApp

struct NewGigBody: Encodable, Sendable {
    var title: String
    var description = "A careful piece of work with clear steps, honest dates and friendly updates."
    var category = "design"
    var tags: [String] = ["logo"]
    var packages: [PackageDraft] = [PackageDraft(name: "Basic", priceCents: 5_000, deliveryDays: 3, revisions: 1)]
    var status: String? = nil
}

extension Application {
    /// Creates a gig through the catalogue (the API's own code path, minus HTTP) for bulk setups.
    func gig(seller: UUID, title: String, category: String = "design", priceCents: Int64 = 5_000, days: Int = 3,
             tags: [String] = ["logo"], status: GigStatus = .published) async throws -> Gig {
        let draft = GigDraft(title: title, description: "A careful piece of work with clear steps, honest dates and friendly updates.",
                             category: category, tags: tags,
                             packages: [PackageDraft(name: "Basic", priceCents: priceCents, deliveryDays: days, revisions: 1)])
        return try await GigCatalog.create(sellerID: seller, draft: draft, status: status, on: db)
    }

    /// Gives a seller a track record.
    func stats(_ seller: UUID, ratingSum: Int, ratingCount: Int, pro: Bool = false, onTime: Int = 0, delivered: Int = 0) async throws {
        let r = try await SellerStatsRecord.forSeller(seller, on: db)
        r.ratingSum = ratingSum; r.ratingCount = ratingCount; r.isPro = pro
        r.onTimeDelivered = onTime; r.deliveredTotal = delivered
        try await r.save(on: db)
    }

    func search(_ query: String, headers: HTTPHeaders = [:]) async throws -> (TestingHTTPResponseStatus, SearchResponse?) {
        let res = try await send(.GET, "/api/v1/search?" + query, headers: headers)
        return (res.status, res.status == .ok ? try res.decode(SearchResponse.self) : nil)
    }
}

typealias TestingHTTPResponseStatus = HTTPResponseStatus

func encoded(_ s: String) -> String {
    // Only ASCII letters and digits stay as they are; everything else is percent-encoded.
    s.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")) ?? s
}
