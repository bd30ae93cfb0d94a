// A seller's track record, kept up to date by orders and reviews and read by ranking, levels and search filters.
import Vapor
import Fluent
import GuildCore

final class SellerStatsRecord: Model, @unchecked Sendable {
    static let schema = "seller_stats"

    /// The seller's user id.
    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @Field(key: "completed_orders") var completedOrders: Int
    @Field(key: "earned_cents") var earnedCents: Int64
    @Field(key: "rating_sum") var ratingSum: Int
    @Field(key: "rating_count") var ratingCount: Int
    @Field(key: "on_time_delivered") var onTimeDelivered: Int
    @Field(key: "delivered_total") var deliveredTotal: Int
    /// One-sided cancellations by the seller of paid work: these count against them.
    @Field(key: "seller_cancellations") var sellerCancellations: Int
    /// Cancellations both sides agreed to: recorded, never counted against the seller.
    @Field(key: "mutual_cancellations") var mutualCancellations: Int
    @OptionalField(key: "median_response_hours") var medianResponseHours: Double?
    /// Bayesian-average rating (GuildCore's formula), stored so that search can filter on it with an index.
    @Field(key: "rating_score") var ratingScore: Double
    @Field(key: "is_pro") var isPro: Bool
    @Field(key: "level") var level: String
    @OptionalField(key: "level_at_risk_since") var levelAtRiskSince: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(userID: UUID) {
        id = userID
        completedOrders = 0; earnedCents = 0; ratingSum = 0; ratingCount = 0
        onTimeDelivered = 0; deliveredTotal = 0; sellerCancellations = 0; mutualCancellations = 0
        medianResponseHours = nil; ratingScore = 0; isPro = false; level = SellerLevel.new.rawValue
    }

    /// The row for this seller, created empty on first use.
    static func forSeller(_ userID: UUID, on db: any Database) async throws -> SellerStatsRecord {
        if let existing = try await SellerStatsRecord.find(userID, on: db) { return existing }
        let record = SellerStatsRecord(userID: userID)
        try await record.create(on: db)
        return record
    }

    /// Average of the reviews received, 0 when none.
    var averageRating: Double { ratingCount == 0 ? 0 : Double(ratingSum) / Double(ratingCount) }

    /// The record as the level rules read it (`LevelRules.evaluate`).
    func levelStats(joinedAt: Date) -> SellerStats {
        SellerStats(completedOrders: completedOrders, earnedCents: earnedCents, ratingSum: ratingSum, ratingCount: ratingCount,
                    onTimeDelivered: onTimeDelivered, deliveredTotal: deliveredTotal, sellerCancellations: sellerCancellations,
                    mutualCancellations: mutualCancellations, joinedAt: joinedAt)
    }
}

extension SellerStatsRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _completedOrders, _earnedCents, _ratingSum, _ratingCount, _onTimeDelivered, _deliveredTotal, _sellerCancellations, _mutualCancellations, _medianResponseHours, _ratingScore, _isPro, _level, _levelAtRiskSince, _updatedAt] }
}
