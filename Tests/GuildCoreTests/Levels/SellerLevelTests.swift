import Foundation
import Testing
@testable import GuildCore

@Suite struct SellerLevelTests {
    private static let now = Date(timeIntervalSince1970: 1_800_000_000)
    private static let day: TimeInterval = 86_400
    private static let rules = LevelRules.standard

    /// A record that meets `established` comfortably but not `top`.
    private static func stats(
        completed: Int = 30, earnedCents: Int64 = 500_000, ratingSum: Int = 141, ratingCount: Int = 30,
        onTime: Int = 29, delivered: Int = 30, sellerCancellations: Int = 0, mutualCancellations: Int = 0,
        ageDays: Double = 200
    ) -> SellerStats {
        SellerStats(
            completedOrders: completed, earnedCents: earnedCents, ratingSum: ratingSum, ratingCount: ratingCount,
            onTimeDelivered: onTime, deliveredTotal: delivered, sellerCancellations: sellerCancellations,
            mutualCancellations: mutualCancellations, joinedAt: now.addingTimeInterval(-ageDays * day))
    }

    @Test func publishedThresholdsMatchThePolicy() throws {
        // given
        let top = try #require(Self.rules.thresholds.last)
        // then
        #expect(Self.rules.thresholds.map(\.level) == [.rising, .established, .top])
        #expect(top.completedOrders == 75 && top.earnedCents == 2_000_000 && top.minRating == 4.7)
        #expect(top.onTimeRate == 0.95 && top.accountAgeDays == 180 && top.maxSellerCancellationRate == 0.02)
        #expect(Self.rules.gracePeriodDays == 30)
        let text = Self.rules.descriptions.joined(separator: "\n")
        #expect(text.contains("$20,000") && text.contains("92%") && text.contains("2%"))
        #expect(text.contains("never count"))
    }

    @Test func newSellerWithNothingIsNewAndSeesRisingProgress() {
        // given
        let stats = Self.stats(completed: 0, earnedCents: 0, ratingSum: 0, ratingCount: 0, onTime: 0, delivered: 0, ageDays: 3)
        // when
        let assessment = Self.rules.evaluate(stats: stats, current: .newcomer, now: Self.now)
        // then
        #expect(assessment.level == .new)
        #expect(assessment.next == .rising)
        #expect(assessment.change == nil && assessment.warning == nil)
        #expect(assessment.progress.map(\.key) == [.completedOrders, .earnedCents, .rating, .onTimeRate, .accountAgeDays])
        #expect(assessment.progress.first { $0.key == .rating }?.met == true)  // no reviews is not held against anyone
        #expect(assessment.progressFraction > 0 && assessment.progressFraction < 1)
    }

    @Test func qualifyingSellerIsPromotedAtOnceSkippingLevelsIfDeserved() {
        // when
        let assessment = Self.rules.evaluate(stats: Self.stats(), current: .newcomer, now: Self.now)
        // then
        #expect(assessment.level == .established)
        #expect(assessment.change == .promoted)
        #expect(assessment.next == .top)
        #expect(assessment.standing == LevelStanding(level: .established))
    }

    @Test func eachRequirementCanHoldASellerBack() {
        // given: one rising requirement missed at a time
        let misses: [(Requirement.Key, SellerStats)] = [
            (.completedOrders, Self.stats(completed: 4, ratingSum: 20, ratingCount: 4, onTime: 4, delivered: 4)),
            (.earnedCents, Self.stats(earnedCents: 39_999)),
            (.rating, Self.stats(ratingSum: 131, ratingCount: 30)),  // 4.37
            (.onTimeRate, Self.stats(onTime: 26, delivered: 30)),  // 86.7%
            (.accountAgeDays, Self.stats(ageDays: 29.5)),
        ]
        for (key, stats) in misses {
            // when
            let assessment = Self.rules.evaluate(stats: stats, current: .newcomer, now: Self.now)
            // then
            #expect(assessment.level == .new, "\(key)")
            #expect(assessment.progress.filter { !$0.met }.map(\.key) == [key])
        }
    }

    @Test func mutualCancellationsNeverCount() {
        // given: a top-level record, with and without a pile of mutual cancellations
        let clean = Self.stats(completed: 100, earnedCents: 3_000_000, ratingSum: 480, ratingCount: 100, onTime: 99, delivered: 100, ageDays: 400)
        var withMutual = clean
        withMutual.mutualCancellations = 500
        // when
        let a = Self.rules.evaluate(stats: clean, current: LevelStanding(level: .top), now: Self.now)
        let b = Self.rules.evaluate(stats: withMutual, current: LevelStanding(level: .top), now: Self.now)
        // then
        #expect(a.level == .top)
        #expect(a == b)
    }

