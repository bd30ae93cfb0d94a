// Databases in use must keep migrating as before: the migration names and their order are the contract with every
// database already made, whatever folder a migration's file moves to.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
@testable import GuildApp

@Suite struct UpgradeTests {
    /// The migrations that had shipped when areas moved into `Features/<Area>/` (commit c871699), by the names Fluent
    /// records in `_fluent_migrations`. A database made then has exactly these; they keep their names and their order
    /// among themselves (a new migration of an area may stand between them: Fluent runs what a database lacks, in order).
    static let shippedBeforeTheLayout = [
        "GuildApp.CreateUsers", "GuildApp.CreateUserTokens", "Fluent.SessionRecord.Create", "GuildApp.CreateGigs",
        "GuildApp.CreateSellerStats", "GuildApp.AddDeletedAtToGigs", "GuildApp.CreateGigsSearchIndex",
        "GuildApp.CreateLedgerAccounts", "GuildApp.CreateLedgerTransfers", "GuildApp.CreateLedgerEntries",
        "GuildApp.CreateLedgerHolds", "GuildApp.CreateLedgerPayouts", "GuildApp.CreateOrders", "GuildApp.CreateLedgerDeposits",
        "GuildApp.CreateIdempotencyRecords", "GuildApp.CreateOrderEvents", "GuildApp.CreateOrderMilestones",
        "GuildApp.CreateOrderDeliveries", "GuildApp.CreateOrderDisputes", "GuildApp.CreateOrderNotifications",
        "GuildApp.AddMilestonePositionToLedgerDeposits", "GuildApp.AddDeliveredAtToOrderMilestones",
        "GuildApp.AddRemindedAtToOrderMilestones", "GuildApp.CreateInterviewTargets", "GuildApp.CreateInterviewFindings",
        "GuildApp.CreateInterviewContacts", "GuildApp.CreateInterviews",
    ]

    @Test func shippedMigrationsKeepTheirNamesAndOrder() {
        let names = Migrations.all.map(\.name)
        #expect(names.filter(Self.shippedBeforeTheLayout.contains) == Self.shippedBeforeTheLayout)
        #expect(Set(names).count == names.count, "two migrations share a name")
    }

    /// `Fixtures/main-before-layout.db`: `guild demo --gigs 24 --members 6 --seed 9` on a build whose migrations are
    /// byte-identical to c871699's (the files only moved since), then checkpointed and vacuumed.
    @Test func aDatabaseMadeBeforeTheLayoutMigratesWithItsDataIntact() async throws {
        // given a copy of a database an earlier Guild made and filled
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/main-before-layout.db")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("guild-upgrade-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try await configure(app, with: GuildConfig(database: .sqlite(path: path), bcryptCost: 4, autoMigrate: false))
            // SQLite's full-text tables went when search moved into Guild's own engine (`CreateSearchChanges`).
            let tables = try await ModelTableTests.tables(app.db).filter { !$0.hasPrefix("_fluent") && !$0.hasPrefix("gigs_fts") && $0 != "gig_search_docs" }
            let before = try await Self.counts(tables, app.db)
            #expect(before["orders", default: 0] > 0 && before["ledger_entries", default: 0] > 0 && before["interviews", default: 0] > 0)
            // when today's code migrates it
            try await app.autoMigrate()
            // then every registered migration is recorded once, the shipped ones untouched
            let recorded = try await app.db.sql.raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) }
            #expect(Set(recorded) == Set(Migrations.all.map(\.name)))
            #expect(recorded.count == Migrations.all.count)
            // and every row is still there, the ledger still balances, and a demo member still logs in
            #expect(try await Self.counts(tables, app.db) == before)
            let (lines, ok) = try await LedgerVerification.run(on: app.db)
            #expect(ok, "\(lines)")
            let email = try #require(try await User.query(on: app.db).sort(\.$createdAt).first()).email
            let login = try await app.send(.POST, "/api/v1/tokens", json: ["email": email, "password": DemoMembers.password])
            #expect(login.status == .created)
            let search = try await app.send(.GET, "/api/v1/search?q=&limit=5")
            #expect(search.status == .ok && search.body.string.contains("\"results\":[{"))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func counts(_ tables: [String], _ db: any Database) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = try await db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
