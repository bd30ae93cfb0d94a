// What the order's review page shows: the form (with the buyer's "outside the seller's control" question), the
// reviews the viewer may read, and whether the other side's is still sealed.
import Foundation
import GuildCore

extension ReviewPage {
    struct Model: Encodable {
        /// The review form as typed, and each problem on its field.
        struct Form: Encodable {
            var rating = ""
            var communication = ""
            var quality = ""
            var onTime = ""
            var text = ""
            var outsideSellerControl = false
            @EmptyAsNull var errors: [String: String] = [:]
        }

        struct Choice: Encodable { var value: String; var label: String }

        var orderId: String
        var orderTitle: String
        var role: String
        var isBuyer: Bool
        var canReview: Bool
        var windowClosesAt: Date?
        var otherSideSubmitted: Bool
        var reviews: [ReviewCard]
        var form: Form
        var stars: [Choice]
        var textMaximum = ReviewRules.textLength.upperBound
        var responseMaximum = ReviewResponseRules.textLength.upperBound
        var windowDays = ReviewWindow.lengthDays

        init(order: OrderRecord, side: OrderActor?, reviews: OrderReviewsDTO, viewer: UUID?, form: Form) {
            orderId = order.id?.uuidString ?? ""
            orderTitle = order.title
            role = side?.spoken ?? "an arbiter"
            isBuyer = side == .buyer
            canReview = reviews.canReview
            windowClosesAt = reviews.windowClosesAt
            otherSideSubmitted = reviews.otherSideSubmitted
            self.reviews = reviews.reviews.map { ReviewCard($0, viewer: viewer) }
            self.form = form
            stars = (1...5).reversed().map { Choice(value: "\($0)", label: String(repeating: "★", count: $0) + " \($0) of 5") }
        }
    }
}
