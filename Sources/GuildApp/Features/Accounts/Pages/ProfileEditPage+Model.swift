// The profile editor: the values as stored or as typed, each problem on its field.
import Foundation
import GuildCore

extension ProfileEditPage {
    struct Model: Encodable {
        var values: [String: String]
        var openToInterviews: Bool
        @EmptyAsNull var errors: [String: String] = [:]
        var channels: [String] = ProfileRules.interviewChannels
    }

    static func formValues(_ u: User) -> [String: String] {
        [
            "displayName": u.displayName, "headline": u.headline, "bio": u.bio,
            "skills": u.skills.joined(separator: ", "), "languages": u.languages.joined(separator: ", "),
            "timezone": u.timezone,
            "hourlyRate": u.hourlyRateCents.map { MoneyFormat.plainAmount(cents: $0) } ?? "",
            "portfolioLinks": u.portfolioLinks.joined(separator: "\n"),
            "interviewTopics": u.interviewTopics.joined(separator: ", "),
            "interviewChannel": u.interviewChannel, "interviewAvailability": u.interviewAvailability,
        ]
    }
}
