// A member: the account (email, password hash, roles) and the public profile.
import Vapor
import Fluent
import GuildCore

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "roles") var roles: [String]
    @Field(key: "headline") var headline: String
    @Field(key: "bio") var bio: String
    @Field(key: "skills") var skills: [String]
    @Field(key: "languages") var languages: [String]
    @Field(key: "timezone") var timezone: String
    @OptionalField(key: "hourly_rate_cents") var hourlyRateCents: Int64?
    @Field(key: "portfolio_links") var portfolioLinks: [String]
    @Field(key: "open_to_interviews") var openToInterviews: Bool
    @Field(key: "interview_topics") var interviewTopics: [String]
    @Field(key: "interview_channel") var interviewChannel: String
    @Field(key: "interview_availability") var interviewAvailability: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, email: String, passwordHash: String, displayName: String) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.displayName = displayName
        self.roles = [MemberRole.member.rawValue]
        self.headline = ""
        self.bio = ""
        self.skills = []
        self.languages = []
        self.timezone = ""
        self.hourlyRateCents = nil
        self.portfolioLinks = []
        self.openToInterviews = false
        self.interviewTopics = []
        self.interviewChannel = "email"
        self.interviewAvailability = ""
    }

    func has(_ role: MemberRole) -> Bool { roles.contains(role.rawValue) }

    func apply(_ u: ProfileUpdate) {
        if let v = u.displayName { displayName = v }
        if let v = u.headline { headline = v }
        if let v = u.bio { bio = v }
        if let v = u.skills { skills = v }
        if let v = u.languages { languages = v }
        if let v = u.timezone { timezone = v }
        if let v = u.hourlyRateCents { hourlyRateCents = v }
        if let v = u.portfolioLinks { portfolioLinks = v }
        if let v = u.openToInterviews { openToInterviews = v }
        if let v = u.interviewTopics { interviewTopics = v }
        if let v = u.interviewChannel, !v.isEmpty { interviewChannel = v }
        if let v = u.interviewAvailability { interviewAvailability = v }
    }
}

extension User {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _email, _passwordHash, _displayName, _roles, _headline, _bio, _skills, _languages, _timezone, _hourlyRateCents, _portfolioLinks, _openToInterviews, _interviewTopics, _interviewChannel, _interviewAvailability, _createdAt, _updatedAt] }
}

extension User: ModelSessionAuthenticatable {}
