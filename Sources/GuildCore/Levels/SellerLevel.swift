// Seller levels: public thresholds, progress towards the next level, and a grace period before any demotion.
import Foundation

public enum SellerLevel: String, Codable, CaseIterable, Comparable, Sendable {
    case new, rising, established, top

    public var label: String {
        switch self {
        case .new: "New seller"
        case .rising: "Rising seller"
        case .established: "Established seller"
        case .top: "Top seller"
        }
    }

    public var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// The level above this one, `nil` at the top.
    public var next: SellerLevel? {
        let all = Self.allCases
        return rank + 1 < all.count ? all[rank + 1] : nil
    }

    public static func < (lhs: SellerLevel, rhs: SellerLevel) -> Bool { lhs.rank < rhs.rank }
}

/// What it takes to hold one level. Rates are fractions (0.9 = 90%).
public struct LevelThreshold: Codable, Equatable, Sendable {
    public let level: SellerLevel
    public let completedOrders: Int
    public let earnedCents: Int64
    public let minRating: Double
    public let onTimeRate: Double
    public let accountAgeDays: Int
    /// Highest share of orders the seller may cancel on their own; `nil` when the level sets none.
    public let maxSellerCancellationRate: Double?

    public init(
        level: SellerLevel, completedOrders: Int, earnedCents: Int64, minRating: Double, onTimeRate: Double,
        accountAgeDays: Int, maxSellerCancellationRate: Double?
    ) {
        self.level = level
        self.completedOrders = completedOrders
        self.earnedCents = earnedCents
        self.minRating = minRating
        self.onTimeRate = onTimeRate
        self.accountAgeDays = accountAgeDays
        self.maxSellerCancellationRate = maxSellerCancellationRate
    }
}

/// A seller's track record as the app counts it.
public struct SellerStats: Codable, Equatable, Sendable {
    public var completedOrders: Int
    /// Money released to the seller from completed orders, after the platform fee.
    public var earnedCents: Int64
    /// Stars of visible reviews added up, and how many reviews that is.
    public var ratingSum: Int
    public var ratingCount: Int
    public var onTimeDelivered: Int
    public var deliveredTotal: Int
    /// Orders the seller cancelled on their own (or lost to a published cancellation rule for not delivering).
    public var sellerCancellations: Int
    /// Cancellations both sides agreed to. Carried so that the rule is visible: they never count.
    public var mutualCancellations: Int
    public var joinedAt: Date

    public init(
        completedOrders: Int, earnedCents: Int64, ratingSum: Int, ratingCount: Int, onTimeDelivered: Int,
        deliveredTotal: Int, sellerCancellations: Int, mutualCancellations: Int, joinedAt: Date
    ) {
        self.completedOrders = completedOrders
        self.earnedCents = earnedCents
        self.ratingSum = ratingSum
        self.ratingCount = ratingCount
        self.onTimeDelivered = onTimeDelivered
        self.deliveredTotal = deliveredTotal
        self.sellerCancellations = sellerCancellations
        self.mutualCancellations = mutualCancellations
        self.joinedAt = joinedAt
    }

    /// Plain average, `nil` without reviews.
    public var averageRating: Double? {
        ratingCount > 0 ? Double(ratingSum) / Double(ratingCount) : nil
    }

    /// `nil` without deliveries.
    public var onTimeRate: Double? {
        deliveredTotal > 0 ? Double(min(onTimeDelivered, deliveredTotal)) / Double(deliveredTotal) : nil
    }

    /// Seller cancellations over orders that ended either completed or cancelled by the seller.
    /// Mutual cancellations are in neither part. `nil` when no order has ended yet.
    public var sellerCancellationRate: Double? {
        let ended = max(0, completedOrders) + max(0, sellerCancellations)
        return ended > 0 ? Double(max(0, sellerCancellations)) / Double(ended) : nil
    }
}

/// Where a seller stands between evaluations; the app stores it.
public struct LevelStanding: Codable, Equatable, Sendable {
    public var level: SellerLevel
    /// When the seller was first found below their level; `nil` when they meet it.
    public var atRiskSince: Date?

    public init(level: SellerLevel, atRiskSince: Date? = nil) {
        self.level = level
        self.atRiskSince = atRiskSince
    }

    public static let newcomer = LevelStanding(level: .new)
}

/// One requirement and how the seller measures up to it.
public struct Requirement: Codable, Equatable, Sendable {
    public enum Key: String, Codable, CaseIterable, Sendable {
        case completedOrders, earnedCents, rating, onTimeRate, accountAgeDays, sellerCancellationRate
    }
    public enum Comparison: String, Codable, Sendable { case atLeast, atMost }

    public let key: Key
    public let label: String
    /// `nil` when there is nothing to measure yet (no reviews, no deliveries); that is never held against the seller.
    public let current: Double?
    public let required: Double
    public let comparison: Comparison
    public let met: Bool

