// Seller levels from the record: the monthly evaluation (`LevelRules.evaluate` on every seller), the history it writes,
// appeals and the admin's answers. A promotion takes effect at the evaluation; a drop only after the published notice.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum LevelWorkflow {
    /// Evaluates one seller in the caller's transaction; returns what it wrote to the history, if anything.
    @discardableResult
    static func evaluate(_ sellerID: UUID, now: Date, rules: LevelRules = .standard, on tx: any Database) async throws -> LevelEventKind? {
        let lock: SQLQueryString = tx.kind == .postgres ? " FOR UPDATE" : ""
        guard let stats = try await tx.sql.raw("SELECT * FROM seller_stats WHERE user_id = \(bind: sellerID)" + lock)
                .first(decodingFluent: SellerStatsRecord.self),
              let seller = try await User.find(sellerID, on: tx) else { return nil }
        let record = stats.levelStats(joinedAt: seller.createdAt ?? now)
        let before = LevelStanding(level: SellerLevel(rawValue: stats.level) ?? .new, atRiskSince: stats.levelAtRiskSince)
        let assessment = rules.evaluate(stats: record, current: before, now: now)
        try await tx.sql.raw("""
            UPDATE seller_stats SET level = \(bind: assessment.standing.level.rawValue), level_at_risk_since = \(bind: assessment.standing.atRiskSince)
            WHERE user_id = \(bind: sellerID)
            """).run()
        guard let kind = LevelEvaluationOutcome.event(before: before, assessment: assessment) else { return nil }
        // What was missing: for a warning, what the assessment found; for a drop, what the notice was about.
        let unmet = assessment.warning?.unmet ?? rules.report(stats: record, standing: before, now: now).warning?.unmet ?? []
        try await append(kind, seller: sellerID, from: before.level, to: assessment.standing.level, unmet: unmet,
                         noticeEndsAt: assessment.warning?.graceEndsAt, at: now, on: tx)
        return kind
    }

    static func append(_ kind: LevelEventKind, seller: UUID, from: SellerLevel, to: SellerLevel, unmet: [Requirement.Key],
                       noticeEndsAt: Date?, at now: Date, on tx: any Database) async throws {
        let event = LevelEventRecord()
        event.id = UUID()
        event.sellerID = seller
        event.at = now
        event.kind = kind.rawValue
        event.fromLevel = from.rawValue
        event.toLevel = to.rawValue
        event.unmet = unmet.map(\.rawValue).joined(separator: ",")
        event.noticeEndsAt = noticeEndsAt
        try await event.create(on: tx)
        if kind == .warned { try await NotificationEvents.levelWarned(event, now: now, on: tx) }
    }

    struct Summary: Sendable, Equatable { var sellers = 0; var promoted = 0; var warned = 0; var recovered = 0; var demoted = 0 }

    /// Every seller (or those named), one transaction each (`guild levels evaluate`, and the monthly run).
    static func evaluateAll(now: Date, only sellers: [UUID]? = nil, on db: any Database) async throws -> Summary {
        var ids = sellers ?? []
        if sellers == nil { ids = try await SellerStatsRecord.query(on: db).all().compactMap(\.id) }
        var summary = Summary()
        for id in ids {
            let kind = try await WriteTransaction.run(on: db) { tx in try await evaluate(id, now: now, on: tx) }
            summary.sellers += 1
            switch kind {
            case .promoted: summary.promoted += 1
            case .warned: summary.warned += 1
            case .recovered: summary.recovered += 1
            case .demoted: summary.demoted += 1
            case .restored, nil: break
            }
        }
        return summary
    }

    /// The published schedule: once a month (the month's first run evaluates everyone). Running twice in a month
    /// changes nothing a second time, so two instances starting together are harmless.
    static func runIfDue(now: Date, on db: any Database) async throws -> Summary? {
        let period = Self.period(of: now)
        if try await LevelRunRecord.query(on: db).filter(\.$period == period).count() > 0 { return nil }
        let summary = try await evaluateAll(now: now, on: db)
        try await db.sql.raw("""
            INSERT INTO level_runs (id, period, ran_at, sellers) VALUES (\(bind: UUID()), \(bind: period), \(bind: now), \(bind: summary.sellers))
            ON CONFLICT (period) DO NOTHING
            """).run()
        return summary
    }

    static func period(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SpokenDate.utc
        let c = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", c.year ?? 0, c.month ?? 0)
    }

    /// A seller appeals a warning or a drop of their own, once, within the window.
    static func appeal(event eventID: UUID?, by seller: User, text raw: String?, now: Date, on db: any Database) async throws -> LevelAppealRecord {
        let text = try LevelAppealRules.validate(raw)
        return try await WriteTransaction.run(on: db) { tx in
            guard let eventID, let event = try await LevelEventRecord.find(eventID, on: tx), event.sellerID == seller.id else {
                throw APIError.notFound("That evaluation")
            }
            let already = try await LevelAppealRecord.query(on: tx).filter(\.$eventID == eventID).count() > 0
            try LevelAppealRules.checkCanAppeal(event: event.eventKind, eventAt: event.at, alreadyAppealed: already, now: now)
            let appeal = LevelAppealRecord()
            appeal.id = UUID()
            appeal.sellerID = event.sellerID
            appeal.eventID = eventID
            appeal.text = text
            appeal.appealedAt = now
            appeal.answerBy = LevelAppealRules.answerBy(appealedAt: now)
            appeal.outcome = LevelAppealOutcome.open.rawValue
            try await appeal.create(on: tx)
            return appeal
        }
    }

    /// An admin answers with a reason; upheld restores the level held before the warning or drop and lifts the warning.
    static func answer(appeal appealID: UUID?, by admin: User, upheld: Bool, reason raw: String?, now: Date, on db: any Database) async throws -> LevelAppealRecord {
        guard admin.has(.admin) else { throw APIError.forbidden("Only an admin answers level appeals") }
        let reason = try DecisionReason.validate(raw)
        return try await WriteTransaction.run(on: db) { tx in
            guard let appealID, let appeal = try await LevelAppealRecord.find(appealID, on: tx),
                  let event = try await LevelEventRecord.find(appeal.eventID, on: tx) else { throw APIError.notFound("That appeal") }
            guard appeal.outcome == LevelAppealOutcome.open.rawValue else { throw ConflictError(code: "appeal_answered", message: "This appeal has already been answered.") }
            if appeal.sellerID == admin.id { throw ConflictError(code: "own_appeal", message: "An admin cannot answer their own appeal.") }
            appeal.outcome = (upheld ? LevelAppealOutcome.upheld : .dismissed).rawValue
            appeal.answer = reason
            appeal.answeredByID = admin.id
            appeal.answeredAt = now
            try await appeal.save(on: tx)
            if upheld {
                let restored = SellerLevel(rawValue: event.fromLevel) ?? .new
                let current = try await SellerStatsRecord.find(appeal.sellerID, on: tx).flatMap { SellerLevel(rawValue: $0.level) } ?? .new
                try await tx.sql.raw("UPDATE seller_stats SET level = \(bind: restored.rawValue), level_at_risk_since = NULL WHERE user_id = \(bind: appeal.sellerID)").run()
                try await append(.restored, seller: appeal.sellerID, from: current, to: restored, unmet: [], noticeEndsAt: nil, at: now, on: tx)
            }
            return appeal
        }
    }
}
