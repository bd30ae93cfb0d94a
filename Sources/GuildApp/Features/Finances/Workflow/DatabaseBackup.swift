// The operator's backup and restore of the embedded SQLite database. Backup is `VACUUM INTO`: one read
// transaction, so the copy is the database as of one moment even while `guild serve` keeps writing (WAL lets
// writers go on beside a reader). Restore checks the copy (integrity, then every ledger invariant) before it
// touches the live file, and keeps the replaced file beside it.
import Vapor
import Fluent
import FluentSQLiteDriver
import SQLKit
import GuildCore

enum DatabaseBackup {
    struct Failure: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }

    static func sqlitePath(_ app: Application) throws -> String {
        guard case .sqlite(let path) = app.guild.database else {
            throw Failure("This instance runs on PostgreSQL: back it up with pg_dump and restore with pg_restore (see the README).")
        }
        return path
    }

    /// Copies the live database to `path`, calling `progress(bytesWritten, bytesExpected)` while it runs.
    static func backup(_ app: Application, to path: String, progress: @escaping @Sendable (Int64, Int64) -> Void = { _, _ in }) async throws -> Int64 {
        _ = try sqlitePath(app)
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure("\(path) already exists: a backup never overwrites a file") }
        let sql = app.db.sql
        let pages = try await sql.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int64.self) ?? 0
        let pageSize = try await sql.raw("PRAGMA page_size").first()?.decode(column: "page_size", as: Int64.self) ?? 4096
        let expected = max(pages * pageSize, 1)
        // VACUUM INTO reports nothing while it runs: the copy's size on disk is the progress.
        let watcher = Task {
            while !Task.isCancelled {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
                progress(min(size ?? 0, expected), expected)
                try? await Task.sleep(nanoseconds: 100_000_000)
            }
        }
        defer { watcher.cancel() }
        try await sql.raw("VACUUM INTO \(bind: path)").run()
        watcher.cancel()
        let written = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        progress(expected, expected)
        return written ?? 0
    }

    struct Check: Sendable { var lines: [String]; var ok: Bool }

    /// Opens a database file on its own (never the live one) and runs `PRAGMA integrity_check` and `guild ledger verify`.
    static func check(_ app: Application, file path: String) async throws -> Check {
        try await check(app.db(open(app, file: path)))
    }

    /// The file as a database of its own beside the live one.
    static func open(_ app: Application, file path: String) throws -> DatabaseID {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure("\(path) does not exist") }
        let id = DatabaseID(string: "restore-\(UUID().uuidString)")
        app.databases.use(.sqlite(.file(path)), as: id)
        return id
    }

    static func check(_ db: any Database) async throws -> Check {
        var lines: [String] = []
        let integrity = try await db.sql.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }
        let intact = integrity == ["ok"]
        lines.append(intact ? "pass  integrity_check: ok" : "FAIL  integrity_check: " + integrity.prefix(20).joined(separator: "; "))
        guard intact else { return Check(lines: lines, ok: false) }
        let migrated = try await db.sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'").all()
        guard !migrated.isEmpty else { return Check(lines: lines + ["FAIL  this file is not a Guild database"], ok: false) }
        let (ledger, ok) = try await LedgerVerification.run(on: db)
        return Check(lines: lines + ledger, ok: ok)
    }

    /// Replaces the live database with the checked copy at `path`. The replaced file is kept as `<db>.before-restore-<time>`.
    static func restore(_ app: Application, from path: String) async throws -> (check: Check, keptAs: String?) {
        let target = try sqlitePath(app)
        guard URL(fileURLWithPath: path).standardized.path != URL(fileURLWithPath: target).standardized.path else {
            throw Failure("\(path) is the live database itself")
        }
        let source = app.db(try open(app, file: path))
        let check = try await check(source)
        guard check.ok else { return (check, nil) }
        // A clean single-file copy of the checked backup, made next to the target so the final rename is atomic.
        let staged = target + ".restoring-\(UUID().uuidString.prefix(8))"
        try await source.sql.raw("VACUUM INTO \(bind: staged)").run()
        // Fold the live WAL into the file so the kept copy is whole on its own.
        _ = try? await app.db.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").all()
        let fm = FileManager.default
        var kept: String? = nil
        if fm.fileExists(atPath: target) {
            let stamp = Int(app.clock.now().timeIntervalSince1970)
            kept = "\(target).before-restore-\(stamp)"
            try fm.moveItem(atPath: target, toPath: kept!)
            for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: target + suffix) {
                try fm.moveItem(atPath: target + suffix, toPath: kept! + suffix)
            }
        }
        try fm.moveItem(atPath: staged, toPath: target)
        return (check, kept)
    }
}
