// A member's flag on a review that breaks the published rules, and the arbiter's decision with its reason.
import Vapor
import Fluent
import GuildCore

final class ReviewFlagRecord: Model, @unchecked Sendable {
    static let schema = "review_flags"

    @ID(key: .id) var id: UUID?
    @Field(key: "review_id") var reviewID: UUID
    @Field(key: "flagged_by_id") var flaggedByID: UUID
    @Field(key: "reason") var reason: String
    @Field(key: "flagged_at") var flaggedAt: Date
    @Field(key: "decide_by") var decideBy: Date
    /// open, upheld, rejected or lapsed (`ReviewFlagOutcome`).
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "decision_reason") var decisionReason: String?
    @OptionalField(key: "decided_by_id") var decidedByID: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    var flagOutcome: ReviewFlagOutcome { ReviewFlagOutcome(rawValue: outcome) ?? .open }
}

extension ReviewFlagRecord {
    /// The fields, listed by hand (see `FieldListTests`).
    var properties: [any AnyProperty] {
        [_id, _reviewID, _flaggedByID, _reason, _flaggedAt, _decideBy, _outcome, _decisionReason, _decidedByID, _decidedAt]
    }
}
