// Reviews: submit (revealing both at the second), reveal when the window closes, respond, flag, and the arbiter's
// decision. The rules are GuildCore's (`ReviewRules`, `ReviewReveal`, `ReviewCounting`, `ReviewFlagRules`); the seller's
// rating moves in the same transaction as the reveal or the removal that changes it.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum ReviewWorkflow {
    /// Submits one side's review of an order. Refused (409) for orders that were cancelled, are unfinished, or were
    /// refunded in full by a dispute, for a second review by the same side, and after the window; 404 for strangers.
    static func submit(orderID: UUID?, by user: User, draft: ReviewDraft, now: Date, on db: any Database) async throws -> ReviewRecord {
        guard let orderID else { throw APIError.notFound("That order") }
        return try await WriteTransaction.run(on: db) { tx in
            // The order row is locked (PostgreSQL) so that the two sides' reviews, racing, see each other and one reveals both.
            let order = try await OrderWorkflow.lockOrder(orderID, on: tx)
            guard let actor = order.actor(for: user) else { throw APIError.notFound("That order") }
            let side: ReviewSide = actor == .buyer ? .buyer : .seller
            let outcome = ReviewableOutcome.of(state: order.orderState, cancellation: order.cancellationKind.flatMap(CancellationKind.init(rawValue:)),
                                               sellerPaidCents: try await sellerPaidCents(order, on: tx))
            let completedAt = order.completedAt ?? (order.orderState == .resolved ? order.stateEnteredAt : nil)
            let existing = try await ReviewRecord.query(on: tx).filter(\.$orderID == orderID).all()
            try ReviewRules.checkCanReview(outcome: outcome, completedAt: completedAt,
                                           alreadySubmitted: existing.contains { $0.reviewSide == side }, now: now)
            let valid = try ReviewRules.validate(draft, side: side)
            let review = ReviewRecord()
            review.id = UUID()
            review.orderID = orderID
            review.authorID = try user.requireID()
            review.subjectID = side == .buyer ? order.sellerID : order.buyerID
            review.side = side.rawValue
            review.rating = valid.rating
            review.communication = valid.communication
            review.quality = valid.quality
            review.onTime = valid.onTime
            review.text = valid.text
            review.outsideSellerControl = valid.outsideSellerControl
            review.submittedAt = now
            review.windowClosesAt = ReviewWindow(completedAt: completedAt ?? now).closesAt
            review.counted = false
            try await review.create(on: tx)
            if let other = existing.first(where: { $0.reviewSide == side.other }) {
                try await reveal([other, review], at: now, on: tx)
            }
            return review
        }
    }

    /// What the seller was paid from this order (releases and resolutions alike): a resolution that paid nothing
    /// leaves nothing to review.
    static func sellerPaidCents(_ order: OrderRecord, on db: any Database) async throws -> Int64 {
        let key = LedgerAccountRef.member(order.sellerID).key
        let row = try await db.sql.raw("""
            SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS paid FROM ledger_entries
            WHERE order_id = \(bind: try order.requireID()) AND account_key = \(bind: key) AND side = \(bind: LedgerEntry.Side.credit.rawValue)
            """).first()
        return try row?.decode(column: "paid", as: Int64.self) ?? 0
    }

    /// Reveals the reviews not yet revealed, and adds those that count to the seller's rating, in the caller's transaction.
    static func reveal(_ reviews: [ReviewRecord], at now: Date, on tx: any Database) async throws {
        let revealing = reviews.filter { $0.revealedAt == nil }
        for review in revealing {
            review.revealedAt = now
            review.counted = ReviewCounting.countsInSellerRating(side: review.reviewSide, outsideSellerControl: review.outsideSellerControl,
                                                                 removed: review.removedAt != nil)
            try await review.save(on: tx)
            if review.counted { try await moveRating(of: review.subjectID, by: review.rating, count: 1, on: tx) }
        }
        try await NotificationEvents.reviewsRevealed(revealing, at: now, on: tx)
    }

    /// Adds (or, with negative numbers, takes back) stars in the seller's rating, and stores the Bayesian score search sorts by.
    static func moveRating(of seller: UUID, by stars: Int, count: Int, on tx: any Database) async throws {
        try await SellerStatsUpdate.add([("rating_sum", Int64(stars)), ("rating_count", Int64(count))], to: seller, on: tx)
        try await tx.sql.raw("UPDATE seller_stats SET rating_score = \(unsafeRaw: GigSearch.bayesianExpression(table: "seller_stats")) WHERE user_id = \(bind: seller)").run()
    }

    /// Reveals the reviews whose window has closed without the other side's review. One order per transaction; on
    /// PostgreSQL the rows are leased with `FOR UPDATE SKIP LOCKED`, so two instances never reveal the same review twice.
    static func revealDue(now: Date, limit: Int = 1_000, on db: any Database) async throws -> Int {
        let due = try await ReviewRecord.query(on: db).filter(\.$revealedAt == nil).filter(\.$windowClosesAt <= now)
            .limit(limit).all().map(\.orderID)
        var revealed = 0
        for orderID in Set(due) {
            revealed += try await WriteTransaction.run(on: db) { tx in
                let lease: SQLQueryString = tx.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
                let rows = try await tx.sql.raw("SELECT * FROM order_reviews WHERE order_id = \(bind: orderID) AND revealed_at IS NULL AND window_closes_at <= \(bind: now)" + lease)
                    .all(decodingFluent: ReviewRecord.self)
                try await reveal(rows, at: now, on: tx)
                return rows.count
            }
        }
        return revealed
    }

    /// The reviewed member's one public response.
    static func respond(to reviewID: UUID?, by user: User, text raw: String?, now: Date, on db: any Database) async throws -> ReviewRecord {
        let text = try ReviewResponseRules.validate(raw)
        return try await WriteTransaction.run(on: db) { tx in
            let review = try await visibleReview(reviewID, to: user, on: tx)
            try ReviewResponseRules.checkCanRespond(isSubject: review.subjectID == user.id, revealed: review.isRevealed,
                                                    alreadyResponded: review.response != nil)
            review.response = text
            review.respondedAt = now
            try await review.save(on: tx)
            return review
        }
    }

    /// A member flags a revealed review as breaking the published rules; an arbiter decides by the deadline.
    static func flag(_ reviewID: UUID?, by user: User, reason raw: String?, now: Date, on db: any Database) async throws -> ReviewFlagRecord {
        let reason = try ReviewFlagRules.validateReason(raw)
        return try await WriteTransaction.run(on: db) { tx in
            let review = try await visibleReview(reviewID, to: user, on: tx)
            let memberID = try user.requireID()
            let already = try await ReviewFlagRecord.query(on: tx).filter(\.$reviewID == review.requireID()).filter(\.$flaggedByID == memberID).count() > 0
            try ReviewFlagRules.checkCanFlag(isAuthor: review.authorID == memberID, revealed: review.isRevealed,
                                             removed: review.removedAt != nil, alreadyFlagged: already)
            let flag = ReviewFlagRecord()
            flag.id = UUID()
            flag.reviewID = try review.requireID()
            flag.flaggedByID = memberID
            flag.reason = reason
            flag.flaggedAt = now
            flag.decideBy = ReviewFlagRules.decideBy(flaggedAt: now)
            flag.outcome = ReviewFlagOutcome.open.rawValue
            try await flag.create(on: tx)
            return flag
        }
    }

    /// An arbiter who took no part in the order upholds (the review is removed and stops counting) or rejects a flag,
    /// with a reason. Deciding one flag decides every open flag on the same review.
    static func decide(flag flagID: UUID?, by arbiter: User, upheld: Bool, reason raw: String?, now: Date, on db: any Database) async throws -> ReviewFlagRecord {
        guard arbiter.has(.arbiter) else {
            throw APIError.forbidden("Only an arbiter can decide a flag")
        }
        let reason = try DecisionReason.validate(raw)
        return try await WriteTransaction.run(on: db) { tx in
            guard let flagID, let flag = try await ReviewFlagRecord.find(flagID, on: tx),
                  let review = try await ReviewRecord.find(flag.reviewID, on: tx) else { throw APIError.notFound("That flag") }
            guard let order = try await OrderRecord.find(review.orderID, on: tx) else { throw APIError.notFound("That flag") }
            if order.actor(for: arbiter) != nil {
                throw ConflictError(code: "arbiter_is_party", message: "An arbiter cannot decide a flag on a review of their own order.")
            }
            guard flag.flagOutcome == .open else {
                throw ConflictError(code: "flag_decided", message: "This flag has already been decided: \(flag.flagOutcome.spoken).")
            }
            let outcome: ReviewFlagOutcome = upheld ? .upheld : .rejected
            let open = try await ReviewFlagRecord.query(on: tx).filter(\.$reviewID == review.requireID())
                .filter(\.$outcome == ReviewFlagOutcome.open.rawValue).all()
            for f in open {
                f.outcome = outcome.rawValue
                f.decisionReason = reason
                f.decidedByID = arbiter.id
                f.decidedAt = now
                try await f.save(on: tx)
            }
            if upheld {
                review.removedAt = now
                review.removalReason = reason
                if review.counted {
                    review.counted = false
                    try await moveRating(of: review.subjectID, by: -review.rating, count: -1, on: tx)
                }
                try await review.save(on: tx)
            }
            try await NotificationEvents.flagsDecided(open, review: review, order: order, upheld: upheld, reason: reason, now: now, on: tx)
            return open.first { $0.id == flag.id } ?? flag
        }
    }

    /// Flags past their deadline with no decision lapse: the review stays, as published.
    static func lapseDue(now: Date, on db: any Database) async throws -> Int {
        try await WriteTransaction.run(on: db) { tx in
            let due = try await ReviewFlagRecord.query(on: tx).filter(\.$outcome == ReviewFlagOutcome.open.rawValue)
                .filter(\.$decideBy <= now).all()
            for f in due {
                f.outcome = ReviewFlagOutcome.lapsed.rawValue
                f.decidedAt = now
                try await f.save(on: tx)
            }
            return due.count
        }
    }

    /// A review the member may see: their own, one about them, or any revealed one that was not removed.
    static func visibleReview(_ id: UUID?, to user: User?, on db: any Database) async throws -> ReviewRecord {
        guard let id, let review = try await ReviewRecord.find(id, on: db) else { throw APIError.notFound("That review") }
        let mine = user?.id == review.authorID
        guard mine || (review.isRevealed && (review.removedAt == nil || user?.id == review.subjectID)) else {
            throw APIError.notFound("That review")
        }
        return review
    }
}
