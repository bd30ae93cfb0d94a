// Reading reviews: an order's as its parties see them, a member's public ones, and the arbiter's queue of flags.
import Vapor
import Fluent
import GuildCore

enum ReviewQueries {
    /// The order's reviews for one of its parties (or an arbiter): their own always, the other's once revealed.
    static func forOrder(_ orderID: UUID?, viewer: User, now: Date, on db: any Database) async throws -> OrderReviewsDTO {
        let (order, side) = try await OrderQueries.visible(orderID, to: viewer, on: db)
        let all = try await ReviewRecord.query(on: db).filter(\.$orderID == order.requireID()).all()
        let names = try await authorNames(all, on: db)
        let mine = all.filter { $0.authorID == viewer.id }
        let visible = all.filter { $0.authorID == viewer.id || $0.isRevealed }
        let otherSealed = all.contains { $0.authorID != viewer.id && !$0.isRevealed }
        let completedAt = order.completedAt ?? (order.orderState == .resolved ? order.stateEnteredAt : nil)
        let outcome = ReviewableOutcome.of(state: order.orderState, cancellation: order.cancellationKind.flatMap(CancellationKind.init(rawValue:)),
                                           sellerPaidCents: try await ReviewWorkflow.sellerPaidCents(order, on: db))
        let canReview = side != nil && (try? ReviewRules.checkCanReview(outcome: outcome, completedAt: completedAt,
                                                                       alreadySubmitted: !mine.isEmpty, now: now)) != nil
        return OrderReviewsDTO(reviews: visible.sorted { $0.submittedAt < $1.submittedAt }.map { ReviewDTO($0, authorName: names[$0.authorID]) },
                               otherSideSubmitted: otherSealed, canReview: canReview,
                               windowClosesAt: completedAt.map { ReviewWindow(completedAt: $0).closesAt })
    }

    /// The revealed, not removed reviews about a member, newest first, and the rating that counts.
    static func aboutMember(_ idString: String?, limit: Int = 50, on db: any Database) async throws -> MemberReviewsDTO {
        let member = try await AccountWorkflow.find(idString, on: db)
        let reviews = try await ReviewRecord.query(on: db).filter(\.$subjectID == member.requireID())
            .filter(\.$revealedAt != nil).filter(\.$removedAt == nil)
            .sort(\.$revealedAt, .descending).limit(limit).all()
        let names = try await authorNames(reviews, on: db)
        let stats = try await SellerStatsRecord.find(member.requireID(), on: db)
        let count = stats?.ratingCount ?? 0
        return MemberReviewsDTO(ratingAverage: count > 0 ? stats?.averageRating : nil, ratingCount: count,
                                reviews: reviews.map { ReviewDTO($0, authorName: names[$0.authorID]) })
    }

    /// Arbiters: every open flag, soonest deadline first, then the latest decided. Others: the flags they raised.
    static func flags(for user: User, on db: any Database) async throws -> [ReviewFlagRecord] {
        if user.has(.arbiter) {
            let open = try await ReviewFlagRecord.query(on: db).filter(\.$outcome == ReviewFlagOutcome.open.rawValue).sort(\.$decideBy).all()
            let decided = try await ReviewFlagRecord.query(on: db).filter(\.$outcome != ReviewFlagOutcome.open.rawValue)
                .sort(\.$decidedAt, .descending).limit(20).all()
            return open + decided
        }
        return try await ReviewFlagRecord.query(on: db).filter(\.$flaggedByID == user.requireID()).sort(\.$flaggedAt, .descending).all()
    }

    static func authorNames(_ reviews: [ReviewRecord], on db: any Database) async throws -> [UUID: String] {
        let ids = Array(Set(reviews.map(\.authorID)))
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.displayName) })
    }
}
