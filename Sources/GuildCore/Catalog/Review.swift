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
        "When an order is completed, the buyer and the seller each have \(ReviewWindow.lengthDays) days to review the other.",
        "Reviews are double-blind: neither of you sees the other's review until you have both submitted yours, or the \(ReviewWindow.lengthDays) days are over. Nobody can change a review after seeing the other one.",
        "A review is a rating from \(ReviewRules.ratingRange.lowerBound) to \(ReviewRules.ratingRange.upperBound) stars and up to \(ReviewRules.textLength.upperBound) characters of text.",
        "Orders cancelled by mutual agreement cannot be reviewed and never affect anyone's rating.",
    ]
}

/// Where an order ended, as far as reviewing is concerned.
public enum ReviewableOutcome: String, Codable, Sendable {
    case completed
    /// An arbiter resolved a dispute: the work was done, so both sides may say how it went.
    case disputeResolved
    case cancelledMutually
    case cancelledOtherwise
    case notFinished
}

/// What a reviewer submits (`POST /api/v1/orders/{id}/reviews`).
public struct ReviewDraft: Codable, Equatable, Sendable {
    public var rating: Int
    public var text: String

    public init(rating: Int, text: String = "") {
        self.rating = rating
        self.text = text
    }

    private enum CodingKeys: String, CodingKey { case rating, text }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rating = try c.decode(Int.self, forKey: .rating)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
    }
}

public enum ReviewRules {
    public static let ratingRange = 1...5
    public static let textLength = 0...2000

    /// Checks a review's content and returns it with the text trimmed.
    public static func validate(_ draft: ReviewDraft) throws(ValidationErrors) -> ReviewDraft {
        var errors: [ValidationError] = []
        if !ratingRange.contains(draft.rating) {
            errors.append(ValidationError(field: "rating", reason: "must be a whole number from 1 to 5"))
        }
        let text = draft.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > textLength.upperBound {
            errors.append(ValidationError(
                field: "text", reason: "must have at most \(textLength.upperBound) characters (has \(text.count))"))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return ReviewDraft(rating: draft.rating, text: text)
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
