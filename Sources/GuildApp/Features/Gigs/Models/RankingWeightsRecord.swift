// The weights the stored static scores (`gigs.static_score`) were computed with: one row, read by the triggers that keep
// the scores in step, and made the live weights (RANKING_WEIGHTS) before the first search (`RankingSQL.ensureWeights`).
import Fluent

final class RankingWeightsRecord: Model, @unchecked Sendable {
    static let schema = "ranking_weights"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "rating") var rating: Double
    @Field(key: "on_time") var onTime: Double
    @Field(key: "responsiveness") var responsiveness: Double

    init() {}
}

extension RankingWeightsRecord {
    /// The fields, listed by hand (no reflection per query); `FieldListTests` checks the list.
    var properties: [any AnyProperty] { [_id, _rating, _onTime, _responsiveness] }
}