    @Test func sellerCancellationsAboveTwoPercentBlockTop() {
        // given: 3 own cancellations over 100 completed is 2.9%
        let stats = Self.stats(completed: 100, earnedCents: 3_000_000, ratingSum: 480, ratingCount: 100, onTime: 99, delivered: 100, sellerCancellations: 3, ageDays: 400)
        // when
        let assessment = Self.rules.evaluate(stats: stats, current: .newcomer, now: Self.now)
        // then
        #expect(assessment.level == .established)
        #expect(assessment.progress.first { $0.key == .sellerCancellationRate }?.met == false)
    }

    @Test func droppingBelowALevelStartsAGracePeriodWithAWarning() throws {
        // given: an established seller whose on-time rate fell to 80%
        let slipping = Self.stats(onTime: 24, delivered: 30)
        // when
        let assessment = Self.rules.evaluate(stats: slipping, current: LevelStanding(level: .established), now: Self.now)
        // then
        #expect(assessment.level == .established)
        #expect(assessment.change == nil)
        let warning = try #require(assessment.warning)
        #expect(warning.unmet == [.onTimeRate])
        #expect(warning.graceEndsAt == Self.now.addingTimeInterval(30 * Self.day))
        #expect(assessment.standing == LevelStanding(level: .established, atRiskSince: Self.now))
    }

    @Test func stillShortBeforeGraceEndsKeepsTheLevel() {
        // given
        let slipping = Self.stats(onTime: 24, delivered: 30)
        let started = Self.now
        let standing = LevelStanding(level: .established, atRiskSince: started)
        // when: the next monthly evaluation in a 28-day month
        let assessment = Self.rules.evaluate(stats: slipping, current: standing, now: started.addingTimeInterval(28 * Self.day))
        // then
        #expect(assessment.level == .established)
        #expect(assessment.standing.atRiskSince == started)
        #expect(assessment.warning?.graceEndsAt == started.addingTimeInterval(30 * Self.day))
    }

    @Test func stillShortAfterGraceDemotesToTheLevelMet() {
        // given
        let slipping = Self.stats(onTime: 24, delivered: 30)
        let standing = LevelStanding(level: .established, atRiskSince: Self.now)
        // when
        let assessment = Self.rules.evaluate(stats: slipping, current: standing, now: Self.now.addingTimeInterval(31 * Self.day))
        // then
        #expect(assessment.level == .new)
        #expect(assessment.change == .demoted)
        #expect(assessment.warning == nil)
        #expect(assessment.standing == LevelStanding(level: .new))
    }

    @Test func recoveringDuringGraceClearsTheWarning() {
        // given
        let standing = LevelStanding(level: .established, atRiskSince: Self.now)
        // when
        let assessment = Self.rules.evaluate(stats: Self.stats(), current: standing, now: Self.now.addingTimeInterval(20 * Self.day))
        // then
        #expect(assessment.level == .established)
        #expect(assessment.warning == nil)
        #expect(assessment.standing.atRiskSince == nil)
        #expect(assessment.change == nil)
    }

    @Test func topSellerSeesWhatKeepsThemAtTheTop() {
        // given
        let stats = Self.stats(completed: 100, earnedCents: 3_000_000, ratingSum: 480, ratingCount: 100, onTime: 99, delivered: 100, ageDays: 400)
        // when
        let assessment = Self.rules.evaluate(stats: stats, current: LevelStanding(level: .top), now: Self.now)
        // then
        #expect(assessment.next == nil)
        #expect(assessment.progress.contains { $0.key == .sellerCancellationRate })
        #expect(assessment.progressFraction == 1)
        #expect(assessment.keeping == assessment.progress)
    }

    @Test func progressFractionStaysWithinZeroAndOne() {
        for completed in [0, 1, 10, 1_000] {
            for cancellations in [0, 5, 1_000] {
                let stats = Self.stats(completed: completed, sellerCancellations: cancellations)
                for level in SellerLevel.allCases {
                    let assessment = Self.rules.evaluate(stats: stats, current: LevelStanding(level: level), now: Self.now)
                    #expect((0...1).contains(assessment.progressFraction))
                    #expect(assessment.progress.allSatisfy { (0...1).contains($0.fraction) })
                }
            }
        }
    }

    @Test func levelsAreOrdered() {
        #expect(SellerLevel.new < .rising && SellerLevel.rising < .established && SellerLevel.established < .top)
        #expect(SellerLevel.top.next == nil)
        #expect(SellerLevel.new.next == .rising)
    }
}

@Suite struct LevelEvaluationScheduleTests {
    @Test func nextEvaluationIsTheFirstOfTheNextMonthInUTC() throws {
        // given: 2026-01-31 23:30 UTC and 2026-12-01 00:00 UTC
        let lateJanuary = Date(timeIntervalSince1970: 1_769_902_200)
        let firstOfDecember = Date(timeIntervalSince1970: 1_796_083_200)
        // then
        #expect(LevelRules.nextEvaluation(after: lateJanuary) == Date(timeIntervalSince1970: 1_769_904_000))  // 2026-02-01
        #expect(LevelRules.nextEvaluation(after: firstOfDecember) == Date(timeIntervalSince1970: 1_798_761_600))  // 2027-01-01
    }
}