    /// How far along this requirement is, 0…1.
    public var fraction: Double {
        if met { return 1 }
        guard let current, current.isFinite else { return 1 }
        switch comparison {
        case .atLeast: return required > 0 ? min(1, max(0, current / required)) : 1
        case .atMost: return current > 0 ? min(1, max(0, required / current)) : 1
        }
    }
}

/// A warning that a seller no longer meets their level, with the date a demotion would take effect.
public struct LevelWarning: Codable, Equatable, Sendable {
    public let message: String
    public let graceEndsAt: Date
    public let unmet: [Requirement.Key]
}

public enum LevelChange: String, Codable, Sendable { case promoted, demoted }

/// The outcome of one evaluation (`GET /api/v1/users/{id}/level` shows `level`, `next`, `progress`).
public struct LevelAssessment: Codable, Equatable, Sendable {
    public let level: SellerLevel
    public let next: SellerLevel?
    /// Requirements for `next`; at the top, the requirements for keeping the top level.
    public let progress: [Requirement]
    /// Average of the requirements' fractions, 0…1.
    public let progressFraction: Double
    /// Requirements of the level held now; what a grace period is about.
    public let keeping: [Requirement]
    public let warning: LevelWarning?
    /// The standing to store until the next evaluation.
    public let standing: LevelStanding
    public let change: LevelChange?
}

/// The published level rules.
public struct LevelRules: Codable, Equatable, Sendable {
    /// Thresholds for every level above `new`, lowest first.
    public let thresholds: [LevelThreshold]
    /// Days between the first evaluation that finds a seller below their level and a possible demotion.
    public let gracePeriodDays: Int

    public init(thresholds: [LevelThreshold], gracePeriodDays: Int) {
        self.thresholds = thresholds.sorted { $0.level < $1.level }
        self.gracePeriodDays = gracePeriodDays
    }

    public static let standard = LevelRules(
        thresholds: [
            LevelThreshold(
                level: .rising, completedOrders: 5, earnedCents: 40_000, minRating: 4.4, onTimeRate: 0.90,
                accountAgeDays: 30, maxSellerCancellationRate: nil),
            LevelThreshold(
                level: .established, completedOrders: 25, earnedCents: 400_000, minRating: 4.6, onTimeRate: 0.92,
                accountAgeDays: 120, maxSellerCancellationRate: nil),
            LevelThreshold(
                level: .top, completedOrders: 75, earnedCents: 2_000_000, minRating: 4.7, onTimeRate: 0.95,
                accountAgeDays: 180, maxSellerCancellationRate: 0.02),
        ],
        gracePeriodDays: 30)

    /// The rules in plain words for `/policies/levels`.
    public var descriptions: [String] {
        var lines = [
            "Every seller starts as a New seller. Levels are earned from your record on Guild, and the numbers below are the whole rule.",
        ]
        for threshold in thresholds {
            var line = "\(threshold.level.label): at least \(threshold.completedOrders) completed orders, \(CatalogText.dollars(threshold.earnedCents)) earned, an average rating of \(threshold.minRating) or more, \(CatalogText.percent(threshold.onTimeRate)) of deliveries on time, and an account at least \(threshold.accountAgeDays) days old"
            if let maxRate = threshold.maxSellerCancellationRate {
                line += ", with no more than \(CatalogText.percent(maxRate)) of orders cancelled by you"
            }
            lines.append(line + ".")
        }
        lines += [
            "Cancellations you and the buyer agree on never count against you, in any requirement.",
            "Having no reviews or no deliveries yet is never held against you: a requirement with nothing to measure counts as met.",
            "Levels are evaluated once a month. A promotion takes effect at the evaluation that finds you qualify.",
            "If an evaluation finds you below your level, you keep it and get a warning naming what is missing. You have \(gracePeriodDays) days to recover; only if you are still below at the first evaluation after that are you moved to the level you do meet.",
        ]
        return lines
    }

    /// When the monthly evaluation after `date` runs: midnight UTC on the first day of the next month.
    public static func nextEvaluation(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let startOfMonth = calendar.dateInterval(of: .month, for: date)?.start ?? date
        return calendar.date(byAdding: .month, value: 1, to: startOfMonth) ?? date.addingTimeInterval(31 * 86_400)
    }

    /// Requirements of one level measured against a seller's stats.
    public func requirements(for level: SellerLevel, stats: SellerStats, now: Date) -> [Requirement] {
        guard let threshold = thresholds.first(where: { $0.level == level }) else { return [] }
        let ageDays = max(0, now.timeIntervalSince(stats.joinedAt) / 86_400).rounded(.down)
        var list = [
            Self.atLeast(.completedOrders, "Completed orders", Double(stats.completedOrders), Double(threshold.completedOrders)),
            Self.atLeast(.earnedCents, "Money earned", Double(stats.earnedCents), Double(threshold.earnedCents)),
            Self.atLeast(.rating, "Average rating", stats.averageRating, threshold.minRating),
            Self.atLeast(.onTimeRate, "Deliveries on time", stats.onTimeRate, threshold.onTimeRate),
            Self.atLeast(.accountAgeDays, "Days on Guild", ageDays, Double(threshold.accountAgeDays)),
        ]
        if let maxRate = threshold.maxSellerCancellationRate {
            let current = stats.sellerCancellationRate
            list.append(Requirement(
                key: .sellerCancellationRate, label: "Orders you cancelled", current: current, required: maxRate,
                comparison: .atMost, met: current.map { $0 <= maxRate } ?? true))
        }
        return list
    }

