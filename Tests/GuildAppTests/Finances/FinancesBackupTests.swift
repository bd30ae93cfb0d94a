// Backup while orders are being written, then restore into a fresh file: integrity, ledger and every order.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import NIOConcurrencyHelpers
import GuildCore
@testable import GuildApp

@Suite("Finances: backup and restore")
struct FinancesBackupTests {
    static func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("guild-\(name)-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("Backup during a load of writes, restore into a fresh file: integrity, ledger and every committed order", arguments: TestDatabase.all)
    func backupUnderLoadThenRestore(_ kind: TestDatabase) async throws {
        let backupPath = Self.tempPath("backup")
        defer { Self.remove(backupPath) }
        let committed: Set<UUID> = try await withGuild(kind) { app in
            let m = try await Market.make(app)
            guard kind == .sqlite else {
                // PostgreSQL is backed up with pg_dump; the command says so instead of copying nothing.
                await #expect(throws: DatabaseBackup.Failure.self) { _ = try await DatabaseBackup.backup(app, to: backupPath) }
                return []
            }
            // given orders being placed and paid for while the backup runs
            let done = NIOLockedValueBox<[UUID]>([])
            let writer = Task {
                for _ in 0..<30 {
                    let o = try await m.place()
                    _ = try await m.step("fund", o.id, by: m.buyer)
                    done.withLockedValue { $0.append(o.id) }
                }
            }
            while done.withLockedValue({ $0.count }) < 5 { try await Task.sleep(nanoseconds: 20_000_000) }
            let before = Set(done.withLockedValue { $0 })
            // when the backup runs
            let seen = NIOLockedValueBox<[Int64]>([])
            let bytes = try await DatabaseBackup.backup(app, to: backupPath) { done, total in seen.withLockedValue { $0.append(done * 100 / total) } }
            try await writer.value
            // then it wrote a file and reported progress up to 100%
            #expect(bytes > 0)
            #expect(seen.withLockedValue { $0.last } == 100)
            // a second backup never overwrites the first
            await #expect(throws: DatabaseBackup.Failure.self) { _ = try await DatabaseBackup.backup(app, to: backupPath) }
            return before
        }
        guard kind == .sqlite else { return }
        // when it is restored into a fresh instance
        try await withGuild(.sqlite) { app in
            let (check, kept) = try await DatabaseBackup.restore(app, from: backupPath)
            // then the checks passed and the fresh file was kept aside, not lost
            #expect(check.ok, "\(check.lines.joined(separator: "\n"))")
            #expect(check.lines.first == "pass  integrity_check: ok")
            #expect(kept != nil)
            // and the restored file (opened anew, as the next start would) holds every order committed before the backup
            guard case .sqlite(let live) = app.guild.database else { Issue.record("not SQLite"); return }
            let reopened = app.db(try DatabaseBackup.open(app, file: live))
            let again = try await DatabaseBackup.check(reopened)
            #expect(again.ok, "\(again.lines.joined(separator: "\n"))")
            let ids = Set(try await OrderRecord.query(on: reopened).all().compactMap(\.id))
            #expect(committed.isSubset(of: ids))
            #expect(committed.count >= 5)
            if let kept { Self.remove(kept) }
        }
    }

    @Test("A backup that breaks a ledger invariant is refused and nothing is replaced", arguments: TestDatabase.all)
    func refusesABrokenBackup(_ kind: TestDatabase) async throws {
        let backupPath = Self.tempPath("broken")
        guard kind == .sqlite else {
            // PostgreSQL is restored with pg_restore: the command refuses, replacing nothing.
            try await withGuild(kind) { app in
                await #expect(throws: DatabaseBackup.Failure.self) { _ = try await DatabaseBackup.restore(app, from: backupPath) }
            }
            return
        }
        defer { Self.remove(backupPath) }
        try await withGuild(.sqlite) { app in
            let m = try await Market.make(app)
            let o = try await m.delivered()
            #expect(try await m.step("accept", o.id, by: m.buyer).status == .ok)
            _ = try await DatabaseBackup.backup(app, to: backupPath)
        }
        try await withGuild(.sqlite) { app in
            // given a backup whose seller balance no longer matches its entries
            let copy = app.db(try DatabaseBackup.open(app, file: backupPath))
            try await copy.sql.raw("UPDATE ledger_accounts SET balance_cents = balance_cents + 100 WHERE key LIKE 'member:%'").run()
            guard case .sqlite(let live) = app.guild.database else { Issue.record("not SQLite"); return }
            let marker = try await app.member("Still Here")
            // when it is restored
            let (check, kept) = try await DatabaseBackup.restore(app, from: backupPath)
            // then it is refused, and the live database is untouched
            #expect(!check.ok)
            #expect(check.lines.contains { $0.hasPrefix("FAIL") })
            #expect(kept == nil)
            #expect(FileManager.default.fileExists(atPath: live))
            #expect(try await User.find(marker.id, on: app.db) != nil)
        }
    }
}
