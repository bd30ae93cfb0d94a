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
    /// Called once at start for `guild serve` (timers, background jobs).
    func boot(_ app: Application) throws
}

extension Feature {
    var tablesWithoutModels: [String] { [] }
    func demo(_ demo: DemoContext) async throws {}
    func boot(_ app: Application) throws {}
}

enum Features {
    /// In migration order: never reorder.
    static let all: [any Feature] = [AccountsFeature(), GigsFeature(), OrdersFeature(), InterviewsFeature()]
}
