// One review as the pages show it: stars in words, who wrote it, the response, and what the reader may do with it.
import Foundation
import GuildCore

struct ReviewCard: Encodable {
    var id: String
    var byline: String
    var stars: String
    var starsLabel: String
    var details: [String]
    var text: String
    var outsideSellerControl: Bool
    var countsInRating: Bool
    var submittedAt: Date
    var sealed: Bool
    var response: String?
    var respondedAt: Date?
    var removalReason: String?
    var canRespond: Bool
    var canFlag: Bool

    init(_ r: ReviewDTO, viewer: UUID?) {
        id = r.id.uuidString
        let who = r.authorName ?? (r.side == ReviewSide.buyer.rawValue ? "The buyer" : "The seller")
        byline = r.authorId == viewer ? "Your review" : "\(who), as the \(r.side)"
        stars = String(repeating: "★", count: r.rating) + String(repeating: "☆", count: max(0, 5 - r.rating))
        starsLabel = "\(r.rating) of 5 stars"
        details = [("Communication", r.communication), ("Quality", r.quality), ("On time", r.onTime)]
            .compactMap { label, value in value.map { "\(label): \($0) of 5" } }
        text = r.text
        outsideSellerControl = r.outsideSellerControl
        countsInRating = r.countsInRating
        submittedAt = r.submittedAt
        sealed = !r.revealed
        response = r.response
        respondedAt = r.respondedAt
        removalReason = r.removed ? (r.removalReason ?? "") : nil
        canRespond = r.subjectId == viewer && r.revealed && r.response == nil && !r.removed
        canFlag = viewer != nil && r.authorId != viewer && r.revealed && !r.removed
    }
}
