// The levels area: the monthly evaluation by the published rules, each seller's level history with its reasons,
// progress on every criterion (with a chart), warnings under notice, appeals and the admin's answers.
import Vapor
import Fluent
import GuildCore

struct LevelsFeature: Feature {
    var migrations: [any Migration] { [CreateLevelEvents(), CreateLevelAppeals(), CreateLevelRuns()] }

    var models: [any Model.Type] { [LevelEventRecord.self, LevelAppealRecord.self, LevelRunRecord.self] }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: LevelsAPIController())
        for page: any RouteCollection in [LevelPage(), AppealQueuePage()] {
            try pages.register(collection: page)
        }
    }

    func boot(_ app: Application) throws {
        app.asyncCommands.use(LevelsCommand(), as: "levels")
    }

    /// The member's level history and appeals.
    func export(_ context: ExportContext) async throws -> [ExportFile] {
        let events = try await LevelEventRecord.query(on: context.db).filter(\.$sellerID == context.memberID).sort(\.$at).all()
        let appeals = try await LevelAppealRecord.query(on: context.db).filter(\.$sellerID == context.memberID).all()
        return try ExportFile.records("levels/history", "Every change the level evaluations made to your level, and why",
                                      events.map { LevelEventDTO(id: $0.id!, at: $0.at, kind: $0.kind, from: $0.fromLevel, to: $0.toLevel,
                                                                 unmet: $0.unmet.split(separator: ",").map(String.init), noticeEndsAt: $0.noticeEndsAt) })
            + (try ExportFile.records("levels/appeals", "Your appeals and their answers", appeals.map(LevelAppealDTO.init)))
    }

    func runTimers(_ app: Application) async throws -> [(String, Int)] {
        guard let s = try await LevelWorkflow.runIfDue(now: app.clock.now(), on: app.db) else { return [] }
        return [("sellers evaluated", s.sellers), ("promoted", s.promoted), ("warned", s.warned), ("moved down", s.demoted)]
    }

    /// This month's evaluation (the orders step ran the earlier months' on its clock), and one warned seller's appeal.
    func demo(_ demo: DemoContext) async throws {
        let progress = demo.progress("levels", total: 1)
        _ = try await LevelWorkflow.runIfDue(now: demo.realNow, on: demo.db)
        if let warning = try await LevelEventRecord.query(on: demo.db).filter(\.$kind == LevelEventKind.warned.rawValue).first(),
           let seller = try await User.find(warning.sellerID, on: demo.db) {
            _ = try await LevelWorkflow.appeal(event: warning.id, by: seller, text: "Two of those reviews were about a courier delay that the buyers themselves said was not my fault.",
                                               now: demo.realNow, on: demo.db)
        }
        progress.finish()
    }
}
