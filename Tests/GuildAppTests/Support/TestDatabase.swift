// Runs each database test against SQLite (a fresh file) and, when DATABASE_URL is set, PostgreSQL (a fresh schema).
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
@testable import GuildApp

enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// SQLite always; PostgreSQL when DATABASE_URL points at a local server.
    static var all: [TestDatabase] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// Tests drop schemas: never let them near a database that is not on this machine.
    static func requireLocal(_ url: String) throws {
        guard let host = URLComponents(string: url)?.host,
              ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host) else {
            throw TestSetupError("DATABASE_URL must point at localhost for tests (got \(url))")
        }
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Builds a Guild application on a fresh database of the given kind, runs the body, and cleans up.
/// After the body, every ledger invariant (`guild ledger verify`) must hold: no test may leave money inconsistent.
/// Only a test that breaks the ledger on purpose passes `verifyLedger: false`.
/// `configure` adjusts the settings first (e.g. a minimum hourly wage), as the environment would.
func withGuild<T>(_ kind: TestDatabase, verifyLedger: Bool = true, configure adjust: (inout GuildConfig) -> Void = { _ in },
                  _ body: (Application) async throws -> T) async throws -> T {
    let app = try await Application.make(.testing)
    app.logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    var cleanup: (@Sendable () async -> Void)? = nil
    do {
        let config: GuildConfig
        switch kind {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("guild-test-\(UUID().uuidString).sqlite").path
            config = GuildConfig(database: .sqlite(path: path), bcryptCost: 4)
            cleanup = {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        case .postgres:
            guard let url = TestDatabase.postgresURL else { throw TestSetupError("DATABASE_URL is not set") }
            try TestDatabase.requireLocal(url)
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try await PostgresSchemas.create(String(schema), url: url)
                        // Tests run in parallel, each with its own app: two connections per event loop keep the
            // whole suite well under PostgreSQL's connection limit.
            config = GuildConfig(database: .postgres(url: url, searchPath: String(schema), connectionsPerEventLoop: 2), bcryptCost: 4)
            let s = String(schema)
            cleanup = { try? await PostgresSchemas.drop(s, url: url) }
        }
        var adjusted = config
        adjust(&adjusted)
        try await configure(app, with: adjusted)
        let result = try await body(app)
        if verifyLedger {
            let (lines, ok) = try await LedgerVerification.run(on: app.db)
            #expect(ok, "guild ledger verify fails after this test:\n\(lines.joined(separator: "\n"))")
        }
        try await app.asyncShutdown()
        await cleanup?()
        return result
    } catch {
        try? await app.asyncShutdown()
        await cleanup?()
        throw error
    }
}

/// Creates and drops the per-test schema through a short-lived application of its own.
enum PostgresSchemas {
    static func create(_ schema: String, url: String) async throws {
        try await run("CREATE SCHEMA \"\(schema)\"", url: url)
    }

    static func drop(_ schema: String, url: String) async throws {
        try await run("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE", url: url)
    }

    private static func run(_ sql: String, url: String) async throws {
        let admin = try await Application.make(.testing)
        do {
            try DatabaseSetup.use(.postgres(url: url, searchPath: nil, connectionsPerEventLoop: 1), on: admin)
            try await (admin.db as! any SQLDatabase).raw(SQLQueryString(sql)).run()
        } catch {
            try? await admin.asyncShutdown()
            throw error
        }
        try await admin.asyncShutdown()
    }
}

/// A second instance of Guild on `app`'s database, with its own search index and page cache, as another server would
/// have; shut down after `body`.
func withSecondInstance<T>(of app: Application, _ body: (Application) async throws -> T) async throws -> T {
    let second = try await Application.make(.testing)
    second.logger.logLevel = .warning
    do {
        try await configure(second, with: app.guild)
        let result = try await body(second)
        try await second.asyncShutdown()
        return result
    } catch {
        try? await second.asyncShutdown()
        throw error
    }
}
