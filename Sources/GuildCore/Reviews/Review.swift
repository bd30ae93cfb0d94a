// Reviews: who may write one, what it may hold, and the double-blind rule for when it is shown.
import Foundation

/// Which party of an order wrote a review.
public enum ReviewSide: String, Codable, CaseIterable, Sendable {
    case buyer, seller

    public var other: ReviewSide { self == .buyer ? .seller : .buyer }
}

/// Who is looking at a review.
public enum ReviewViewer: Sendable, Equatable {
    /// The side that wrote it: always sees their own review.
    case author
    /// The other party of the order.
    case counterpart
    /// Anyone else, signed in or not.
    case everyone
}

/// The time each side has to review after an order completes.
public struct ReviewWindow: Codable, Equatable, Sendable {
    public static let lengthDays = 10

    public let completedAt: Date

    public init(completedAt: Date) {
        self.completedAt = completedAt
    }

    public var closesAt: Date { completedAt.addingTimeInterval(Double(Self.lengthDays) * 86_400) }

    public func isOpen(now: Date) -> Bool { now >= completedAt && now < closesAt }
}

/// Double-blind reveal: neither side sees the other's review until both have submitted or the
/// window has closed, so no one can answer a review with a retaliatory one.
public enum ReviewReveal {
    /// When both reviews of an order become visible: the second submission if both sides reviewed in
    /// time, otherwise the close of the window.
    public static func revealsAt(window: ReviewWindow, buyerSubmittedAt: Date?, sellerSubmittedAt: Date?) -> Date {
        if let buyer = buyerSubmittedAt, let seller = sellerSubmittedAt {
            return min(max(buyer, seller), window.closesAt)
        }
        return window.closesAt
    }

    /// Whether a submitted review is shown to this viewer now.
    public static func isVisible(
        to viewer: ReviewViewer, window: ReviewWindow, buyerSubmittedAt: Date?, sellerSubmittedAt: Date?, now: Date
    ) -> Bool {
        if viewer == .author { return true }
        return now >= revealsAt(window: window, buyerSubmittedAt: buyerSubmittedAt, sellerSubmittedAt: sellerSubmittedAt)
    }

    /// The rule in plain words for `/policies/reviews`.
    public static let descriptions: [String] = [
        "When an order is completed (or its dispute ends with money paid to the seller), the buyer and the seller each have \(ReviewWindow.lengthDays) days to review the other, once.",
        "Reviews are double-blind: neither of you sees the other's review until you have both submitted yours, or the \(ReviewWindow.lengthDays) days are over. Nobody can change a review after seeing the other one.",
        "A review is a rating from \(ReviewRules.ratingRange.lowerBound) to \(ReviewRules.ratingRange.upperBound) stars, optional ratings for communication, quality and timing, and up to \(ReviewRules.textLength.upperBound) characters of text.",
        "The buyer may say that something went wrong outside the seller's control. Such a review is shown, but it does not count in the seller's rating.",
        "A seller's rating is the buyers' reviews that count, added up when they are revealed. Ranking and levels read that rating, and nothing else about reviews.",
        "The member reviewed may post one public response to each review.",
        "Orders cancelled by mutual agreement cannot be reviewed and never affect anyone's rating; nor can orders whose dispute refunded the buyer in full.",
    ] + ReviewFlagRules.descriptions
}

/// Where an order ended, as far as reviewing is concerned.
public enum ReviewableOutcome: String, Codable, Sendable {
    case completed
    /// An arbiter resolved a dispute: the work was done, so both sides may say how it went.
    case disputeResolved
    case cancelledMutually
    case cancelledOtherwise
    /// A dispute gave every cent back to the buyer: no work changed hands, so there is nothing to review.
    case refundedByDispute
    case notFinished

    /// Where an order ended, from its state, how it was cancelled and what its resolution paid the seller.
    public static func of(state: OrderState, cancellation: CancellationKind?, sellerPaidCents: Int64) -> ReviewableOutcome {
        switch state {
        case .completed: .completed
        case .resolved: sellerPaidCents > 0 ? .disputeResolved : .refundedByDispute
        case .cancelled: cancellation == .mutual ? .cancelledMutually : .cancelledOtherwise
        case .expired: .cancelledOtherwise
        case .awaitingPayment, .inProgress, .delivered, .disputed: .notFinished
        }
    }
}

