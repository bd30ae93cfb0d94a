// Reviews and flags as the API returns them.
import Vapor
import GuildCore

struct ReviewDTO: Content {
    var id: UUID
    var orderId: UUID
    /// Who wrote it: buyer or seller.
    var side: String
    var authorId: UUID
    var authorName: String?
    var subjectId: UUID
    var rating: Int
    var communication: Int?
    var quality: Int?
    var onTime: Int?
    var text: String
    var outsideSellerControl: Bool
    /// Whether it counts in the seller's rating (only the buyer's, revealed, not marked outside the seller's control, not removed).
    var countsInRating: Bool
    var submittedAt: Date
    var revealed: Bool
    var revealedAt: Date?
    var response: String?
    var respondedAt: Date?
    var removed: Bool
    var removalReason: String?

    init(_ r: ReviewRecord, authorName: String? = nil) {
        id = r.id!; orderId = r.orderID; side = r.side; authorId = r.authorID; self.authorName = authorName; subjectId = r.subjectID
        rating = r.rating; communication = r.communication; quality = r.quality; onTime = r.onTime; text = r.text
        outsideSellerControl = r.outsideSellerControl; countsInRating = r.counted; submittedAt = r.submittedAt
        revealed = r.isRevealed; revealedAt = r.revealedAt; response = r.response; respondedAt = r.respondedAt
        removed = r.removedAt != nil; removalReason = r.removalReason
    }
}

/// An order's reviews as one of its parties sees them: their own at once, the other's once revealed.
struct OrderReviewsDTO: Content {
    var reviews: [ReviewDTO]
    /// The other side has submitted a review that is still sealed.
    var otherSideSubmitted: Bool
    /// Whether the viewer may write their review now, and until when.
    var canReview: Bool
    var windowClosesAt: Date?
}

/// A member's revealed reviews, newest first, with the rating they add up to.
struct MemberReviewsDTO: Content {
    var ratingAverage: Double?
    var ratingCount: Int
    var reviews: [ReviewDTO]
}

struct FlagDTO: Content {
    var id: UUID
    var reviewId: UUID
    var reason: String
    var flaggedAt: Date
    var decideBy: Date
    var outcome: String
    var decisionReason: String?
    var decidedAt: Date?

    init(_ f: ReviewFlagRecord) {
        id = f.id!; reviewId = f.reviewID; reason = f.reason; flaggedAt = f.flaggedAt; decideBy = f.decideBy
        outcome = f.outcome; decisionReason = f.decisionReason; decidedAt = f.decidedAt
    }
}

struct ResponseRequest: Content { var text: String? }
struct FlagRequest: Content { var reason: String? }
struct FlagDecisionRequest: Content { var upheld: Bool?; var reason: String? }
