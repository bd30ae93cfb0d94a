// A feature area (gigs, orders, interviews…) brings its own migrations, routes, demo data and jobs;
// configure() and the commands ask each one. Adding an area = one file of its own + one line in `Features.all`.
import Vapor
import Fluent

protocol Feature: Sendable {
    /// Its tables, in order. Never reorder or edit one that has shipped.
    var migrations: [any Migration] { get }
    /// Its API routes (under /api/v1, bearer tokens) and pages (session cookie + CSRF).
    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws
    /// Fills its part of the demo marketplace (`guild demo`), after the members exist.
    func demo(_ demo: DemoContext) async throws
    /// Called once at start for `guild serve` (timers, background jobs).
    func boot(_ app: Application) throws
    /// Its part of a member's data export (`GET /api/v1/me/export`): what the member owns or took part in, never
    /// another member's records beyond what they shared with this member. Paths are the area's own.
    func export(_ context: ExportContext) async throws -> [ExportFile]
}

extension Feature {
    func demo(_ demo: DemoContext) async throws {}
    func boot(_ app: Application) throws {}
    func export(_ context: ExportContext) async throws -> [ExportFile] { [] }
}

enum Features {
    /// In migration order: never reorder.
    static let all: [any Feature] = [AccountsFeature(), GigsFeature(), OrdersFeature(), InterviewsFeature(), FinancesFeature()]
}
