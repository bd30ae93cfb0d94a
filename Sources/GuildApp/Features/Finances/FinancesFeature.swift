// The finances area: the earnings dashboard, signed income statements, the member's data export, and the
// operator's backup and restore.
import Vapor
import Fluent

struct FinancesFeature: Feature {
    var migrations: [any Migration] { [AddEstimatedHoursToOrders(), CreateInstanceKeys(), CreateAuditEvents()] }

    var models: [any Model.Type] { [InstanceKeyRecord.self, AuditEventRecord.self] }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: FinancesAPIController())
        for page: any RouteCollection in [EarningsPage(), StatementPage(), VerifyStatementPage(), ExportPage(), ActivityPage()] {
            try pages.register(collection: page)
        }
    }

    func boot(_ app: Application) throws {
        app.statementKeyCache = StatementKeyCache()
        app.asyncCommands.use(StatementCommand(), as: "statement")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(RestoreCommand(), as: "restore")
    }

    func export(_ context: ExportContext) async throws -> [ExportFile] {
        // The member's earnings as the dashboard sums them, so a spreadsheet need not redo the ledger's work.
        let (_, dto) = try await EarningsDashboard.load(for: context.member, app: context.app, on: context.db)
        return [try ExportFile.document("money/earnings.json", "Your earnings summary: released, in escrow, fees, by month", dto)]
            + (try ExportFile.records("money/earnings-by-month", "Released work by month: gross, fees, net, orders", dto.months))
    }
}
