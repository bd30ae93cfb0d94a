// What the account and profile API accepts and returns, kept apart from the models.
import Vapor
import GuildCore

struct SignUpRequest: Content { var email: String; var password: String; var displayName: String }
struct TokenRequest: Content { var email: String; var password: String; var name: String? }
struct PasswordChangeRequest: Content { var currentPassword: String; var newPassword: String }

struct CreatedUser: Content { var id: UUID; var email: String; var displayName: String }
struct IssuedToken: Content { var id: UUID; var token: String; var name: String }
struct TokenSummary: Content { var id: UUID; var name: String; var createdAt: Date?; var lastUsedAt: Date?; var current: Bool }

struct PublicProfile: Content {
    var id: UUID
    var displayName: String
    var headline: String
    var bio: String
    var skills: [String]
    var languages: [String]
    var timezone: String
    var hourlyRateCents: Int64?
    var portfolioLinks: [String]
    var openToInterviews: Bool
    var interviewTopics: [String]
    var interviewChannel: String
    var interviewAvailability: String
    var roles: [String]
    var memberSince: Date?
    /// Only in the member's own view (`GET /api/v1/me`); omitted from public profiles.
    var email: String?

    init(_ u: User, includePrivate: Bool = false) throws {
        email = includePrivate ? u.email : nil
        id = try u.requireID(); displayName = u.displayName; headline = u.headline; bio = u.bio
        skills = u.skills; languages = u.languages; timezone = u.timezone; hourlyRateCents = u.hourlyRateCents
        portfolioLinks = u.portfolioLinks; openToInterviews = u.openToInterviews; interviewTopics = u.interviewTopics
        interviewChannel = u.interviewChannel; interviewAvailability = u.interviewAvailability
        roles = u.roles; memberSince = u.createdAt
    }
}

extension ProfileUpdate: Content {}
