// A feature area (gigs, orders, interviews…) brings its own migrations, routes, demo data and jobs;
// configure() and the commands ask each one. Adding an area = one file of its own + one line in `Features.all`.
import Vapor
import Fluent

protocol Feature: Sendable {
    /// Its tables, in order. Never reorder or edit one that has shipped.
    var migrations: [any Migration] { get }
    /// Its Fluent models. `FieldListTests` checks each one's hand-written field list, and that every table the
    /// registered migrations make belongs to a model listed here (or to `tablesWithoutModels`): a new table cannot
    /// be forgotten.
    var models: [any Model.Type] { get }
    /// Tables its migrations make that no model reads through Fluent (a search index's own tables).
    var tablesWithoutModels: [String] { get }
    /// Its API routes (under /api/v1, bearer tokens) and pages (session cookie + CSRF).
    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws
    /// Fills its part of the demo marketplace (`guild demo`), after the members exist.
    func demo(_ demo: DemoContext) async throws
    /// Called once at start, for the server, the commands and the tests alike (settings, commands).
    func boot(_ app: Application) throws
    /// One pass over the area's due timers (run every few seconds by `guild serve`, once by `guild jobs run`):
    /// how many of each thing it did, by name.
    func runTimers(_ app: Application) async throws -> [(String, Int)]
    /// Its part of a member's data export (`GET /api/v1/me/export`): what the member owns or took part in, never
    /// another member's records beyond what they shared with this member. Paths are the area's own.
    func export(_ context: ExportContext) async throws -> [ExportFile]
}

extension Feature {
    var tablesWithoutModels: [String] { [] }
    func demo(_ demo: DemoContext) async throws {}
    func boot(_ app: Application) throws {}
    func runTimers(_ app: Application) async throws -> [(String, Int)] { [] }
    func export(_ context: ExportContext) async throws -> [ExportFile] { [] }
}

enum Features {
    /// In migration order: never reorder.
    static let all: [any Feature] = [AccountsFeature(), GigsFeature(), OrdersFeature(), InterviewsFeature(), ReviewsFeature(), LevelsFeature(),
                                     FinancesFeature(), OrderSettlementsFeature(), ProFeature(), MessagingFeature(), NotificationsFeature()]
}

extension Features {
    /// One pass over every area's timers, in area order; an area that fails is logged and the others still run.
    static func runTimers(_ app: Application) async -> [(String, Int)] {
        var done: [(String, Int)] = []
        for feature in all {
            do { done += try await feature.runTimers(app) } catch { app.logger.error("\(type(of: feature)) timers failed: \(error)") }
        }
        return done
    }
}

/// Runs every area's timers every few seconds inside `guild serve` (never in commands or tests).
final class TimerLoop: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?
    let intervalSeconds: Int

    init(intervalSeconds: Int) { self.intervalSeconds = intervalSeconds }

    func didBootAsync(_ app: Application) async throws {
        let interval = UInt64(intervalSeconds)
        task = Task { [app] in
            while !Task.isCancelled {
                _ = await Features.runTimers(app)
                try? await Task.sleep(nanoseconds: interval * 1_000_000_000)
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        await task?.value
    }

}
