// guild-ledger-bench: ledger transfers per second in process (no HTTP), on a fresh SQLite file or, with
// --postgres URL, on a fresh PostgreSQL schema that it drops afterwards. Build and run in release:
//   swift run -c release guild-ledger-bench [--seconds 10] [--tasks 4] [--postgres postgres://…]
// Prints the figures and the ratio against an empty write transaction measured in the same run.
import Foundation
import Vapor
import Fluent
import FluentPostgresDriver
@_spi(Benchmark) import GuildApp

@main
enum LedgerBench {
    static func main() async throws {
        var seconds = 10.0, tasks = 4, members = 1000
        var postgres: String?
        var args = Array(CommandLine.arguments.dropFirst())
        if args.contains("--help") || args.contains("-h") {
            print("""
                guild-ledger-bench: durable ledger transfers per second in process (no HTTP), with the ratio against an
                empty write transaction in the same run, then every ledger invariant checked.
                  --seconds N     seconds a phase (default 10)
                  --tasks N       concurrent writers (default 4)
                  --members N     funded accounts the transfers move between (default 1000)
                  --postgres URL  a PostgreSQL server: a fresh schema is made there and dropped after (default: a fresh SQLite file)
                """)
            return
        }
        while !args.isEmpty {
            let flag = args.removeFirst()
            guard let value = args.first else { fail("\(flag) needs a value") }
            args.removeFirst()
            switch flag {
            case "--seconds": seconds = Double(value) ?? seconds
            case "--tasks": tasks = Int(value) ?? tasks
            case "--members": members = Int(value) ?? members
            case "--postgres": postgres = value
            default: fail("unknown option \(flag)")
            }
        }
        let app = try await Application.make(Environment(name: "production", arguments: ["guild-ledger-bench"]))
        app.logger.logLevel = .error
        let database: GuildConfig.DatabaseChoice
        var cleanup: (@Sendable () async throws -> Void)?
        let label: String
        if let url = postgres {
            let schema = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
            try await admin("CREATE SCHEMA \(schema)", url: url)
            database = .postgres(url: url, searchPath: String(schema), connectionsPerEventLoop: max(2, tasks))
            cleanup = { try await admin("DROP SCHEMA \(schema) CASCADE", url: url) }
            label = "PostgreSQL"
        } else {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("guild-ledger-bench-\(UUID().uuidString).sqlite").path
            database = .sqlite(path: path)
            cleanup = { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
            label = "SQLite (WAL, synchronous=FULL)"
        }
        do {
            try await configure(app, with: GuildConfig(database: database, bcryptCost: 4))
            let f = try await LedgerThroughput.measure(app: app, seconds: seconds, tasks: tasks, members: members) { print($0) }
            for line in f.verification { print("  " + line) }
            print("")
            print("database: \(label); tasks: \(tasks); \(Int(seconds)) s a phase; \(f.transfers) transfers written")
            print(String(format: "empty write transactions/s:           %8.0f (baseline)", f.emptyTransactionsPerSecond))
            print(String(format: "transfers/s, one per transaction:     %8.0f (%.2f of the baseline)", f.transfersPerSecond,
                         f.transfersPerSecond / f.emptyTransactionsPerSecond))
            print(String(format: "transfers/s, ten per transaction:     %8.0f (%.2f of the baseline)", f.batchedTransfersPerSecond,
                         f.batchedTransfersPerSecond / f.emptyTransactionsPerSecond))
            print("ledger verify: \(f.verified ? "all invariants hold" : "BROKEN")")
            try await app.asyncShutdown()
            try await cleanup?()
            if !f.verified { exit(1) }
        } catch {
            try? await app.asyncShutdown()
            try? await cleanup?()
            throw error
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("guild-ledger-bench: \(message)\n".utf8))
        exit(2)
    }

    /// Runs one statement on the server through a short-lived application of its own.
    static func admin(_ sql: String, url: String) async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["guild-ledger-bench"]))
        do {
            var config = try SQLPostgresConfiguration(url: url)
            config.coreConfiguration.tls = .disable
            app.databases.use(.postgres(configuration: config), as: .psql)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(sql)).run()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
