// Delivery of the email outbox: each pending email is leased (PostgreSQL `FOR UPDATE SKIP LOCKED`; SQLite: the one
// writer at a time of `WriteTransaction`), written as an RFC 5322 .eml file named after its id, and marked sent in the
// same transaction. Two runs at once never take the same email; a run that dies before its commit leaves the emails
// pending, and the next run writes the same files again (the same names), so a mail system reading the directory
// sees each email once.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum OutboxDelivery {
    struct Options: Sendable {
        var directory: URL
        var from: Mailbox
        /// Emails per transaction.
        var batch: Int = 50
        /// At most this many in one run.
        var limit: Int = 100_000
        /// Called after each lease, before the files are written (tests make two runs overlap with it).
        var afterLease: (@Sendable () async -> Void)? = nil
    }

    /// The sender when none is given: notifications@ the host of `PUBLIC_BASE_URL`.
    static func defaultSender(base: String) -> Mailbox {
        Mailbox(name: "Guild", email: "notifications@\(host(base))")
    }

    static func host(_ base: String) -> String { URLComponents(string: base)?.host ?? "localhost" }

    /// Delivers pending emails; returns the ids written, in order.
    static func deliver(_ options: Options, now: @escaping @Sendable () -> Date, on db: any Database) async throws -> [UUID] {
        try FileManager.default.createDirectory(at: options.directory, withIntermediateDirectories: true)
        var delivered: [UUID] = []
        while delivered.count < options.limit {
            let size = min(options.batch, options.limit - delivered.count)
            let ids: [UUID] = try await WriteTransaction.run(on: db) { tx in
                let lease: SQLQueryString = tx.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
                let rows = try await tx.sql.raw("""
                    SELECT * FROM notification_outbox WHERE state = \(bind: OutboxEmailRecord.State.pending.rawValue)
                    ORDER BY created_at, id LIMIT \(unsafeRaw: String(size))
                    """ + lease).all(decodingFluent: OutboxEmailRecord.self)
                guard !rows.isEmpty else { return [] }
                await options.afterLease?()
                // On the thread pool: the transaction's code runs on an event loop (`WriteTransaction`), which must not
                // wait for the file system.
                try await NIOThreadPool.singleton.runIfActive { for row in rows { try write(row, options: options) } }
                let ids = try rows.map { try $0.requireID() }
                try await tx.sql.raw("""
                    UPDATE notification_outbox SET state = \(bind: OutboxEmailRecord.State.sent.rawValue), sent_at = \(bind: now())
                    WHERE id IN (\(binds: ids))
                    """).run()
                return ids
            }
            if ids.isEmpty { break }
            delivered += ids
        }
        return delivered
    }

    /// The .eml text of one outbox row.
    static func email(_ row: OutboxEmailRecord, from: Mailbox) throws -> EmailFile {
        let domain = from.email.split(separator: "@").last.map(String.init) ?? "localhost"
        return EmailFile(from: from, to: [Mailbox(name: row.toName, email: row.toAddress)], subject: row.subject, body: row.body,
                         date: row.createdAt, messageID: EmailFile.messageID(for: try row.requireID(), domain: domain), timeZone: SpokenDate.utc)
    }

    /// Written to a temporary name first, then renamed, so a reader of the directory never sees half a file.
    private static func write(_ row: OutboxEmailRecord, options: Options) throws {
        let id = try row.requireID().uuidString.lowercased()
        let final = options.directory.appendingPathComponent("\(id).eml")
        let temporary = options.directory.appendingPathComponent(".\(id).eml.tmp")
        try email(row, from: options.from).data.write(to: temporary, options: .atomic)
        if FileManager.default.fileExists(atPath: final.path) { try FileManager.default.removeItem(at: final) }
        try FileManager.default.moveItem(at: temporary, to: final)
    }

    /// How many emails wait.
    static func pendingCount(on db: any Database) async throws -> Int {
        try await OutboxEmailRecord.query(on: db).filter(\.$state == OutboxEmailRecord.State.pending.rawValue).count()
    }
}

/// `guild outbox deliver --dir PATH [--from ADDRESS] [--limit N]` and `guild outbox status`.
struct OutboxCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "deliver | status") var action: String
        @Option(name: "dir", help: "The directory the .eml files are written into (deliver)") var dir: String?
        @Option(name: "from", help: "The sender's address (default notifications@ the host of PUBLIC_BASE_URL)") var from: String?
        @Option(name: "limit", help: "At most this many emails in this run (default all)") var limit: Int?
    }

    var help: String { "Deliver the notification emails waiting in the outbox as .eml files: guild outbox deliver --dir PATH" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        switch signature.action {
        case "status":
            context.console.print("\(try await OutboxDelivery.pendingCount(on: app.db)) emails waiting in the outbox")
        case "deliver":
            guard let dir = signature.dir, !dir.isEmpty else { throw GuildCommandError("--dir is required: the directory the .eml files are written into") }
            var from = OutboxDelivery.defaultSender(base: app.guild.publicBaseURL)
            if let given = signature.from {
                guard EmailAddress.isValid(given) else { throw GuildCommandError("--from must be an email address (got \(given))") }
                from = Mailbox(name: "Guild", email: given)
            }
            if let limit = signature.limit, limit < 1 { throw GuildCommandError("--limit must be 1 or more") }
            let clock = app.clock
            let ids = try await OutboxDelivery.deliver(.init(directory: URL(fileURLWithPath: dir), from: from, limit: signature.limit ?? 100_000),
                                                       now: { clock.now() }, on: app.db)
            context.console.print("delivered \(ids.count) emails into \(dir)")
        default:
            throw GuildCommandError("The outbox actions are deliver and status (got \(signature.action))")
        }
    }
}
