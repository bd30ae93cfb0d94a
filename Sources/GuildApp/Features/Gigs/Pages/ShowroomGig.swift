// A gig as the seller's profile page (the showroom) lists it.
import Foundation
import Fluent
import GuildCore

struct ShowroomGig: Encodable {
    var id: String
    var title: String
    var price: String
    var delivery: String
    var status: String
    var listed: Bool

    /// Published gigs for visitors; the seller also sees their drafts and paused gigs.
    static func list(for seller: User, viewer: UUID?, on db: any Database) async throws -> [ShowroomGig] {
        try await GigCatalog.showroom(of: try seller.requireID(), viewer: viewer, on: db).map {
            ShowroomGig(id: try $0.requireID().uuidString, title: $0.title, price: "From " + MoneyFormat.format(cents: $0.startingPriceCents),
                        delivery: GigText.delivery(days: $0.fastestDeliveryDays), status: $0.status, listed: $0.gigStatus.isListed)
        }
    }
}

extension Array {
    /// `nil` for an empty list: LeafKit's `#if` is true for any non-nil array, even an empty one.
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
