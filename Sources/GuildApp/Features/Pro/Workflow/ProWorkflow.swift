// Pro vetting: applications with evidence, the admin's identity check and decision against `ProVetting`, removal
// under notice with the seller's answer, and the notice's end. `seller_stats.is_pro` changes only here.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum ProWorkflow {
    static let vetting = ProVetting.standard

    /// A seller applies with their evidence.
    static func apply(seller: User, qualifications: String?, portfolioLinks: [String]?, now: Date, on db: any Database) async throws -> ProApplicationRecord {
        let evidence = try ProRules.validate(qualifications: qualifications, portfolioLinks: portfolioLinks)
        let sellerID = try seller.requireID()
        return try await WriteTransaction.run(on: db) { tx in
            let stats = try await SellerStatsRecord.find(sellerID, on: tx)
            let pending = try await ProApplicationRecord.query(on: tx).filter(\.$sellerID == sellerID)
                .filter(\.$state == ProApplicationState.pending.rawValue).count() > 0
            try ProRules.requireCanApply(isPro: stats?.isPro ?? false, hasPendingApplication: pending)
            let record = ProApplicationRecord()
            record.id = UUID()
            record.sellerID = sellerID
            record.qualifications = evidence.qualifications
            record.portfolioLinksText = evidence.portfolioLinks.joined(separator: "\n")
            record.state = ProApplicationState.pending.rawValue
            record.appliedAt = now
            try await record.create(on: tx)
            return record
        }
    }

    /// The published criteria checked against the seller's real record: level and rating from `seller_stats`, the
    /// links they applied with, and the admin's identity check.
    static func checks(_ application: ProApplicationRecord, stats: SellerStatsRecord?) -> [ProCriterionCheck] {
        vetting.check(ProCandidate(level: stats.flatMap { SellerLevel(rawValue: $0.level) } ?? .new,
                                   portfolioLinks: application.portfolioLinks, identityVerifiedAt: application.identityVerifiedAt,
                                   ratingSum: stats?.ratingSum ?? 0, ratingCount: stats?.ratingCount ?? 0))
    }

    /// An admin records that they verified the seller's identity: a step of the vetting, before the decision.
    static func verifyIdentity(_ id: UUID?, by admin: User, now: Date, on db: any Database) async throws -> ProApplicationRecord {
        try requireAdmin(admin)
        let adminID = try admin.requireID()
        return try await WriteTransaction.run(on: db) { tx in
            let application = try await lockApplication(id, on: tx)
            guard application.applicationState == .pending else {
                throw ConflictError(code: "application_decided", message: "this application was already \(application.state)")
            }
            if application.identityVerifiedAt == nil {
                application.identityVerifiedAt = now
                application.identityVerifiedByID = adminID
                try await application.save(on: tx)
            }
            return application
        }
    }

    /// An admin accepts (every criterion met) or declines, with a reason the seller reads.
    static func decide(_ id: UUID?, by admin: User, accept: Bool?, reason: String?, now: Date, on db: any Database) async throws -> ProApplicationRecord {
        try requireAdmin(admin)
        guard let accept else { throw ValidationError(field: "accept", reason: "is required: true makes the seller Pro, false declines") }
        let why = try ProRules.validateReason(reason)
        let adminID = try admin.requireID()
        return try await WriteTransaction.run(on: db) { tx in
            let application = try await lockApplication(id, on: tx)
            let stats = try await SellerStatsRecord.find(application.sellerID, on: tx)
            try ProRules.requireCanDecide(state: application.applicationState, accept: accept, checks: checks(application, stats: stats))
            application.state = (accept ? ProApplicationState.accepted : .declined).rawValue
            application.decidedByID = adminID
            application.decidedAt = now
            application.reason = why
            try await application.save(on: tx)
            if accept { try await setPro(true, seller: application.sellerID, on: tx) }
            try await NotificationEvents.proApplicationDecided(application, accepted: accept, reason: why, now: now, on: tx)
            return application
        }
    }

    /// An admin starts removing a seller's Pro status: a reason and the published notice, during which they stay Pro.
    static func startRemoval(seller sellerID: UUID?, by admin: User, reason: String?, now: Date, on db: any Database) async throws -> ProRemovalRecord {
        try requireAdmin(admin)
        let why = try ProRules.validateReason(reason)
        let adminID = try admin.requireID()
        guard let sellerID, try await User.find(sellerID, on: db) != nil else { throw APIError.notFound("That member") }
        return try await WriteTransaction.run(on: db) { tx in
            let stats = try await SellerStatsRecord.find(sellerID, on: tx)
            let running = try await ProRemovalRecord.query(on: tx).filter(\.$sellerID == sellerID)
                .filter(\.$state == ProRemovalState.notice.rawValue).count() > 0
            try ProRules.requireCanStartRemoval(isPro: stats?.isPro ?? false, hasOpenNotice: running)
            let record = ProRemovalRecord()
            record.id = UUID()
            record.sellerID = sellerID
            record.reason = why
            record.noticedByID = adminID
            record.noticedAt = now
            record.effectiveAt = ProRules.effectiveAt(noticeFrom: now)
            record.state = ProRemovalState.notice.rawValue
            try await record.create(on: tx)
            return record
        }
    }

    /// The seller answers the notice, once, before it ends. Other members get a 404.
    static func respond(_ id: UUID?, by seller: User, text: String?, now: Date, on db: any Database) async throws -> ProRemovalRecord {
        let answer = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard ProRules.responseLength.contains(answer.count) else {
            throw ValidationError(field: "text", reason: "must be \(ProRules.responseLength.lowerBound) to \(ProRules.responseLength.upperBound) characters")
        }
        let sellerID = try seller.requireID()
        return try await WriteTransaction.run(on: db) { tx in
            let removal = try await lockRemoval(id, on: tx)
            guard removal.sellerID == sellerID else { throw APIError.notFound("That removal notice") }
            try ProRules.requireCanRespond(state: removal.removalState, respondedAt: removal.respondedAt, effectiveAt: removal.effectiveAt, now: now)
            removal.response = answer
            removal.respondedAt = now
            try await removal.save(on: tx)
            return removal
        }
    }

    /// An admin keeps the seller Pro after all (for example after reading their answer), with a reason.
    static func cancelRemoval(_ id: UUID?, by admin: User, reason: String?, now: Date, on db: any Database) async throws -> ProRemovalRecord {
        try requireAdmin(admin)
        let why = try ProRules.validateReason(reason)
        let adminID = try admin.requireID()
        return try await WriteTransaction.run(on: db) { tx in
            let removal = try await lockRemoval(id, on: tx)
            try ProRules.requireNoticeRunning(removal.removalState)
            removal.state = ProRemovalState.cancelled.rawValue
            removal.closedAt = now
            removal.closedByID = adminID
            removal.closingReason = why
            try await removal.save(on: tx)
            return removal
        }
    }

    /// Notices that have ended take effect: Pro status is removed. One removal per transaction, its row locked, so two
    /// instances never apply the same one twice. Returns how many took effect.
    static func runDue(now: Date, on db: any Database) async throws -> Int {
        let due = try await ProRemovalRecord.query(on: db).filter(\.$state == ProRemovalState.notice.rawValue)
            .filter(\.$effectiveAt <= now).limit(200).all()
        var done = 0
        for candidate in due {
            let applied = try await WriteTransaction.run(on: db) { tx -> Bool in
                let removal = try await lockRemoval(candidate.id, on: tx)
                guard ProRules.isDue(state: removal.removalState, effectiveAt: removal.effectiveAt, now: now) else { return false }
                removal.state = ProRemovalState.effective.rawValue
                removal.closedAt = now
                try await removal.save(on: tx)
                try await setPro(false, seller: removal.sellerID, on: tx)
                return true
            }
            if applied { done += 1 }
        }
        return done
    }

    // MARK: reading

    static func applications(on db: any Database) async throws -> [ProApplicationRecord] {
        let pending = try await ProApplicationRecord.query(on: db).filter(\.$state == ProApplicationState.pending.rawValue).sort(\.$appliedAt).limit(200).all()
        let decided = try await ProApplicationRecord.query(on: db).filter(\.$state != ProApplicationState.pending.rawValue)
            .sort(\.$decidedAt, .descending).limit(50).all()
        return pending + decided
    }

    static func removals(on db: any Database) async throws -> [ProRemovalRecord] {
        try await ProRemovalRecord.query(on: db).sort(\.$noticedAt, .descending).limit(100).all()
    }

    static func mine(_ sellerID: UUID, on db: any Database) async throws -> (applications: [ProApplicationRecord], removals: [ProRemovalRecord]) {
        (try await ProApplicationRecord.query(on: db).filter(\.$sellerID == sellerID).sort(\.$appliedAt, .descending).limit(20).all(),
         try await ProRemovalRecord.query(on: db).filter(\.$sellerID == sellerID).sort(\.$noticedAt, .descending).limit(20).all())
    }

    // MARK: helpers

    static func requireAdmin(_ user: User) throws {
        guard user.has(.admin) else { throw APIError.forbidden("Only an administrator can vet Pro sellers") }
    }

    /// The badge and the `pro=true` filter read this column; the row is made first for a seller without one.
    private static func setPro(_ isPro: Bool, seller: UUID, on tx: any Database) async throws {
        try await SellerStatsUpdate.add([("completed_orders", 0)], to: seller, on: tx)
        try await tx.sql.raw("UPDATE seller_stats SET is_pro = \(bind: isPro) WHERE user_id = \(bind: seller)").run()
    }

    private static func lockApplication(_ id: UUID?, on tx: any Database) async throws -> ProApplicationRecord {
        let lock: SQLQueryString = tx.kind == .postgres ? " FOR UPDATE" : ""
        guard let id, let record = try await tx.sql.raw("SELECT * FROM pro_applications WHERE id = \(bind: id)" + lock)
            .first(decodingFluent: ProApplicationRecord.self) else { throw APIError.notFound("That application") }
        return record
    }

    private static func lockRemoval(_ id: UUID?, on tx: any Database) async throws -> ProRemovalRecord {
        let lock: SQLQueryString = tx.kind == .postgres ? " FOR UPDATE" : ""
        guard let id, let record = try await tx.sql.raw("SELECT * FROM pro_removals WHERE id = \(bind: id)" + lock)
            .first(decodingFluent: ProRemovalRecord.self) else { throw APIError.notFound("That removal notice") }
        return record
    }
}
