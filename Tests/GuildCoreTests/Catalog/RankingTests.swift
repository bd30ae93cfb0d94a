import Foundation
import Testing
@testable import GuildCore

@Suite struct RankingTests {
    private static let now = Date(timeIntervalSince1970: 1_800_000_000)
    private static let day: TimeInterval = 86_400

    private static func signals(
        raw: Double = -5, ratingSum: Int = 45, ratingCount: Int = 10, onTime: Int = 9, delivered: Int = 10,
        responseHours: Double? = 2, joinedDaysAgo: Double = 400
    ) -> RankingSignals {
        RankingSignals(
            rawRelevance: raw, ratingSum: ratingSum, ratingCount: ratingCount, onTimeDelivered: onTime,
            deliveredTotal: delivered, medianResponseHours: responseHours,
            sellerJoinedAt: now.addingTimeInterval(-joinedDaysAgo * day))
    }

    @Test func standardWeightsArePublishedAndValid() throws {
        // given
        let weights = RankingWeights.standard
        // then
        #expect(weights.textRelevance == 0.45 && weights.rating == 0.25 && weights.onTimeDelivery == 0.15)
        #expect(weights.responsiveness == 0.10 && weights.newcomerExposure == 0.05)
        try weights.validate()
    }

    @Test func weightsThatDoNotSumToOneAreRefused() throws {
        // given
        var weights = RankingWeights.standard
        weights.rating = 0.30
        // when
        let error = try #require(throws: ValidationErrors.self) { try weights.validate() }
        // then
        #expect(error.errors.map(\.field) == ["weights"])
    }

    @Test func negativeOrNonFiniteWeightsAreNamed() throws {
        // given
        let weights = RankingWeights(textRelevance: 1.2, rating: -0.2, onTimeDelivery: .nan, responsiveness: 0, newcomerExposure: 0)
        // when
        let error = try #require(throws: ValidationErrors.self) { try weights.validate() }
        // then
        #expect(error.errors.map(\.field) == ["weights.rating", "weights.onTimeDelivery"])
    }

    @Test func contributionsAddUpToTheScoreExactly() {
        // given
        let cases = [
            Self.signals(),
            Self.signals(raw: -0.001, ratingSum: 5, ratingCount: 1, onTime: 0, delivered: 1, responseHours: nil, joinedDaysAgo: 1),
            Self.signals(raw: -123, ratingSum: 500, ratingCount: 100, onTime: 97, delivered: 100, responseHours: 0.2, joinedDaysAgo: 30),
        ]
        for signals in cases {
            // when
            let ranked = Ranking.score(signals: signals, now: Self.now, scale: .bm25)
            // then
            #expect(ranked.factors.reduce(0) { $0 + $1.contribution } == ranked.score)
            #expect(ranked.factors.map(\.key) == RankingFactorKey.allCases.map(\.rawValue))
            for factor in ranked.factors {
                #expect(factor.contribution == factor.weight * factor.value)
            }
        }
    }

    @Test func everyFactorStaysWithinZeroAndOneForExtremeInputs() {
        // given
        let raws: [Double] = [0, -0.0, 1e-300, -1e300, 1e300, .infinity, -.infinity, .nan, 42, -42]
        let counts = [Int.min, -1, 0, 1, Int.max / 8]
        let hours: [Double?] = [nil, -5, 0, 1, 36.5, 72, 1e9, .nan, .infinity]
        let ages: [Double] = [-1_000, 0, 30, 60, 61, 1e6]
        for scale in RelevanceScale.allCases {
            for raw in raws {
                for count in counts {
                    for hour in hours {
                        for age in ages {
                            let signals = Self.signals(
                                raw: raw, ratingSum: count, ratingCount: count, onTime: count, delivered: count,
                                responseHours: hour, joinedDaysAgo: age)
                            // when
                            let ranked = Ranking.score(signals: signals, now: Self.now, scale: scale)
                            // then
                            for factor in ranked.factors {
                                #expect((0...1).contains(factor.value), "\(factor.key) \(raw) \(count) \(String(describing: hour)) \(age)")
                            }
                            #expect((0...1).contains(ranked.score))
                        }
                    }
                }
            }
        }
    }

    @Test func bm25IsReadAsSmallerIsBetter() {
        // given
        let weak = Ranking.relevance(raw: -0.5, scale: .bm25)
        let strong = Ranking.relevance(raw: -12, scale: .bm25)
        // then
        #expect(strong > weak)
        #expect(Ranking.relevance(raw: -5, scale: .bm25) == 0.5)
        #expect(Ranking.relevance(raw: 3, scale: .bm25) == 0)
    }

    @Test func tsRankIsReadAsLargerIsBetter() {
        #expect(Ranking.relevance(raw: 0.1, scale: .tsRank) == 0.5)
        #expect(Ranking.relevance(raw: 0.3, scale: .tsRank) > Ranking.relevance(raw: 0.06, scale: .tsRank))
        #expect(Ranking.relevance(raw: 0, scale: .tsRank) == 0)
        #expect(Ranking.relevance(raw: -1, scale: .tsRank) == 0)
    }