    /// The highest level whose requirements, and those of every level below it, are all met.
    public func qualifiedLevel(stats: SellerStats, now: Date) -> SellerLevel {
        var qualified = SellerLevel.new
        for threshold in thresholds {
            guard requirements(for: threshold.level, stats: stats, now: now).allSatisfy(\.met) else { break }
            qualified = threshold.level
        }
        return qualified
    }

    /// One evaluation (the app runs it monthly). Promotes at once; never demotes without a grace period:
    /// the first evaluation that finds the seller short starts it with a warning, and only an evaluation
    /// at or after its end that still finds them short moves them down.
    public func evaluate(stats: SellerStats, current: LevelStanding, now: Date) -> LevelAssessment {
        let qualified = qualifiedLevel(stats: stats, now: now)
        var standing = current
        var change: LevelChange?
        var warning: LevelWarning?

        if qualified >= current.level {
            if qualified > current.level { change = .promoted }
            standing = LevelStanding(level: qualified, atRiskSince: nil)
        } else {
            let since = current.atRiskSince ?? now
            let graceEndsAt = since.addingTimeInterval(Double(gracePeriodDays) * 86_400)
            if now >= graceEndsAt {
                change = .demoted
                standing = LevelStanding(level: qualified, atRiskSince: nil)
            } else {
                standing = LevelStanding(level: current.level, atRiskSince: since)
                let unmet = unmetKeys(for: current.level, stats: stats, now: now)
                warning = LevelWarning(message: warningMessage(level: current.level, droppingTo: qualified), graceEndsAt: graceEndsAt, unmet: unmet)
            }
        }

        let next = standing.level.next
        let progress = requirements(for: next ?? standing.level, stats: stats, now: now)
        let fraction = progress.isEmpty ? 1 : progress.reduce(0) { $0 + $1.fraction } / Double(progress.count)
        return LevelAssessment(
            level: standing.level, next: next, progress: progress, progressFraction: min(1, max(0, fraction)),
            keeping: requirements(for: standing.level, stats: stats, now: now), warning: warning,
            standing: standing, change: change)
    }

    /// Where a seller stands between evaluations, without changing anything: the level they hold, the progress towards
    /// the next, and the warning of an evaluation that found them short (with the date it becomes a drop).
    public func report(stats: SellerStats, standing: LevelStanding, now: Date) -> LevelAssessment {
        let next = standing.level.next
        let progress = requirements(for: next ?? standing.level, stats: stats, now: now)
        let fraction = progress.isEmpty ? 1 : progress.reduce(0) { $0 + $1.fraction } / Double(progress.count)
        let warning = standing.atRiskSince.map { since in
            LevelWarning(message: warningMessage(level: standing.level, droppingTo: qualifiedLevel(stats: stats, now: now)),
                         graceEndsAt: since.addingTimeInterval(Double(gracePeriodDays) * 86_400),
                         unmet: unmetKeys(for: standing.level, stats: stats, now: now))
        }
        return LevelAssessment(level: standing.level, next: next, progress: progress, progressFraction: min(1, max(0, fraction)),
                               keeping: requirements(for: standing.level, stats: stats, now: now), warning: warning,
                               standing: standing, change: nil)
    }

    func warningMessage(level: SellerLevel, droppingTo qualified: SellerLevel) -> String {
        "You no longer meet every requirement for \(level.label). You keep the level while you recover; if the requirements are still unmet at the first monthly evaluation on or after the end of the \(gracePeriodDays)-day grace period, you will be moved to \(qualified.label)."
    }

    /// Unmet requirements of the level and of every level below it (the level is cumulative).
    private func unmetKeys(for level: SellerLevel, stats: SellerStats, now: Date) -> [Requirement.Key] {
        var keys: [Requirement.Key] = []
        for threshold in thresholds where threshold.level <= level {
            for requirement in requirements(for: threshold.level, stats: stats, now: now) where !requirement.met {
                if !keys.contains(requirement.key) { keys.append(requirement.key) }
            }
        }
        return keys
    }

    private static func atLeast(_ key: Requirement.Key, _ label: String, _ current: Double?, _ required: Double) -> Requirement {
        Requirement(
            key: key, label: label, current: current, required: required, comparison: .atLeast,
            met: current.map { $0 >= required } ?? true)
    }
}
