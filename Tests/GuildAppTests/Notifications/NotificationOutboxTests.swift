// The email outbox: `guild outbox deliver` writes each pending email once as an RFC 5322 file, even when two runs overlap.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct NotificationOutboxTests {
    /// Posts one emailed notification to each of `count` members, as a workflow would (in a transaction).
    func post(_ app: Application, count: Int) async throws -> [TestMember] {
        var members: [TestMember] = []
        for i in 0..<count {
            let member = try await app.member("Member \(i) Ünïcode")
            members.append(member)
            try await WriteTransaction.run(on: app.db) { tx in
                try await Notifications.post(.init(.interviewRequest, to: member.id,
                                                   NotificationMessage(subject: "Conversation request \(i) – “café”", text: "Someone asks you for a conversation about bakeries."),
                                                   link: "/interviews/incoming", dedupeKey: "test:\(i)", at: Date()), on: tx)
            }
        }
        return members
    }

    @Test(arguments: TestDatabase.all)
    func twoOverlappingRunsDeliverEachEmailOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let members = try await post(app, count: 12)
            // posting the same event again changes nothing
            try await WriteTransaction.run(on: app.db) { tx in
                let again = try await Notifications.post(.init(.interviewRequest, to: members[0].id, NotificationMessage(subject: "x", text: "y"),
                                                               link: "/interviews/incoming", dedupeKey: "test:0", at: Date()), on: tx)
                #expect(!again)
            }
            #expect(try await OutboxDelivery.pendingCount(on: app.db) == 12)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guild-outbox-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            // two runs at once, each holding its lease a moment so that they overlap
            let options = OutboxDelivery.Options(directory: dir, from: Mailbox(name: "Guild", email: "notifications@guild.example"), batch: 2,
                                                 afterLease: { try? await Task.sleep(nanoseconds: 30_000_000) })
            async let a = OutboxDelivery.deliver(options, now: { Date() }, on: app.db)
            async let b = OutboxDelivery.deliver(options, now: { Date() }, on: app.db)
            let (first, second) = try await (a, b)
            // every email delivered exactly once between them
            #expect(first.count + second.count == 12)
            #expect(Set(first).isDisjoint(with: Set(second)))
            if db == .postgres { #expect(!first.isEmpty && !second.isEmpty, "both runs took a share: \(first.count) and \(second.count)") }
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".eml") }
            #expect(files.count == 12)
            #expect(try await OutboxDelivery.pendingCount(on: app.db) == 0)
            #expect(try await OutboxEmailRecord.query(on: app.db).filter(\.$sentAt == nil).count() == 0)
            // a further run finds nothing
            #expect(try await OutboxDelivery.deliver(options, now: { Date() }, on: app.db).isEmpty)
            // each file is an RFC 5322 message to its member
            let row = try #require(try await OutboxEmailRecord.query(on: app.db).filter(\.$memberID == members[3].id).first())
            let text = try String(contentsOf: dir.appendingPathComponent("\(try row.requireID().uuidString.lowercased()).eml"), encoding: .utf8)
            #expect(text.contains("From: Guild <notifications@guild.example>\r\n"))
            #expect(text.contains("<\(members[3].email)>"))
            #expect(text.contains("Subject: =?UTF-8?"))
            #expect(text.contains("Message-ID: <\(try row.requireID().uuidString.lowercased())@guild.example>"))
            #expect(text.contains("Content-Type: text/plain; charset=utf-8"))
            #expect(text.contains("/interviews/incoming"))
            #expect(!files.contains { $0.hasPrefix(".") })
        }
    }

    @Test(arguments: TestDatabase.all)
    func theCommandDeliversAndRefusesAMissingDirectory(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            _ = try await post(app, count: 2)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guild-outbox-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            await #expect(throws: GuildCommandError.self) { try await app.run(["outbox", "deliver"]) }
            try await app.run(["outbox", "deliver", "--dir", dir.path, "--from", "mail@guild.example"])
            #expect(try await OutboxDelivery.pendingCount(on: app.db) == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".eml") }.count == 2)
        }
    }
}
