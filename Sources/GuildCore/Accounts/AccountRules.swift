// The rules for accounts and profiles: what a valid email, password and profile look like.
import Foundation

public enum MemberRole: String, Codable, Sendable, CaseIterable {
    case member, arbiter, admin
}

public enum AccountRules {
    /// Bcrypt reads at most 72 bytes; a longer password would be silently truncated, so we refuse it.
    public static let passwordMinLength = 10
    public static let passwordMaxBytes = 72
    public static let displayNameRange = 1...60
    public static let emailMaxLength = 254
    public static let tokenNameMax = 60

    /// An API token's label, trimmed; nil when empty or longer than `tokenNameMax`.
    public static func tokenName(_ raw: String?) -> String? {
        let name = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty || name.count > tokenNameMax ? nil : name
    }

    /// Trims and lowercases: two spellings of one mailbox must not become two accounts.
    public static func normalizeEmail(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public static func emailProblem(_ email: String) -> String? {
        if email.isEmpty { return "is required" }
        if email.count > emailMaxLength { return "must be at most \(emailMaxLength) characters" }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
        else { return "is not a valid email address" }
        return nil
    }

    public static func passwordProblem(_ password: String) -> String? {
        if password.count < passwordMinLength { return "must be at least \(passwordMinLength) characters" }
        if password.utf8.count > passwordMaxBytes { return "must be at most \(passwordMaxBytes) bytes" }
        return nil
    }

    public static func displayNameProblem(_ name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "is required" }
        if trimmed.count > displayNameRange.upperBound { return "must be at most \(displayNameRange.upperBound) characters" }
        return nil
    }

    /// Validates a sign-up and returns the normalised email, or every problem at once.
    public static func validateSignUp(email: String, password: String, displayName: String) throws(ValidationErrors) -> String {
        let normalized = normalizeEmail(email)
        var errors: [ValidationError] = []
        if let p = emailProblem(normalized) { errors.append(.init(field: "email", reason: p)) }
        if let p = passwordProblem(password) { errors.append(.init(field: "password", reason: p)) }
        if let p = displayNameProblem(displayName) { errors.append(.init(field: "displayName", reason: p)) }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return normalized
    }
}

/// A member's public profile: the seller's showroom and everyone's page.
public struct ProfileUpdate: Sendable, Equatable, Codable {
    public var displayName: String?
    public var headline: String?
    public var bio: String?
    public var skills: [String]?
    public var languages: [String]?
    public var timezone: String?
    public var hourlyRateCents: Int64?
    public var portfolioLinks: [String]?
    public var openToInterviews: Bool?
    public var interviewTopics: [String]?
    public var interviewChannel: String?
    public var interviewAvailability: String?

    public init(displayName: String? = nil, headline: String? = nil, bio: String? = nil, skills: [String]? = nil,
                languages: [String]? = nil, timezone: String? = nil, hourlyRateCents: Int64? = nil,
                portfolioLinks: [String]? = nil, openToInterviews: Bool? = nil, interviewTopics: [String]? = nil,
                interviewChannel: String? = nil, interviewAvailability: String? = nil) {
        self.displayName = displayName; self.headline = headline; self.bio = bio; self.skills = skills
        self.languages = languages; self.timezone = timezone; self.hourlyRateCents = hourlyRateCents
        self.portfolioLinks = portfolioLinks; self.openToInterviews = openToInterviews
        self.interviewTopics = interviewTopics; self.interviewChannel = interviewChannel
        self.interviewAvailability = interviewAvailability
    }
}

public enum ProfileRules {
    public static let headlineMax = 120
    public static let bioMax = 4000
    public static let listMaxItems = 20
    public static let listItemMax = 40
    public static let portfolioMaxLinks = 10
    public static let availabilityMax = 300
    /// $10,000 an hour is far above any real rate; anything above is a typo.
    public static let hourlyRateMaxCents: Int64 = 1_000_000
    public static let interviewChannels = ["email", "phone", "post"]

    /// Validates a partial update and returns it cleaned (trimmed, empty lists deduplicated); throws every problem at once.
    public static func validate(_ update: ProfileUpdate) throws(ValidationErrors) -> ProfileUpdate {
        var u = update
        var errors: [ValidationError] = []
        func trim(_ s: String?) -> String? { s?.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let name = update.displayName, let p = AccountRules.displayNameProblem(name) {
            errors.append(.init(field: "displayName", reason: p))
        }
        u.displayName = trim(update.displayName)
        u.headline = trim(update.headline)
        if let h = u.headline, h.count > headlineMax { errors.append(.init(field: "headline", reason: "must be at most \(headlineMax) characters")) }
        u.bio = trim(update.bio)
        if let b = u.bio, b.count > bioMax { errors.append(.init(field: "bio", reason: "must be at most \(bioMax) characters")) }
        func cleanList(_ list: [String]?, field: String, maxItems: Int) -> [String]? {
            guard let list else { return nil }
            var seen = Set<String>(); var out: [String] = []
            for (i, raw) in list.enumerated() {
                let item = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if item.isEmpty { continue }
                if item.count > listItemMax { errors.append(.init(field: "\(field)[\(i)]", reason: "must be at most \(listItemMax) characters")); continue }
                if seen.insert(item.lowercased()).inserted { out.append(item) }
            }
            if out.count > maxItems { errors.append(.init(field: field, reason: "must have at most \(maxItems) items")) }
            return out
        }
        u.skills = cleanList(update.skills, field: "skills", maxItems: listMaxItems)
        u.languages = cleanList(update.languages, field: "languages", maxItems: listMaxItems)
        u.interviewTopics = cleanList(update.interviewTopics, field: "interviewTopics", maxItems: listMaxItems)
        if let tz = trim(update.timezone), !tz.isEmpty {
            if TimeZone(identifier: tz) == nil { errors.append(.init(field: "timezone", reason: "is not a known time zone (use a name like Europe/Lisbon)")) }
            u.timezone = tz
        } else if update.timezone != nil { u.timezone = "" }
        if let rate = update.hourlyRateCents, rate < 0 || rate > hourlyRateMaxCents {
            errors.append(.init(field: "hourlyRateCents", reason: "must be between 0 and \(hourlyRateMaxCents)"))
        }
        if let links = update.portfolioLinks {
            var cleaned: [String] = []
            for (i, raw) in links.enumerated() {
                let link = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if link.isEmpty { continue }
                guard let url = URL(string: link), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
                      let host = url.host, !host.isEmpty, link.count <= 500 else {
                    errors.append(.init(field: "portfolioLinks[\(i)]", reason: "must be an http or https address")); continue
                }
                cleaned.append(link)
            }
            if cleaned.count > portfolioMaxLinks { errors.append(.init(field: "portfolioLinks", reason: "must have at most \(portfolioMaxLinks) links")) }
            u.portfolioLinks = cleaned
        }
        if let channel = trim(update.interviewChannel) {
            if !channel.isEmpty && !interviewChannels.contains(channel) {
                errors.append(.init(field: "interviewChannel", reason: "must be one of email, phone, post"))
            }
            u.interviewChannel = channel
        }
        u.interviewAvailability = trim(update.interviewAvailability)
        if let a = u.interviewAvailability, a.count > availabilityMax { errors.append(.init(field: "interviewAvailability", reason: "must be at most \(availabilityMax) characters")) }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return u
    }
}
