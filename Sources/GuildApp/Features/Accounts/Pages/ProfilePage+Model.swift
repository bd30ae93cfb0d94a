// What a public profile shows: the member's profile, their rate, and the seller's showroom of gigs.
import Foundation
import GuildCore

extension ProfilePage {
    struct Model: Encodable {
        var profile: PublicProfile
        var isMine: Bool
        var hourlyRate: String?
        var extras: [String: String] = [:]
        /// The seller's gigs (the showroom), filled by the gigs area.
        var gigs: [ShowroomGig]? = nil
        /// Revealed reviews about the member and the rating that counts, from the reviews area.
        var reviews: [ReviewCard] = []
        var rating: String? = nil
    }
}
