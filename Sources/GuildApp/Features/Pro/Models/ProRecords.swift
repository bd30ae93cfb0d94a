// A seller's Pro application (evidence, the admin's identity check and decision) and a removal under notice.
import Vapor
import Fluent
import GuildCore

final class ProApplicationRecord: Model, @unchecked Sendable {
    static let schema = "pro_applications"

    @ID(key: .id) var id: UUID?
    @Field(key: "seller_id") var sellerID: UUID
    @Field(key: "qualifications") var qualifications: String
    /// One link a line: portable across SQLite and PostgreSQL, and what the form shows.
    @Field(key: "portfolio_links") var portfolioLinksText: String
    /// `ProApplicationState`.
    @Field(key: "state") var state: String
    @Field(key: "applied_at") var appliedAt: Date
    @OptionalField(key: "identity_verified_at") var identityVerifiedAt: Date?
    @OptionalField(key: "identity_verified_by_id") var identityVerifiedByID: UUID?
    @OptionalField(key: "decided_by_id") var decidedByID: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "reason") var reason: String?

    init() {}
}

extension ProApplicationRecord {
    /// The fields, listed by hand (see `FieldListTests`).
    var properties: [any AnyProperty] { [_id, _sellerID, _qualifications, _portfolioLinksText, _state, _appliedAt, _identityVerifiedAt, _identityVerifiedByID, _decidedByID, _decidedAt, _reason] }

    var applicationState: ProApplicationState { ProApplicationState(rawValue: state) ?? .pending }
    var portfolioLinks: [String] { portfolioLinksText.split(separator: "\n").map(String.init) }
}

final class ProRemovalRecord: Model, @unchecked Sendable {
    static let schema = "pro_removals"

    @ID(key: .id) var id: UUID?
    @Field(key: "seller_id") var sellerID: UUID
    @Field(key: "reason") var reason: String
    @Field(key: "noticed_by_id") var noticedByID: UUID
    @Field(key: "noticed_at") var noticedAt: Date
    /// When the removal takes effect unless an admin cancels it: the notice's end.
    @Field(key: "effective_at") var effectiveAt: Date
    @OptionalField(key: "response") var response: String?
    @OptionalField(key: "responded_at") var respondedAt: Date?
    /// `ProRemovalState`.
    @Field(key: "state") var state: String
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_by_id") var closedByID: UUID?
    @OptionalField(key: "closing_reason") var closingReason: String?

    init() {}
}

extension ProRemovalRecord {
    var properties: [any AnyProperty] { [_id, _sellerID, _reason, _noticedByID, _noticedAt, _effectiveAt, _response, _respondedAt, _state, _closedAt, _closedByID, _closingReason] }

    var removalState: ProRemovalState { ProRemovalState(rawValue: state) ?? .notice }
}
