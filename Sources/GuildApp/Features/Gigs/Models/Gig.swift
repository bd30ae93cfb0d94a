// A seller's gig: what they offer, in one to three packages. Shared by search (reads) and orders (snapshots a package).
import Vapor
import Fluent
import PostgresNIO
import SQLKit
import GuildCore

final class Gig: Model, @unchecked Sendable {
    static let schema = "gigs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "seller_id") var seller: User
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "category") var category: String
    @OptionalField(key: "subcategory") var subcategory: String?
    @Field(key: "tags") var tags: [String]
    /// The packages as the seller wrote them (validated by `GigRules`), stored as one JSON array.
    @Field(key: "packages") var packageList: PackageList
    var packages: [PackageDraft] {
        get { packageList.items }
        set { packageList = PackageList(newValue) }
    }
    /// `GigStatus` raw value: draft, published or paused. Only published gigs are listed and found.
    @Field(key: "status") var status: String
    /// Denormalised from `packages` so that search can filter and sort on them with an index.
    @Field(key: "starting_price_cents") var startingPriceCents: Int64
    @Field(key: "fastest_delivery_days") var fastestDeliveryDays: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Set when the seller deletes the gig (a soft delete: orders may still point at it). Fluent leaves
    /// deleted gigs out of queries unless asked with `withDeleted()`; the column comes from `AddDeletedAtToGigs`.
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?

    init() {}

    init(id: UUID? = nil, sellerID: UUID, draft: GigDraft, status: GigStatus) {
        self.id = id
        self.$seller.id = sellerID
        self.status = status.rawValue
        apply(draft)
    }

    /// Takes a validated draft's values, keeping the denormalised columns in step.
    func apply(_ draft: GigDraft) {
        title = draft.title
        description = draft.description
        category = draft.category
        subcategory = draft.subcategory
        tags = draft.tags
        packages = draft.packages
        startingPriceCents = draft.packages.map(\.priceCents).min() ?? 0
        fastestDeliveryDays = draft.packages.map(\.deliveryDays).min() ?? 0
    }

    var draft: GigDraft {
        GigDraft(title: title, description: description, category: category, subcategory: subcategory, tags: tags, packages: packages)
    }

    var gigStatus: GigStatus { GigStatus(rawValue: status) ?? .draft }
}

extension Gig {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _seller, _title, _description, _category, _subcategory, _tags, _packageList, _status, _startingPriceCents, _fastestDeliveryDays, _createdAt, _updatedAt, _deletedAt] }
}

/// A gig's packages as one JSON value. A bare `[PackageDraft]` field would be bound as `jsonb[]` on
/// PostgreSQL, which the `jsonb` column refuses; this wrapper is bound as a single `jsonb` (and as JSON text
/// on SQLite), and reads and writes the plain array `[{name, priceCents, …}, …]`.
struct PackageList: Codable, Equatable, Sendable, PostgresEncodable, PostgresDecodable {
    var items: [PackageDraft]

    init(_ items: [PackageDraft]) { self.items = items }

    init(from decoder: any Decoder) throws {
        items = try decoder.singleValueContainer().decode([PackageDraft].self)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(items)
    }
}

extension Gig {
    /// One gig that is not deleted, in one plain statement (orders read the gig they snapshot on every placement).
    static func load(_ id: UUID, on db: any Database) async throws -> Gig? {
        try await db.sql.raw("SELECT * FROM gigs WHERE id = \(bind: id) AND deleted_at IS NULL").first(decodingFluent: Gig.self)
    }
}
