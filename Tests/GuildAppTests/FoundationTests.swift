import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
@testable import GuildApp
import GuildCore

@Suite struct FoundationTests {
    @Test func sqliteIsDurableAndWaitsForLocks() async throws {
        try await withGuild(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            struct Mode: Decodable { var journal_mode: String }
            struct Sync: Decodable { var synchronous: Int }
            struct Busy: Decodable { var timeout: Int }
            let mode = try await sql.raw("PRAGMA journal_mode").first(decoding: Mode.self)
            let sync = try await sql.raw("PRAGMA synchronous").first(decoding: Sync.self)
            let busy = try await sql.raw("PRAGMA busy_timeout").first(decoding: Busy.self)
            #expect(mode?.journal_mode == "wal")
            // 2 = FULL: every commit is fsynced.
            #expect(sync?.synchronous == 2)
            #expect(busy?.timeout == 10_000)
        }
    }

    /// On SQLite a write transaction's code runs on its connection's event loop, statement after statement (FluentKit
    /// starts the connection's closure in a new task, which must not lose the executor); on both databases its writes
    /// commit or roll back whole.
    @Test(arguments: TestDatabase.all)
    func aWriteTransactionRunsOnItsConnectionsEventLoopAndIsAtomic(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada", email: "ada@example.org")
            let onLoop = try await WriteTransaction.run(on: app.db) { tx in
                var seen = [tx.eventLoop.inEventLoop]
                for _ in 0..<3 {
                    _ = try await tx.sql.raw("SELECT display_name FROM users WHERE id = \(bind: ada.id)").first()
                    seen.append(tx.eventLoop.inEventLoop)
                }
                try await tx.sql.raw("UPDATE users SET display_name = 'Ada L.' WHERE id = \(bind: ada.id)").run()
                seen.append(tx.eventLoop.inEventLoop)
                return seen
            }
            if app.db.kind == .sqlite { #expect(onLoop == [true, true, true, true, true]) }
            struct Failure: Error {}
            await #expect(throws: Failure.self) {
                try await WriteTransaction.run(on: app.db) { tx in
                    try await tx.sql.raw("UPDATE users SET display_name = 'Nobody' WHERE id = \(bind: ada.id)").run()
                    throw Failure()
                }
            }
            #expect(try await User.find(ada.id, on: app.db)?.displayName == "Ada L.")
        }
    }

    /// On SQLite a writer takes its turn with its connection already leased (one writer an event loop does): many
    /// writers at once, each reading a counter and writing it back one higher a statement later, lose no increment,
    /// and reads sent meanwhile on the same connections all finish (none waits into the pool's timeout behind a line
    /// of writers holding connections).
    @Test func sqliteWritersQueuedForTheirTurnLoseNothingAndLetReadsThrough() async throws {
        try await withGuild(.sqlite) { app in
            try await app.db.sql.raw("CREATE TABLE turn_counter (n INTEGER NOT NULL)").run()
            try await app.db.sql.raw("INSERT INTO turn_counter (n) VALUES (0)").run()
            struct Count: Decodable { var n: Int }
            let writers = 40, readers = 40
            let reads = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<writers {
                    group.addTask {
                        try await WriteTransaction.run(on: app.db) { tx in
                            let n = try await tx.sql.raw("SELECT n FROM turn_counter").first(decoding: Count.self)!.n
                            try await tx.sql.raw("UPDATE turn_counter SET n = \(bind: n + 1)").run()
                        }
                        return 0
                    }
                }
                for _ in 0..<readers {
                    group.addTask { try await app.db.sql.raw("SELECT n FROM turn_counter").first(decoding: Count.self) == nil ? 0 : 1 }
                }
                return try await group.reduce(0, +)
            }
            #expect(reads == readers)
            #expect(try await app.db.sql.raw("SELECT n FROM turn_counter").first(decoding: Count.self)?.n == writers)
        }
    }

    @Test(arguments: TestDatabase.all)
    func adminCommandGrantsAndRevokesRoles(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada", email: "ada@example.org")
            // when the operator grants the arbiter role
            try await app.run(["admin", "grant", "ADA@example.org", "arbiter"])
            // then the member has it
            #expect(try await roles(ada.id, app) == ["member", "arbiter"])
            try await app.run(["admin", "revoke", "ada@example.org", "arbiter"])
            #expect(try await roles(ada.id, app) == ["member"])
            // and a bad role or unknown email is refused without changes
            await #expect(throws: (any Error).self) { try await app.run(["admin", "grant", "ada@example.org", "emperor"]) }
            await #expect(throws: (any Error).self) { try await app.run(["admin", "grant", "nobody@example.org", "admin"]) }
            #expect(try await roles(ada.id, app) == ["member"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func concurrentSignUpsWithOneEmailMakeOneAccount(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given ten sign-ups racing with the same email
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        try await app.send(.POST, "/api/v1/users", json: ["email": "race@example.org", "password": "long enough \(i)!", "displayName": "Racer \(i)"]).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            // then exactly one wins and the rest are conflicts, never a 500
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 9)
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }
}

private func roles(_ id: UUID, _ app: Application) async throws -> [String] {
    try #require(try await User.find(id, on: app.db)).roles
}

extension Application {
    /// Runs a `guild` command in process, as the executable would.
    func run(_ arguments: [String]) async throws {
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["guild"] + arguments))
        context.application = self
        try await asyncCommands.group().run(using: &context)
    }
}

@Suite struct LoginThrottleAppTests {
    @Test(arguments: TestDatabase.all)
    func tooManyWrongPasswordsPauseLogInForThatAccountOnly(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada", password: "the right password")
            let bob = try await app.member("Bob", password: "bob's right password")
            // given ten wrong passwords for Ada
            for _ in 0..<LoginThrottlePolicy.standard.maxFailures {
                let wrong = try await app.send(.POST, "/api/v1/tokens", json: ["email": ada.email, "password": "a wrong guess"])
                #expect(wrong.status == .unauthorized)
            }
            // then even the right password is refused for now, with a clear reason
            let paused = try await app.send(.POST, "/api/v1/tokens", json: ["email": ada.email, "password": "the right password"])
            #expect(paused.status == .tooManyRequests)
            #expect(paused.errorBody?.code == "too_many_attempts")
            // and other members are not affected
            let other = try await app.send(.POST, "/api/v1/tokens", json: ["email": bob.email, "password": "bob's right password"])
            #expect(other.status == .created)
            // The count lives in the database, so another instance (here: a fresh application on the same database)
            // refuses too, and nothing readable is stored about the address.
            #expect(try await LoginFailureRecord.query(on: app.db).count() == LoginThrottlePolicy.standard.maxFailures)
            #expect(try await LoginFailureRecord.query(on: app.db).filter(\.$emailKey == ada.email).count() == 0)
            let second = try await Application.make(.testing)
            do {
                second.logger.logLevel = .warning
                try await configure(second, with: app.guild)
                let elsewhere = try await second.send(.POST, "/api/v1/tokens", json: ["email": ada.email, "password": "the right password"])
                #expect(elsewhere.status == .tooManyRequests)
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
        }
    }
}
