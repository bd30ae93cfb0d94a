// One side's review of an order: stars, optional sub-ratings, text, when it was revealed, whether it counted in the
// seller's rating, the reviewed member's response, and whether an arbiter removed it.
import Vapor
import Fluent
import GuildCore

final class ReviewRecord: Model, @unchecked Sendable {
    static let schema = "order_reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    @Field(key: "author_id") var authorID: UUID
    /// The member the review is about: the other party of the order.
    @Field(key: "subject_id") var subjectID: UUID
    /// Which party wrote it: buyer or seller.
    @Field(key: "side") var side: String
    @Field(key: "rating") var rating: Int
    @OptionalField(key: "communication") var communication: Int?
    @OptionalField(key: "quality") var quality: Int?
    @OptionalField(key: "on_time") var onTime: Int?
    @Field(key: "text") var text: String
    @Field(key: "outside_seller_control") var outsideSellerControl: Bool
    @Field(key: "submitted_at") var submittedAt: Date
    /// When the published window closes: the review is revealed then at the latest.
    @Field(key: "window_closes_at") var windowClosesAt: Date
    @OptionalField(key: "revealed_at") var revealedAt: Date?
    /// Whether its stars were added to the seller's rating when it was revealed (so a removal takes back exactly that).
    @Field(key: "counted") var counted: Bool
    @OptionalField(key: "response") var response: String?
    @OptionalField(key: "responded_at") var respondedAt: Date?
    @OptionalField(key: "removed_at") var removedAt: Date?
    @OptionalField(key: "removal_reason") var removalReason: String?

    init() {}

    var reviewSide: ReviewSide { ReviewSide(rawValue: side) ?? .buyer }
    var isRevealed: Bool { revealedAt != nil }
}

extension ReviewRecord {
    /// The fields, listed by hand (see `FieldListTests`).
    var properties: [any AnyProperty] {
        [_id, _orderID, _authorID, _subjectID, _side, _rating, _communication, _quality, _onTime, _text, _outsideSellerControl,
         _submittedAt, _windowClosesAt, _revealedAt, _counted, _response, _respondedAt, _removedAt, _removalReason]
    }
}
