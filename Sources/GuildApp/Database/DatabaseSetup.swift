// Connects Fluent to SQLite (the embedded default) or PostgreSQL and sets SQLite up for durability.
import Vapor
import Fluent
import FluentSQLiteDriver
import FluentPostgresDriver
import SQLKit
import NIOConcurrencyHelpers
import GuildCore

enum DatabaseSetup {
    static func use(_ choice: GuildConfig.DatabaseChoice, on app: Application) throws {
        switch choice {
        case .sqlite(let path):
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        case .postgres(let url, let searchPath, let connectionsPerEventLoop):
            var config = try SQLPostgresConfiguration(url: url)
            config.coreConfiguration.tls = .disable
            if let searchPath { config.searchPath = [searchPath] }
            app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: connectionsPerEventLoop, sqlLogLevel: .debug), as: .psql)
        }
    }

    /// SQLite settings: WAL (kept in the file) and, on each pooled connection, full fsync and a busy timeout
    /// so that a writer waits for another instead of failing at once. Each event loop owns one connection.
    static func prepareSQLite(_ app: Application) async throws {
        guard app.db.kind == .sqlite else { return }
        for loop in app.eventLoopGroup.makeIterator() {
            let db = app.databases.database(logger: app.logger, on: loop)! as! any SQLDatabase
            // WAL is kept in the file; asking on every connection makes each one see it at once.
            _ = try await db.raw("PRAGMA journal_mode=WAL").all()
            try await db.raw("PRAGMA synchronous=FULL").run()
            try await db.raw("PRAGMA busy_timeout=10000").run()
            try await db.raw("PRAGMA foreign_keys=ON").run()
        }
    }
}

public enum DatabaseKind: Sendable { case sqlite, postgres }

extension Database {
    var kind: DatabaseKind {
        ((self as? any SQLDatabase)?.dialect.name == "sqlite") ? .sqlite : .postgres
    }
    var sql: any SQLDatabase { self as! any SQLDatabase }
}

/// One operation's writes as one database transaction.
/// SQLite: `BEGIN IMMEDIATE` takes the write lock up front, so two writers queue instead of deadlocking.
/// PostgreSQL: an ordinary transaction; callers lock rows with `SELECT … FOR UPDATE` in id order, and
/// serialization failures and deadlocks are retried.
enum WriteTransaction {
    static let maxAttempts = 8
    static let sqliteWriters = TurnGate()
    /// Per event loop, the one writer that may hold that loop's connection while it waits for `sqliteWriters`.
    private static let sqliteLoopSlots = NIOLockedValueBox<[ObjectIdentifier: TurnGate]>([:])

    private static func loopSlot(_ loop: any EventLoop) -> TurnGate {
        sqliteLoopSlots.withLockedValue { slots in
            if let slot = slots[ObjectIdentifier(loop)] { return slot }
            let slot = TurnGate()
            slots[ObjectIdentifier(loop)] = slot
            return slot
        }
    }

    static func run<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                switch db.kind {
                case .sqlite:
                    // One writer at a time inside this process: the others wait here, in order, instead of in
                    // SQLite's busy handler, which sleeps in growing steps (up to 100 ms) and wastes the lock.
                    // The transaction's code runs on the connection's event loop, where each statement's result
                    // arrives: one thread hop fewer per statement than resuming on the global executor.
                    // The turn is taken with the connection already leased and the code already on its event loop,
                    // and given back as soon as COMMIT returns: the lease, the task FluentKit starts and the way back
                    // through the pool are outside the lock, whose time bounds SQLite's write throughput (about 7%
                    // more order flows a second, bench/RESULTS.md). So that readers never queue behind a line of
                    // writers holding connections, only one writer an event loop (its slot) leases and then waits
                    // for the turn; the others wait for the slot without a connection.
                    return try await loopSlot(db.eventLoop).withTurn {
                        try await db.withConnection { conn in
                            // Inside the closure: FluentKit runs it in a new unstructured task
                            // (`makeFutureWithTask`), which does not inherit a preference set outside.
                            try await onEventLoop(of: conn) {
                                try await sqliteWriters.withTurn { try await immediateTransaction(on: conn, body) }
                            }
                        }
                    }
                case .postgres:
                    // As before on PostgreSQL (measured there with 16 clients): the preference set outside Fluent's
                    // transaction, whose closure then runs on the global executor. Setting it inside, as for SQLite, is
                    // not measured on PostgreSQL yet.
                    return try await withTaskExecutorPreference(EventLoopTaskExecutor(db.eventLoop)) {
                        try await db.transaction { tx in try await body(tx) }
                    }
                }
            } catch where attempt < maxAttempts && isRetryable(error) {
                try await Task.sleep(nanoseconds: UInt64(1 << min(attempt, 6)) * 2_000_000)
            }
        }
    }

    /// `BEGIN IMMEDIATE`, the body, then `COMMIT`, or `ROLLBACK` when the body throws (SQLite, in the writer's turn).
    private static func immediateTransaction<T: Sendable>(on conn: any Database,
                                                         _ body: @Sendable (any Database) async throws -> T) async throws -> T {
        try await conn.sql.raw("BEGIN IMMEDIATE").run()
        do {
            let result = try await body(conn)
            try await conn.sql.raw("COMMIT").run()
            return result
        } catch {
            try? await conn.sql.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Runs `body` with the connection's event loop as the task's executor (`EventLoopTaskExecutor`).
    static func onEventLoop<T: Sendable>(of db: any Database, _ body: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(EventLoopTaskExecutor(db.eventLoop)) { try await body() }
    }

    /// SQLITE_BUSY/LOCKED, PostgreSQL 40001 (serialization_failure) and 40P01 (deadlock_detected).
    static func isRetryable(_ error: any Error) -> Bool {
        // A decision of the domain or a client error is final: only the engines' own contention errors are retried.
        if error is ValidationErrors || error is ConflictError || error is any AbortError { return false }
        let text = String(reflecting: error)
        return text.contains("40001") || text.contains("40P01") || text.contains("database is locked")
            || text.contains("SQLITE_BUSY") || text.contains("SQLITE_LOCKED")
    }
}

/// A first-come, first-served async lock: `withTurn` runs its body when every earlier caller is done.
final class TurnGate: @unchecked Sendable {
    private let lock = NIOLock()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func withTurn<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted: Bool = lock.withLock {
                if busy { waiting.append(continuation); return false }
                busy = true
                return true
            }
            if granted { continuation.resume() }
        }
    }

    private func release() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            if waiting.isEmpty { busy = false; return nil }
            return waiting.removeFirst()
        }
        next?.resume()
    }
}

