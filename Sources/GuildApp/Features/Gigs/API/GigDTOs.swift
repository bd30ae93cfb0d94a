// The gig API's request and response bodies.
import Vapor
import GuildCore

/// `POST /api/v1/gigs`: the draft's fields plus an optional starting `status` (default published).
struct CreateGigRequest: Decodable {
    var draft: GigDraft
    var status: GigStatus?

    private enum CodingKeys: String, CodingKey { case status }
    init(from decoder: any Decoder) throws {
        draft = try GigDraft(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try GigStatusField.decode(c, .status)
    }
}

/// `PATCH /api/v1/gigs/{id}`: any of the draft's fields, and/or a `status` move (publish, pause, resume).
struct UpdateGigRequest: Decodable {
    var patch: GigPatch
    var status: GigStatus?

    private enum CodingKeys: String, CodingKey { case status }
    init(from decoder: any Decoder) throws {
        patch = try GigPatch(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try GigStatusField.decode(c, .status)
    }
}

enum GigStatusField {
    /// An unknown status is a 422 on `status` listing the allowed values.
    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> GigStatus? {
        guard let raw = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let status = GigStatus(rawValue: raw) else {
            throw ValidationErrors([ValidationError(field: "status", reason: "must be one of \(GigStatus.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        return status
    }
}

struct GigResponse: Content {
    var id: UUID
    var sellerId: UUID
    var title: String
    var description: String
    var category: String
    var subcategory: String?
    var tags: [String]
    var packages: [PackageDraft]
    var status: String
    var startingPriceCents: Int64
    var fastestDeliveryDays: Int
    var createdAt: Date?
    var updatedAt: Date?

    init(_ gig: Gig) throws {
        id = try gig.requireID()
        sellerId = gig.$seller.id
        title = gig.title
        description = gig.description
        category = gig.category
        subcategory = gig.subcategory
        tags = gig.tags
        packages = gig.packages
        status = gig.status
        startingPriceCents = gig.startingPriceCents
        fastestDeliveryDays = gig.fastestDeliveryDays
        createdAt = gig.createdAt
        updatedAt = gig.updatedAt
    }
}
