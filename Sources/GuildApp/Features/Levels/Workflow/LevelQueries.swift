// A seller's level as anyone may read it: the level held, the progress on every criterion of the next, the warning
// with its date, the history and the appeals.
import Vapor
import Fluent
import GuildCore

enum LevelQueries {
    static func report(_ idString: String?, now: Date, on db: any Database) async throws -> LevelDTO {
        let seller = try await AccountWorkflow.find(idString, on: db)
        let sellerID = try seller.requireID()
        let stats = try await SellerStatsRecord.find(sellerID, on: db) ?? SellerStatsRecord(userID: sellerID)
        let standing = LevelStanding(level: SellerLevel(rawValue: stats.level) ?? .new, atRiskSince: stats.levelAtRiskSince)
        let report = LevelRules.standard.report(stats: stats.levelStats(joinedAt: seller.createdAt ?? now), standing: standing, now: now)
        let events = try await LevelEventRecord.query(on: db).filter(\.$sellerID == sellerID).sort(\.$at, .descending).limit(50).all()
        let appeals = try await LevelAppealRecord.query(on: db).filter(\.$sellerID == sellerID).sort(\.$appealedAt, .descending).all()
        return LevelDTO(report, sellerId: sellerID, events: events, appeals: appeals, nextEvaluationAt: LevelRules.nextEvaluation(after: now))
    }

    /// Admins: open appeals, soonest deadline first, then recent answers. Sellers: their own.
    static func appeals(for user: User, on db: any Database) async throws -> [LevelAppealRecord] {
        if user.has(.admin) {
            let open = try await LevelAppealRecord.query(on: db).filter(\.$outcome == LevelAppealOutcome.open.rawValue).sort(\.$answerBy).all()
            let answered = try await LevelAppealRecord.query(on: db).filter(\.$outcome != LevelAppealOutcome.open.rawValue).sort(\.$answeredAt, .descending).limit(20).all()
            return open + answered
        }
        return try await LevelAppealRecord.query(on: db).filter(\.$sellerID == user.requireID()).sort(\.$appealedAt, .descending).all()
    }
}