/// What a reviewer submits (`POST /api/v1/orders/{id}/reviews`): overall stars, optional sub-ratings, text, and (the
/// buyer only) whether what went wrong was outside the seller's control.
public struct ReviewDraft: Codable, Equatable, Sendable {
    public var rating: Int
    public var text: String
    public var communication: Int?
    public var quality: Int?
    public var onTime: Int?
    /// Set by the buyer: something went wrong that the seller could not help. Such a review is shown, but it does not
    /// count in the seller's rating.
    public var outsideSellerControl: Bool

    public init(rating: Int, text: String = "", communication: Int? = nil, quality: Int? = nil, onTime: Int? = nil,
                outsideSellerControl: Bool = false) {
        self.rating = rating
        self.text = text
        self.communication = communication
        self.quality = quality
        self.onTime = onTime
        self.outsideSellerControl = outsideSellerControl
    }

    private enum CodingKeys: String, CodingKey { case rating, text, communication, quality, onTime, outsideSellerControl }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rating = try c.decode(Int.self, forKey: .rating)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        communication = try c.decodeIfPresent(Int.self, forKey: .communication)
        quality = try c.decodeIfPresent(Int.self, forKey: .quality)
        onTime = try c.decodeIfPresent(Int.self, forKey: .onTime)
        outsideSellerControl = try c.decodeIfPresent(Bool.self, forKey: .outsideSellerControl) ?? false
    }
}

/// Whether a review moves the reviewed member's rating. Only the buyer's review of the seller feeds the seller's
/// rating (and through it ranking and levels); a review marked outside the seller's control, or removed for breaking
/// the review rules, never does.
public enum ReviewCounting {
    public static func countsInSellerRating(side: ReviewSide, outsideSellerControl: Bool, removed: Bool) -> Bool {
        side == .buyer && !outsideSellerControl && !removed
    }
}

public enum ReviewRules {
    public static let ratingRange = 1...5
    public static let textLength = 0...2000

    /// Checks a review's content and returns it with the text trimmed. Only the buyer may say something went wrong
    /// outside the seller's control.
    public static func validate(_ draft: ReviewDraft, side: ReviewSide = .buyer) throws(ValidationErrors) -> ReviewDraft {
        var errors: [ValidationError] = []
        if !ratingRange.contains(draft.rating) {
            errors.append(ValidationError(field: "rating", reason: "must be a whole number from 1 to 5"))
        }
        for (field, value) in [("communication", draft.communication), ("quality", draft.quality), ("onTime", draft.onTime)] {
            if let value, !ratingRange.contains(value) {
                errors.append(ValidationError(field: field, reason: "must be a whole number from 1 to 5, or left out"))
            }
        }
        if draft.outsideSellerControl && side == .seller {
            errors.append(ValidationError(field: "outsideSellerControl", reason: "is for the buyer to say, about the seller's work"))
        }
        let text = draft.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > textLength.upperBound {
            errors.append(ValidationError(
                field: "text", reason: "must have at most \(textLength.upperBound) characters (has \(text.count))"))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        var clean = draft
        clean.text = text
        return clean
    }

    /// Whether a side may review this order now; a conflict with a stable code explains why not.
    /// `completedAt` is when the order reached its outcome (completion or resolution).
    public static func checkCanReview(
        outcome: ReviewableOutcome, completedAt: Date?, alreadySubmitted: Bool, now: Date
    ) throws(ConflictError) {
        switch outcome {
        case .cancelledMutually:
            throw ConflictError(
                code: "review_not_allowed_mutual_cancellation",
                message: "Orders cancelled by mutual agreement cannot be reviewed; they never count for or against anyone.")
        case .cancelledOtherwise:
            throw ConflictError(code: "review_not_allowed_cancelled", message: "Cancelled orders cannot be reviewed.")
        case .refundedByDispute:
            throw ConflictError(code: "review_not_allowed_refunded",
                                message: "This order's dispute returned all the money to the buyer, so it cannot be reviewed.")
        case .notFinished:
            throw ConflictError(code: "review_order_not_finished", message: "An order can be reviewed once it is completed.")
        case .completed, .disputeResolved:
            break
        }
        guard let completedAt else {
            throw ConflictError(code: "review_order_not_finished", message: "An order can be reviewed once it is completed.")
        }
        if alreadySubmitted {
            throw ConflictError(code: "review_already_submitted", message: "You have already reviewed this order.")
        }
        if !ReviewWindow(completedAt: completedAt).isOpen(now: now) {
            throw ConflictError(
                code: "review_window_closed",
                message: "Reviews can be written within \(ReviewWindow.lengthDays) days of completion.")
        }
    }
}

/// A reviewed member's one public answer to a review.
public enum ReviewResponseRules {
    public static let textLength = 1...1_000

