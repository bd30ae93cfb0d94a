// The flag form: the review in question, the published grounds, and the reason as typed.
import Foundation
import GuildCore

extension ReviewFlagPage {
    struct Model: Encodable {
        /// The review in question (one), as a list so the template can place it with the shared card.
        var reviews: [ReviewCard]
        var reviewId: String
        var subjectId: String
        var reason: String
        var problem: String?
        var grounds = ReviewFlagRules.grounds
        var decisionDays = ReviewFlagRules.decisionDays
        var reasonMaximum = ReviewFlagRules.reasonLength.upperBound
    }
}
