// The flags an arbiter decides (soonest deadline first) or a member raised, each with its review and outcome in words.
import Foundation
import GuildCore

extension FlagQueuePage {
    struct Row: Encodable {
        var id: String
        var reason: String
        var flaggedAt: Date
        var decideBy: Date
        var open: Bool
        var outcome: String
        var decisionReason: String?
        /// The flagged review (one, or none if it is gone), as a list for the shared card.
        var reviews: [ReviewCard]
        /// Whether the viewer sees the decision form (an arbiter, on an open flag), and the page it returns to.
        var decidable: Bool
        var back: String
    }

    struct Model: Encodable {
        var isArbiter: Bool
        var rows: [Row]
        var decisionDays = ReviewFlagRules.decisionDays

        /// `back` is where a decision returns to: this page, or the arbiter's desk (`disputes`).
        init(flags: [ReviewFlagRecord], reviews: [ReviewRecord], names: [UUID: String], viewer: User, back: String = FlagQueuePage.returnPages[0]) {
            isArbiter = viewer.has(.arbiter)
            let byID = Dictionary(uniqueKeysWithValues: reviews.compactMap { r in r.id.map { ($0, r) } })
            rows = flags.map { f in
                Row(id: f.id?.uuidString ?? "", reason: f.reason, flaggedAt: f.flaggedAt, decideBy: f.decideBy,
                    open: f.flagOutcome == .open, outcome: f.flagOutcome.spoken, decisionReason: f.decisionReason,
                    reviews: byID[f.reviewID].map { [ReviewCard(ReviewDTO($0, authorName: names[$0.authorID]), viewer: nil)] } ?? [],
                    decidable: viewer.has(.arbiter) && f.flagOutcome == .open, back: back)
            }
        }
    }
}
