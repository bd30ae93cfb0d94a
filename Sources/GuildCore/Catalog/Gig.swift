// What a seller submits to create or change a gig, and the gig's publication status.

/// One priced option of a gig (for example "Basic", "Standard", "Premium").
public struct PackageDraft: Codable, Equatable, Sendable {
    public var name: String
    public var priceCents: Int64
    public var deliveryDays: Int
    public var revisions: Int
    /// What the package contains, one short line each; optional in JSON.
    public var includes: [String]
    /// How many hours of work the seller expects the package to take; optional. With it, the seller's earnings
    /// and the quote show the hourly rate net of fees (`HourlyRate`).
    public var estimatedHours: Int?

    public init(name: String, priceCents: Int64, deliveryDays: Int, revisions: Int, includes: [String] = [], estimatedHours: Int? = nil) {
        self.name = name
        self.priceCents = priceCents
        self.deliveryDays = deliveryDays
        self.revisions = revisions
        self.includes = includes
        self.estimatedHours = estimatedHours
    }

    private enum CodingKeys: String, CodingKey { case name, priceCents, deliveryDays, revisions, includes, estimatedHours }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        priceCents = try c.decode(Int64.self, forKey: .priceCents)
        deliveryDays = try c.decode(Int.self, forKey: .deliveryDays)
        revisions = try c.decode(Int.self, forKey: .revisions)
        // The public contract lets clients leave `includes` out.
        includes = try c.decodeIfPresent([String].self, forKey: .includes) ?? []
        estimatedHours = try c.decodeIfPresent(Int.self, forKey: .estimatedHours)
    }
}

/// A whole gig as the seller describes it (`POST /api/v1/gigs`).
public struct GigDraft: Codable, Equatable, Sendable {
    public var title: String
    public var description: String
    /// A `Category.slug` from `CategoryTaxonomy`.
    public var category: String
    /// A `Subcategory.slug` inside `category`, when the seller picked one.
    public var subcategory: String?
    public var tags: [String]
    public var packages: [PackageDraft]

    public init(
        title: String, description: String, category: String, subcategory: String? = nil,
        tags: [String] = [], packages: [PackageDraft]
    ) {
        self.title = title
        self.description = description
        self.category = category
        self.subcategory = subcategory
        self.tags = tags
        self.packages = packages
    }

    private enum CodingKeys: String, CodingKey { case title, description, category, subcategory, tags, packages }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        description = try c.decode(String.self, forKey: .description)
        category = try c.decode(String.self, forKey: .category)
        subcategory = try c.decodeIfPresent(String.self, forKey: .subcategory)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        packages = try c.decode([PackageDraft].self, forKey: .packages)
    }
}

/// A partial change to a gig (`PATCH /api/v1/gigs/{id}`): `nil` leaves a field as it is.
///
/// `subcategory` has three states: absent (keep), `null` (clear), or a slug (set).
public struct GigPatch: Codable, Equatable, Sendable {
    public var title: String?
    public var description: String?
    public var category: String?
    public var subcategory: String??
    public var tags: [String]?
    public var packages: [PackageDraft]?

    public init(
        title: String? = nil, description: String? = nil, category: String? = nil,
        subcategory: String?? = nil, tags: [String]? = nil, packages: [PackageDraft]? = nil
    ) {
        self.title = title
        self.description = description
        self.category = category
        self.subcategory = subcategory
        self.tags = tags
        self.packages = packages
    }

    private enum CodingKeys: String, CodingKey { case title, description, category, subcategory, tags, packages }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        category = try c.decodeIfPresent(String.self, forKey: .category)
        // Synthesised decoding would fold an explicit `null` into "absent"; keep them apart.
        if c.contains(.subcategory) {
            subcategory = .some(try c.decodeNil(forKey: .subcategory) ? nil : try c.decode(String.self, forKey: .subcategory))
        } else {
            subcategory = nil
        }
        tags = try c.decodeIfPresent([String].self, forKey: .tags)
        packages = try c.decodeIfPresent([PackageDraft].self, forKey: .packages)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(category, forKey: .category)
        if let subcategory {
            if let slug = subcategory { try c.encode(slug, forKey: .subcategory) } else { try c.encodeNil(forKey: .subcategory) }
        }
        try c.encodeIfPresent(tags, forKey: .tags)
        try c.encodeIfPresent(packages, forKey: .packages)
    }

    /// True when the patch names no field at all.
    public var isEmpty: Bool {
        title == nil && description == nil && category == nil && subcategory == nil && tags == nil && packages == nil
    }

    /// The draft with this patch laid over it (not yet validated).
    public func applied(to draft: GigDraft) -> GigDraft {
        var result = draft
        if let title { result.title = title }
        if let description { result.description = description }
        if let category { result.category = category }
        if let subcategory { result.subcategory = subcategory }
        if let tags { result.tags = tags }
        if let packages { result.packages = packages }
        return result
    }
}

/// Whether buyers can find and order a gig. Deletion is the app's business (a soft delete), not a status here.
public enum GigStatus: String, Codable, CaseIterable, Sendable {
    case draft, published, paused

    /// One legal move between statuses, with the verb the seller uses for it.
    public struct Move: Codable, Equatable, Sendable {
        public let from: GigStatus
        public let to: GigStatus
        public let action: String
    }

    /// Every legal move. A published gig never goes back to draft: buyers may already have ordered it.
    public static let moves: [Move] = [
        Move(from: .draft, to: .published, action: "publish"),
        Move(from: .published, to: .paused, action: "pause"),
        Move(from: .paused, to: .published, action: "resume"),
    ]

    /// Only published gigs appear in search and can be ordered.
    public var isListed: Bool { self == .published }

    public func canMove(to next: GigStatus) -> Bool {
        Self.moves.contains { $0.from == self && $0.to == next }
    }

    /// The status after a move, or a conflict naming both ends when the move is not allowed.
    public func moved(to next: GigStatus) throws(ConflictError) -> GigStatus {
        guard canMove(to: next) else {
            throw ConflictError(
                code: "gig_status_move_not_allowed",
                message: "A gig cannot go from \(rawValue) to \(next.rawValue).")
        }
        return next
    }
}
