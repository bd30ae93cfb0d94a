// The Pro tier: published criteria for vetting a seller, and a check that shows each one met or not.
import Foundation

/// What an admin's vetting looks at.
public struct ProCandidate: Codable, Equatable, Sendable {
    public var level: SellerLevel
    /// Links to past work the seller submitted with their application.
    public var portfolioLinks: [String]
    /// Set when an admin has checked the seller's identity.
    public var identityVerifiedAt: Date?
    public var ratingSum: Int
    public var ratingCount: Int

    public init(level: SellerLevel, portfolioLinks: [String], identityVerifiedAt: Date?, ratingSum: Int, ratingCount: Int) {
        self.level = level
        self.portfolioLinks = portfolioLinks
        self.identityVerifiedAt = identityVerifiedAt
        self.ratingSum = ratingSum
        self.ratingCount = ratingCount
    }
}

/// One criterion's result for one candidate.
public struct ProCriterionCheck: Codable, Equatable, Sendable {
    public enum Key: String, Codable, CaseIterable, Sendable { case level, portfolio, identity, rating }

    public let key: Key
    public let label: String
    public let met: Bool
    /// What was found, in plain words ("2 of 3 portfolio links").
    public let detail: String
}

/// The Pro criteria, as data. An admin still makes the final call; meeting these makes a seller eligible.
public struct ProVetting: Codable, Equatable, Sendable {
    public let minimumLevel: SellerLevel
    public let minimumPortfolioLinks: Int
    public let minimumRating: Double

    public init(minimumLevel: SellerLevel, minimumPortfolioLinks: Int, minimumRating: Double) {
        self.minimumLevel = minimumLevel
        self.minimumPortfolioLinks = minimumPortfolioLinks
        self.minimumRating = minimumRating
    }

    public static let standard = ProVetting(minimumLevel: .established, minimumPortfolioLinks: 3, minimumRating: 4.7)

    /// The criteria in plain words for `/policies/pro`.
    public var descriptions: [String] {
        [
            "Pro is for sellers whose professional work has been checked by a person, not bought. It changes a badge and a search filter; it never changes ranking.",
            "You hold the \(minimumLevel.label) level or higher.",
            "You show at least \(minimumPortfolioLinks) different links (http or https) to work you have done.",
            "An admin has verified your identity.",
            "Your average rating is \(minimumRating) or higher.",
        ]
    }

    /// Checks every criterion; a candidate is eligible when all are met.
    public func check(_ candidate: ProCandidate) -> [ProCriterionCheck] {
        let links = Self.distinctWebLinks(candidate.portfolioLinks)
        let average: Double? = candidate.ratingCount > 0 ? Double(candidate.ratingSum) / Double(candidate.ratingCount) : nil
        return [
            ProCriterionCheck(
                key: .level, label: "Seller level", met: candidate.level >= minimumLevel,
                detail: "\(candidate.level.label); needs \(minimumLevel.label) or higher"),
            ProCriterionCheck(
                key: .portfolio, label: "Portfolio", met: links >= minimumPortfolioLinks,
                detail: "\(links) of \(minimumPortfolioLinks) portfolio links"),
            ProCriterionCheck(
                key: .identity, label: "Identity verified", met: candidate.identityVerifiedAt != nil,
                detail: candidate.identityVerifiedAt == nil ? "not verified by an admin yet" : "verified by an admin"),
            ProCriterionCheck(
                key: .rating, label: "Average rating", met: (average ?? 0) >= minimumRating,
                detail: average.map { "average \(String(format: "%.2f", $0)); needs \(minimumRating)" } ?? "no reviews yet"),
        ]
    }

    public func isEligible(_ candidate: ProCandidate) -> Bool {
        check(candidate).allSatisfy(\.met)
    }

    /// Counts distinct absolute http(s) links with a host; anything else is not a portfolio link.
    static func distinctWebLinks(_ links: [String]) -> Int {
        var seen = Set<String>()
        for link in links {
            let text = link.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
            else { continue }
            seen.insert(text.lowercased())
        }
        return seen.count
    }
}
