// The accounts area's part of a member's data export: the profile and the API tokens' names (never their hashes).
import Vapor
import Fluent

extension AccountsFeature {
    struct ProfileExport: Encodable {
        var id: UUID, email: String, displayName: String, roles: [String], headline: String, bio: String
        var skills: [String], languages: [String], timezone: String, hourlyRateCents: Int64?, portfolioLinks: [String]
        var openToInterviews: Bool, interviewTopics: [String], interviewChannel: String, interviewAvailability: String
        var createdAt: Date?
    }

    struct TokenExport: Encodable { var id: UUID?; var name: String; var createdAt: Date?; var lastUsedAt: Date? }

    func export(_ context: ExportContext) async throws -> [ExportFile] {
        let u = context.member
        let profile = ProfileExport(
            id: context.memberID, email: u.email, displayName: u.displayName, roles: u.roles, headline: u.headline, bio: u.bio,
            skills: u.skills, languages: u.languages, timezone: u.timezone, hourlyRateCents: u.hourlyRateCents,
            portfolioLinks: u.portfolioLinks, openToInterviews: u.openToInterviews, interviewTopics: u.interviewTopics,
            interviewChannel: u.interviewChannel, interviewAvailability: u.interviewAvailability, createdAt: u.createdAt)
        let tokens = try await UserToken.query(on: context.db).filter(\.$user.$id == context.memberID).all()
            .map { TokenExport(id: $0.id, name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt) }
        return [try ExportFile.document("profile.json", "Your profile and account (no password: Guild keeps only its hash)", profile)]
            + (try ExportFile.records("api-tokens", "Your API tokens by name and use (the tokens themselves are never stored)", tokens))
    }
}