    @Test func newSellerStartsAtThePriorRating() {
        // 4.0 stars maps to (4 - 1) / 4
        #expect(Ranking.rating(sum: 0, count: 0) == 0.75)
        #expect(Ranking.rating(sum: 5, count: 1) == (20.0 + 5) / 6 / 4 - 0.25)
    }

    @Test func moreOrBetterReviewsNeverLowerTheRatingFactor() {
        for count in 0...40 {
            for sum in count...(5 * count) {
                // given
                let base = Ranking.rating(sum: sum, count: count)
                // when: one more star on an existing review
                if sum < 5 * count {
                    #expect(Ranking.rating(sum: sum + 1, count: count) >= base)
                }
                // when: one more five-star review
                #expect(Ranking.rating(sum: sum + 5, count: count + 1) >= base)
                // when: one more review at least as good as the current Bayesian average
                let average = Double(sum + 20) / Double(count + 5)
                let atLeastAverage = Int(average.rounded(.up))
                #expect(Ranking.rating(sum: sum + atLeastAverage, count: count + 1) >= base)
            }
        }
    }

    @Test func oneBadReviewCannotSinkANewSeller() {
        // given a single 1-star review: (4·5 + 1) / 6 = 3.5 stars
        let value = Ranking.rating(sum: 1, count: 1)
        // then
        #expect(value == 0.625)
    }

    @Test func onTimeRateUsesItsPriorAndNeverDropsWithAnOnTimeDelivery() {
        #expect(Ranking.onTime(delivered: 0, total: 0) == 0.8)
        #expect(Ranking.onTime(delivered: 0, total: 5) == 0.4)
        for total in 0...30 {
            for onTime in 0...total {
                #expect(Ranking.onTime(delivered: onTime + 1, total: total + 1) >= Ranking.onTime(delivered: onTime, total: total))
            }
        }
    }

    @Test func responsivenessDecaysFromOneHourToThreeDays() {
        #expect(Ranking.responsiveness(medianHours: nil) == 0.5)
        #expect(Ranking.responsiveness(medianHours: 0.25) == 1)
        #expect(Ranking.responsiveness(medianHours: 1) == 1)
        #expect(Ranking.responsiveness(medianHours: 36.5) == 0.5)
        #expect(Ranking.responsiveness(medianHours: 72) == 0)
        #expect(Ranking.responsiveness(medianHours: 500) == 0)
        var previous = 1.0
        for hours in stride(from: 1.0, through: 80, by: 0.5) {
            let value = Ranking.responsiveness(medianHours: hours)
            #expect(value <= previous)
            previous = value
        }
    }

    @Test func newcomerExposureFallsLinearlyToZeroAtSixtyDays() {
        // given
        let joined = Self.now
        // then
        #expect(Ranking.newcomerExposure(joinedAt: joined, now: Self.now) == 1)
        #expect(Ranking.newcomerExposure(joinedAt: joined, now: Self.now.addingTimeInterval(30 * Self.day)) == 0.5)
        #expect(Ranking.newcomerExposure(joinedAt: joined, now: Self.now.addingTimeInterval(60 * Self.day)) == 0)
        #expect(Ranking.newcomerExposure(joinedAt: joined, now: Self.now.addingTimeInterval(400 * Self.day)) == 0)
        #expect(Ranking.newcomerExposure(joinedAt: joined.addingTimeInterval(Self.day), now: Self.now) == 1)
    }

    @Test func customWeightsChangeTheScore() {
        // given
        let relevanceOnly = RankingWeights(textRelevance: 1, rating: 0, onTimeDelivery: 0, responsiveness: 0, newcomerExposure: 0)
        // when
        let ranked = Ranking.score(signals: Self.signals(raw: -5), weights: relevanceOnly, now: Self.now, scale: .bm25)
        // then
        #expect(ranked.score == 0.5)
    }

    @Test func publicPageTextCoversEveryFactorAndPaymentCommitment() {
        let descriptions = Ranking.factorDescriptions()
        #expect(descriptions.map(\.key) == RankingFactorKey.allCases.map(\.rawValue))
        #expect(descriptions.reduce(0) { $0 + $1.weight } == 1)
        #expect(descriptions.allSatisfy { !$0.description.isEmpty })
        #expect(Ranking.paymentNeverChangesRank.reference.contains("Article 5"))
        #expect(Ranking.advice.count >= 5)
    }

    @Test func explanationEncodesAsJSON() throws {
        // given
        let ranked = Ranking.score(signals: Self.signals(), now: Self.now, scale: .tsRank)
        // when
        let data = try JSONEncoder().encode(ranked)
        let decoded = try JSONDecoder().decode(RankedScore.self, from: data)
        // then
        #expect(decoded == ranked)
    }
}