    public static func validate(_ raw: String?) throws(ValidationError) -> String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard textLength.contains(text.count) else {
            throw ValidationError(field: "text", reason: "must be 1 to \(textLength.upperBound) characters")
        }
        return text
    }

    /// Only the member the review is about answers it, once, after it is revealed.
    public static func checkCanRespond(isSubject: Bool, revealed: Bool, alreadyResponded: Bool) throws(ConflictError) {
        guard isSubject else {
            throw ConflictError(code: "review_response_not_yours", message: "Only the member a review is about can respond to it.")
        }
        guard revealed else {
            throw ConflictError(code: "review_not_revealed", message: "A review can be answered once it is revealed.")
        }
        if alreadyResponded {
            throw ConflictError(code: "review_response_exists", message: "You have already responded to this review; a response is posted once.")
        }
    }
}

/// Flagging a review that breaks the published review rules, and the arbiter's decision within a deadline.
public enum ReviewFlagRules {
    public static let reasonLength = 10...1_000
    public static let decisionDays = 7

    /// What a review may not contain: the grounds for a flag.
    public static let grounds: [String] = [
        "It is about something other than this order: another order, another person, or the platform itself.",
        "It shares personal details: an address, a phone number, an email address, a full name that was not offered.",
        "It insults, threatens or harasses, or uses slurs.",
        "It was written to pressure the other side, for example a bad review threatened unless a refund was given.",
        "It advertises, or links to something unrelated.",
    ]

    public static var descriptions: [String] {
        ["Any member may flag a revealed review that breaks these rules, saying why:"] + grounds.map { "– " + $0 } + [
            "An arbiter who took no part in the order decides within \(decisionDays) days, upholding the flag (the review is removed and no longer counts) or rejecting it (the review stays), and gives a reason. The author, the member reviewed and the member who flagged it all see the decision and its reason.",
            "If no arbiter decides in time, the review stays: a review is never removed without a decision.",
        ]
    }

    public static func validateReason(_ raw: String?) throws(ValidationError) -> String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reasonLength.contains(text.count) else {
            throw ValidationError(field: "reason", reason: "must say which rule the review breaks, in \(reasonLength.lowerBound) to \(reasonLength.upperBound) characters")
        }
        return text
    }

    public static func decideBy(flaggedAt: Date) -> Date { flaggedAt.addingTimeInterval(Double(decisionDays) * 86_400) }

    /// A flag is for a review others can read, by someone other than its author, once per member.
    public static func checkCanFlag(isAuthor: Bool, revealed: Bool, removed: Bool, alreadyFlagged: Bool) throws(ConflictError) {
        if isAuthor { throw ConflictError(code: "flag_own_review", message: "You cannot flag your own review.") }
        if !revealed { throw ConflictError(code: "review_not_revealed", message: "Only a revealed review can be flagged.") }
        if removed { throw ConflictError(code: "review_removed", message: "This review has already been removed.") }
        if alreadyFlagged { throw ConflictError(code: "flag_exists", message: "You have already flagged this review; an arbiter will decide.") }
    }

}

/// How a flag ended.
public enum ReviewFlagOutcome: String, Codable, Sendable, CaseIterable {
    case open
    /// The review broke the rules: it is removed and no longer counts.
    case upheld
    /// The review stays.
    case rejected
    /// No arbiter decided within the deadline: the review stays.
    case lapsed

    public var spoken: String {
        switch self {
        case .open: "waiting for an arbiter"
        case .upheld: "upheld: the review was removed"
        case .rejected: "rejected: the review stays"
        case .lapsed: "not decided in time: the review stays"
        }
    }
}
