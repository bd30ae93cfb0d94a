// The published search-ranking formula: weights, factor normalisers and a score that explains itself.
import Foundation

/// The factors a search result is scored on, in the order they are shown.
public enum RankingFactorKey: String, Codable, CaseIterable, Sendable {
    case textRelevance, rating, onTimeDelivery, responsiveness, newcomerExposure

    public var label: String {
        switch self {
        case .textRelevance: "Text relevance"
        case .rating: "Rating"
        case .onTimeDelivery: "On-time delivery"
        case .responsiveness: "Responsiveness"
        case .newcomerExposure: "Newcomer exposure"
        }
    }

    /// What the factor measures and how it becomes a number from 0 to 1, for the public `/ranking` page.
    public var publicDescription: String {
        switch self {
        case .textRelevance:
            "How well the gig's title, tags and description match the words you searched for. The search engine's own score is squeezed into 0 to 1 so that no single very long gig can swamp the other factors."
        case .rating:
            "The seller's average review, counted as if every seller also had five extra reviews of 4 stars. A brand-new seller therefore starts at 4 stars, and one lucky or unlucky review cannot swing the result much. A 1-star average scores 0 and a 5-star average scores 1."
        case .onTimeDelivery:
            "The share of the seller's deliveries made by the promised date, counted as if every seller also had four on-time deliveries out of five. New sellers start at 80%."
        case .responsiveness:
            "How quickly the seller acts on paid work: for every order paid in the last \(ResponseTime.windowDays) days, the time from payment to the seller's first step on it (a delivery, a question through a cancellation or dispute, any step the seller takes), and the median of those times. A median within 1 hour scores 1, and the score falls evenly to 0 at 72 hours; an order the seller has not touched after 72 hours counts as 72 hours. The seller's first replies to messages count in the same median: for every conversation another member opened with the seller in the same window (a direct message, or the first message on an order), the time from that first message to the seller's first reply, capped the same way. A seller with neither paid orders nor opened conversations yet scores 0.5."
        case .newcomerExposure:
            "A small, temporary boost so that new sellers are seen at all: 1 on the day they join, falling evenly to 0 after 60 days."
        }
    }
}

/// How much each factor counts. Every weight is at least 0 and together they add up to 1.
public struct RankingWeights: Codable, Equatable, Sendable {
    public var textRelevance: Double
    public var rating: Double
    public var onTimeDelivery: Double
    public var responsiveness: Double
    public var newcomerExposure: Double

    public init(textRelevance: Double, rating: Double, onTimeDelivery: Double, responsiveness: Double, newcomerExposure: Double) {
        self.textRelevance = textRelevance
        self.rating = rating
        self.onTimeDelivery = onTimeDelivery
        self.responsiveness = responsiveness
        self.newcomerExposure = newcomerExposure
    }

    /// The weights Guild ships with; an operator may publish others through configuration.
    public static let standard = RankingWeights(
        textRelevance: 0.45, rating: 0.25, onTimeDelivery: 0.15, responsiveness: 0.10, newcomerExposure: 0.05)

    /// How far the sum may stray from 1 because of decimal weights written in configuration.
    public static let sumTolerance = 1e-9

    public func weight(for key: RankingFactorKey) -> Double {
        switch key {
        case .textRelevance: textRelevance
        case .rating: rating
        case .onTimeDelivery: onTimeDelivery
        case .responsiveness: responsiveness
        case .newcomerExposure: newcomerExposure
        }
    }

