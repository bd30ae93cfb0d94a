// What the gig page shows: the gig, its packages with their order links, the seller's standing, and the seller's own moves.
import Foundation
import GuildCore

extension GigPage {
    struct PackageView: Encodable, Sendable {
        var name: String; var price: String; var delivery: String; var revisions: String; var includes: [String]?; var orderURL: String
    }
    struct MoveView: Encodable, Sendable { var status: String; var action: String }

    struct Model: Encodable, Sendable {
        var id: String; var title: String; var description: String; var category: String; var categorySlug: String
        var subcategory: String?; var tags: [String]?; var status: String; var isListed: Bool
        var sellerId: String; var sellerName: String; var sellerHeadline: String?; var level: String; var rating: String; var isPro: Bool
        var packages: [PackageView]; var isMine: Bool; var moves: [MoveView]

        init(gig: Gig, seller: User, stats: SellerStatsRecord?, viewer: UUID?) throws {
            let gigID = try gig.requireID()
            let isMine = viewer == seller.id
            id = gigID.uuidString; title = gig.title; description = gig.description
            category = GigText.categoryName(gig.category); categorySlug = gig.category
            subcategory = GigText.subcategoryName(gig.subcategory, in: gig.category); tags = gig.tags.isEmpty ? nil : gig.tags
            status = gig.status; isListed = gig.gigStatus.isListed
            sellerId = try seller.requireID().uuidString; sellerName = seller.displayName
            sellerHeadline = seller.headline.isEmpty ? nil : seller.headline
            level = SellerLevel(rawValue: stats?.level ?? "")?.label ?? SellerLevel.new.label
            rating = GigText.rating(average: stats.map(\.averageRating), count: stats?.ratingCount ?? 0); isPro = stats?.isPro ?? false
            packages = gig.packages.map { p in
                PackageView(name: p.name, price: MoneyFormat.format(cents: p.priceCents), delivery: GigText.delivery(days: p.deliveryDays),
                            revisions: p.revisions == 1 ? "1 revision" : "\(p.revisions) revisions", includes: p.includes.isEmpty ? nil : p.includes,
                            orderURL: "/gigs/\(gigID.uuidString)/order?" + GigText.query([("package", p.name)]))
            }
            self.isMine = isMine
            moves = isMine ? GigStatus.moves.filter { $0.from == gig.gigStatus }.map { MoveView(status: $0.to.rawValue, action: $0.action.capitalized) } : []
        }
    }
}