    /// Rejects negative, non-finite, or weights that do not add up to 1; fields name the weight
    /// (`weights.rating`) or the whole set (`weights`).
    public func validate() throws(ValidationErrors) {
        var errors: [ValidationError] = []
        for key in RankingFactorKey.allCases {
            let value = weight(for: key)
            if !value.isFinite || value < 0 {
                errors.append(ValidationError(field: "weights.\(key.rawValue)", reason: "must be a number of at least 0"))
            }
        }
        if errors.isEmpty {
            let sum = RankingFactorKey.allCases.reduce(0.0) { $0 + weight(for: $1) }
            if abs(sum - 1) > Self.sumTolerance {
                errors.append(ValidationError(field: "weights", reason: "must add up to 1 (they add up to \(sum))"))
            }
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

/// The search engine that produced a raw relevance score, which decides how it is read.
public enum RelevanceScale: String, Codable, CaseIterable, Sendable {
    /// SQLite FTS5 `bm25()`: negative, and the more negative the better.
    case bm25
    /// PostgreSQL `ts_rank()`: 0 or more, and the larger the better.
    case tsRank

    /// `k` in `r / (r + k)`: the raw strength that maps to 0.5.
    /// bm25: one query word matched well in a catalogue of thousands scores about 5 (idf around 4–5
    /// times a term-frequency part between 1 and 2.2), so 5 is "a solid match".
    /// ts_rank: a document matching every query word once scores about 0.06–0.1 with the default
    /// normalisation, so 0.1 is "a solid match".
    public var halfSaturation: Double {
        switch self {
        case .bm25: 5
        case .tsRank: 0.1
        }
    }
}

/// The facts about a gig and its seller that ranking reads. Gathered by the app, never including payment.
public struct RankingSignals: Codable, Equatable, Sendable {
    /// The search engine's raw score; 0 when browsing without search words.
    public var rawRelevance: Double
    /// Sum of the stars of the seller's visible reviews (1 to 5 each).
    public var ratingSum: Int
    public var ratingCount: Int
    public var onTimeDelivered: Int
    public var deliveredTotal: Int
    /// Median hours to a first reply; `nil` when the seller has never been messaged.
    public var medianResponseHours: Double?
    public var sellerJoinedAt: Date

    public init(
        rawRelevance: Double, ratingSum: Int, ratingCount: Int, onTimeDelivered: Int, deliveredTotal: Int,
        medianResponseHours: Double?, sellerJoinedAt: Date
    ) {
        self.rawRelevance = rawRelevance
        self.ratingSum = ratingSum
        self.ratingCount = ratingCount
        self.onTimeDelivered = onTimeDelivered
        self.deliveredTotal = deliveredTotal
        self.medianResponseHours = medianResponseHours
        self.sellerJoinedAt = sellerJoinedAt
    }
}

/// The constants inside the normalisers, kept together so the `/ranking` page can print them.
public struct RankingNormalisation: Codable, Equatable, Sendable {
    public var ratingPriorMean: Double
    public var ratingPriorReviews: Int
    public var onTimePriorOnTime: Int
    public var onTimePriorDeliveries: Int
    public var responseFullScoreHours: Double
    public var responseZeroScoreHours: Double
    public var unknownResponsiveness: Double
    public var newcomerWindowDays: Double

    public init(
        ratingPriorMean: Double, ratingPriorReviews: Int, onTimePriorOnTime: Int, onTimePriorDeliveries: Int,
        responseFullScoreHours: Double, responseZeroScoreHours: Double, unknownResponsiveness: Double,
        newcomerWindowDays: Double
    ) {
        self.ratingPriorMean = ratingPriorMean
        self.ratingPriorReviews = ratingPriorReviews
        self.onTimePriorOnTime = onTimePriorOnTime
        self.onTimePriorDeliveries = onTimePriorDeliveries
        self.responseFullScoreHours = responseFullScoreHours
        self.responseZeroScoreHours = responseZeroScoreHours
        self.unknownResponsiveness = unknownResponsiveness
        self.newcomerWindowDays = newcomerWindowDays
    }

    public static let standard = RankingNormalisation(
        ratingPriorMean: 4.0, ratingPriorReviews: 5, onTimePriorOnTime: 4, onTimePriorDeliveries: 5,
        responseFullScoreHours: 1, responseZeroScoreHours: 72, unknownResponsiveness: 0.5, newcomerWindowDays: 60)

    /// The stars of the prior's phantom reviews, added to a seller's own: `ratingPriorMean × ratingPriorReviews`.
    public var ratingPriorStars: Double { ratingPriorMean * Double(max(0, ratingPriorReviews)) }

    /// The Bayesian-average rating in stars (1…5): the seller's reviews plus `ratingPriorReviews` phantom reviews of
    /// `ratingPriorMean` stars, so that a single review cannot decide a seller's place. The one place this formula is
    /// written: ranking, `sort=rating` (stored in `seller_stats.rating_score`) and the demo all read it here.
    public func bayesianStars(sum: Int, count: Int) -> Double {
        let reviews = max(0, count)
        // A sum outside what `count` reviews of 1…5 stars can add up to is clamped, not trusted.
        let stars = min(max(sum, reviews), 5 * reviews)
        let total = Double(reviews + max(0, ratingPriorReviews))
        guard total > 0 else { return ratingPriorMean }
        return (Double(stars) + ratingPriorStars) / total
    }
}

/// One factor's share of a score, as returned by `explain=true`.
public struct FactorContribution: Codable, Equatable, Sendable {
    public let key: String
    public let label: String
    /// The factor normalised to 0…1.
    public let value: Double
    public let weight: Double
    /// `weight × value`.
    public let contribution: Double
}

/// A result's score and the contributions it is the exact sum of.
public struct RankedScore: Codable, Equatable, Sendable {
    public let score: Double
    public let factors: [FactorContribution]
}

/// A statement of principle with the rule it answers to, printed on `/ranking`.
public struct RankingCommitment: Codable, Equatable, Sendable {
    public let statement: String
    public let reference: String
}

/// A factor, its weight and its plain description, for the `/ranking` page.
public struct RankingFactorDescription: Codable, Equatable, Sendable {
    public let key: String
    public let label: String
    public let weight: Double
    public let description: String
}

public enum Ranking {
    /// Payment never buys position. Guild has no paid placement, and the fee paid does not enter the formula.
    public static let paymentNeverChangesRank = RankingCommitment(
        statement: "Money never changes where a gig appears. Guild sells no placement, and neither the fees a seller pays nor the price of a gig is part of the ranking formula. Sorting by price is a choice the buyer makes, not a ranking.",
        reference: "Regulation (EU) 2019/1150 (platform-to-business), Article 5: ranking transparency")

    /// How many of one seller's gigs may come before every other seller's best: in a search by relevance, each
    /// seller's best `sellerLimit` gigs come first and their others follow after everyone's best, so that page one
    /// holds at most this many gigs of one seller. A search with a word that is one of the words of a seller's name
    /// is a search for that seller, and their gigs are not held back.
    public static let sellerLimit = 3

    /// The seller limit in plain words, for `/ranking` and `explain`.
    public static var sellerLimitRule: String {
        "In a search by best match, each seller's \(sellerLimit) best-scoring gigs come first; a seller's other gigs follow after every seller's best \(sellerLimit), still in score order, so no seller fills a page. When a word you searched for is one of the words of a seller's name, that seller's gigs are not held back."
    }

    /// What a seller can do to rank well, in plain words.
    public static let advice: [String] = [
        "Write a title and tags in the words buyers actually search for: text relevance is the largest factor.",
        "Describe what you deliver plainly in the description; matching words there count too.",
        "Do good work and invite buyers to leave a review: your average rating counts, and each review moves it a little.",
        "Promise delivery dates you can keep. Late deliveries lower your on-time rate; a longer honest promise does not.",
        "Act on paid orders quickly: a first delivery or question within an hour scores best; work left untouched for three days scores nothing for responsiveness.",
        "If you are new, your first 60 days include a small boost; use it to earn your first reviews.",
        "Nothing else counts: not fees, not paid upgrades, not how often you log in.",
    ]

    /// Every factor with its weight and description, in display order.
    public static func factorDescriptions(weights: RankingWeights = .standard) -> [RankingFactorDescription] {
        RankingFactorKey.allCases.map {
            RankingFactorDescription(key: $0.rawValue, label: $0.label, weight: weights.weight(for: $0), description: $0.publicDescription)
        }
    }

    /// Scores one result. The score is computed as the sum of the contributions, so they always add up to it.
    public static func score(
        signals: RankingSignals, weights: RankingWeights = .standard, now: Date,
        scale: RelevanceScale, normalisation: RankingNormalisation = .standard
    ) -> RankedScore {
        var score = 0.0
        let factors = RankingFactorKey.allCases.map { key in
            let value = switch key {
            case .textRelevance: relevance(raw: signals.rawRelevance, scale: scale)
            case .rating: rating(sum: signals.ratingSum, count: signals.ratingCount, normalisation: normalisation)
            case .onTimeDelivery: onTime(delivered: signals.onTimeDelivered, total: signals.deliveredTotal, normalisation: normalisation)
            case .responsiveness: responsiveness(medianHours: signals.medianResponseHours, normalisation: normalisation)
            case .newcomerExposure: newcomerExposure(joinedAt: signals.sellerJoinedAt, now: now, normalisation: normalisation)
            }
            let weight = weights.weight(for: key)
            let contribution = weight * value
            score += contribution
            return FactorContribution(key: key.rawValue, label: key.label, value: value, weight: weight, contribution: contribution)
        }
        return RankedScore(score: score, factors: factors)
    }

    // MARK: - Factor normalisers: each maps to 0…1 whatever it is given.

    /// Text relevance: the engine's strength `r` (made positive) mapped through `r / (r + k)`,
    /// which keeps order, reaches 0.5 at `k` and never quite reaches 1.
    public static func relevance(raw: Double, scale: RelevanceScale) -> Double {
        guard !raw.isNaN else { return 0 }
        let strength: Double = switch scale {
        case .bm25: -raw
        case .tsRank: raw
        }
        guard strength > 0 else { return 0 }
        guard strength.isFinite else { return 1 }
        return clamp(strength / (strength + scale.halfSaturation))
    }

    /// Bayesian-average rating mapped from 1…5 stars to 0…1. The phantom reviews stop a single
    /// review from deciding a seller's place.
    public static func rating(sum: Int, count: Int, normalisation: RankingNormalisation = .standard) -> Double {
        clamp((normalisation.bayesianStars(sum: sum, count: count) - 1) / 4)
    }

    /// On-time share with a prior of a few on-time deliveries, so a first late delivery is not ruinous.
    public static func onTime(delivered onTime: Int, total: Int, normalisation: RankingNormalisation = .standard) -> Double {
        let deliveries = max(0, total)
        let onTimeCount = min(max(0, onTime), deliveries)
        let numerator = Double(onTimeCount + max(0, normalisation.onTimePriorOnTime))
        let denominator = Double(deliveries + max(0, normalisation.onTimePriorDeliveries))
        guard denominator > 0 else { return 0 }
        return clamp(numerator / denominator)
    }

    /// 1 for a median first reply within the full-score hours, falling linearly to 0 at the zero-score
    /// hours; unknown (no messages yet) gets the neutral middle rather than a penalty.
    public static func responsiveness(medianHours: Double?, normalisation: RankingNormalisation = .standard) -> Double {
        guard let hours = medianHours, !hours.isNaN else { return clamp(normalisation.unknownResponsiveness) }
        let full = normalisation.responseFullScoreHours
        let zero = normalisation.responseZeroScoreHours
        if hours <= full { return 1 }
        if hours >= zero || zero <= full { return 0 }
        return clamp(1 - (hours - full) / (zero - full))
    }

    /// 1 on the day a seller joins, falling linearly to 0 at the end of the window. A join date in
    /// the future (clock skew) counts as today.
    public static func newcomerExposure(joinedAt: Date, now: Date, normalisation: RankingNormalisation = .standard) -> Double {
        let window = normalisation.newcomerWindowDays
        guard window > 0 else { return 0 }
        let days = max(0, now.timeIntervalSince(joinedAt) / 86_400)
        return clamp(1 - days / window)
    }

    private static func clamp(_ value: Double) -> Double {
        guard !value.isNaN else { return 0 }
        return min(1, max(0, value))
    }
}

/// The responsiveness factor's measurement, from members' real actions: hours from each order being paid to the
/// seller's first step on it, and from each conversation another member opened to the seller's first reply (`ReplyTime`),
/// over a window of recent ones, and the median of those hours. A sample is a start and the seller's first answer.
public enum ResponseTime {
    public static let windowDays = 90
    /// An order left untouched this long counts as this long; one still younger is not counted yet.
    public static let untouchedCapHours = 72.0

    /// One paid order: when it was paid, and the seller's first step on it since (nil while there is none).
    public struct Sample: Sendable, Equatable {
        public let paidAt: Date
        public let firstActionAt: Date?
        public init(paidAt: Date, firstActionAt: Date?) { self.paidAt = paidAt; self.firstActionAt = firstActionAt }
    }

    /// The median hours to first action, or nil with nothing to measure (the factor then scores the neutral middle).
    public static func medianHours(_ samples: [Sample], now: Date) -> Double? {
        var hours: [Double] = []
        for s in samples where s.paidAt >= now.addingTimeInterval(-Double(windowDays) * 86_400) {
            if let first = s.firstActionAt {
                hours.append(max(0, min(untouchedCapHours, first.timeIntervalSince(s.paidAt) / 3_600)))
            } else if now.timeIntervalSince(s.paidAt) >= untouchedCapHours * 3_600 {
                hours.append(untouchedCapHours)
            }
        }
        guard !hours.isEmpty else { return nil }
        hours.sort()
        let mid = hours.count / 2
        return hours.count % 2 == 1 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2
    }
}
