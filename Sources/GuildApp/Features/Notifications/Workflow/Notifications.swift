// Posting a notification (the one function every workflow calls, inside its own transaction: a transactional outbox),
// and reading, marking and choosing them.
import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers
import GuildCore

/// The instance's public address (`PUBLIC_BASE_URL`), for the absolute links in emails; set at start.
enum NotificationLinks {
    private static let box = NIOLockedValueBox("http://127.0.0.1:8080")
    static var base: String {
        get { box.withLockedValue { $0 } }
        set { box.withLockedValue { $0 = newValue } }
    }
}

enum Notifications {
    /// One notification to post: to whom, of what kind, in words, linking to its page. `dedupeKey` names the event
    /// ("order:<id>:funded"): a second post with the same key does nothing.
    struct Notice: Sendable {
        var kind: NotificationKind
        var memberID: UUID
        var subject: String
        var text: String
        /// A path on this instance: "/orders/<id>".
        var link: String
        var dedupeKey: String
        var orderID: UUID? = nil
        var at: Date

        init(_ kind: NotificationKind, to memberID: UUID, _ message: NotificationMessage, link: String, dedupeKey: String,
             orderID: UUID? = nil, at: Date) {
            let fitted = NotificationWording.fitted(message)
            (self.kind, self.memberID, self.subject, self.text, self.link, self.dedupeKey, self.orderID, self.at) =
                (kind, memberID, fitted.subject, fitted.text, link, dedupeKey, orderID, at)
        }
    }

    /// Posts a notice in the caller's transaction (the event's own): the notification row and, when the member gets
    /// this kind by email, the rendered email in the outbox. Returns false when the event was already posted.
    /// `recipient`, when the caller has already loaded the member, saves reading them again.
    @discardableResult
    static func post(_ notice: Notice, recipient: User? = nil, on tx: any Database) async throws -> Bool {
        let preference = try await preference(notice.kind, for: notice.memberID, on: tx)
        return try await insert(notice, preference: preference, on: tx) {
            try await (recipient?.id == notice.memberID ? recipient : User.find(notice.memberID, on: tx)).map { ($0.displayName, $0.email) }
        }
    }

    /// The same for a recipient read with `parties` (their setting for this kind read with them): no further read.
    /// A recipient who was not found gets the notification with the default setting, and no email.
    @discardableResult
    static func post(_ notice: Notice, to recipient: Party?, on tx: any Database) async throws -> Bool {
        precondition(recipient.map { $0.id == notice.memberID && $0.kind == notice.kind } ?? true, "the party read for this notice")
        let preference = recipient?.preference ?? NotificationPreference.effective(for: notice.kind, stored: nil)
        return try await insert(notice, preference: preference, on: tx) { recipient.map { ($0.displayName, $0.email) } }
    }

    private static func insert(_ notice: Notice, preference: NotificationPreference, on tx: any Database,
                               address: () async throws -> (displayName: String, email: String)?) async throws -> Bool {
        let id = UUID()
        let inserted = try await tx.sql.raw("""
            INSERT INTO notifications (\(unsafeRaw: NotificationRecord.insertColumns.joined(separator: ", ")))
            VALUES (\(binds: [id, notice.memberID, notice.kind.rawValue, notice.subject, notice.text, notice.link, notice.orderID,
                              notice.dedupeKey, preference.inApp, notice.at, Date?.none] as [any Encodable & Sendable]))
            ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
            """).first()
        guard inserted != nil else { return false }
        if preference.email, let member = try await address() {
            let body = NotificationEmail.body(displayName: member.displayName, text: notice.text,
                                              link: NotificationEmail.absolute(notice.link, base: NotificationLinks.base),
                                              settingsLink: NotificationEmail.absolute("/notifications/settings", base: NotificationLinks.base),
                                              kind: notice.kind)
            try await PlainSQL.insert(into: OutboxEmailRecord.schema, columns: OutboxEmailRecord.insertColumns, rows: [[
                UUID(), id, notice.memberID, member.email, member.displayName, notice.subject, body,
                OutboxEmailRecord.State.pending.rawValue, notice.at, Date?.none,
            ]], on: tx)
        }
        return true
    }

    /// A party to an event as its notification needs them: named in the text, told in their zone, written to at their
    /// address, with what they chose for `kind`.
    struct Party: Sendable {
        var id: UUID
        var displayName: String
        var email: String
        var timezone: String
        var kind: NotificationKind
        var preference: NotificationPreference

        /// From a member's row and their stored setting for `kind` (both columns null when they never chose).
        init(id: UUID, displayName: String, email: String, timezone: String, kind: NotificationKind, storedInApp: Bool?, storedEmail: Bool?) {
            let stored = storedInApp.flatMap { inApp in storedEmail.map { NotificationPreference(inApp: inApp, email: $0) } }
            self.id = id
            self.displayName = displayName
            self.email = email
            self.timezone = timezone
            self.kind = kind
            self.preference = NotificationPreference.effective(for: kind, stored: stored)
        }
    }

    /// The members `ids` (an order's buyer and seller), each with their setting for `kind`, in one plain statement:
    /// an order step reads them inside its transaction, so a step sees its own parties as they are at the commit.
    /// Members not found are left out.
    static func parties(_ ids: [UUID], kind: NotificationKind, on db: any Database) async throws -> [UUID: Party] {
        struct Row: Decodable {
            var id: UUID
            var display_name: String
            var email: String
            var timezone: String
            var in_app: Bool?
            var setting_email: Bool?
        }
        let rows = try await db.sql.raw("""
            SELECT users.id, users.display_name, users.email, users.timezone,
                   notification_settings.in_app, notification_settings.email AS setting_email
            FROM users LEFT JOIN notification_settings
              ON notification_settings.member_id = users.id AND notification_settings.kind = \(bind: kind.setting.rawValue)
            WHERE users.id IN (\(binds: ids))
            """).all(decoding: Row.self)
        var parties: [UUID: Party] = [:]
        for row in rows {
            parties[row.id] = Party(id: row.id, displayName: row.display_name, email: row.email, timezone: row.timezone, kind: kind,
                                    storedInApp: row.in_app, storedEmail: row.setting_email)
        }
        return parties
    }

    /// How many notifications in the member's centre are unread.
    static func unreadCount(for memberID: UUID, on db: any Database) async throws -> Int {
        try await NotificationRecord.query(on: db).filter(\.$memberID == memberID).filter(\.$inApp == true).filter(\.$readAt == nil).count()
    }

    /// The member's centre, newest first.
    static func recent(for memberID: UUID, limit: Int, unreadOnly: Bool = false, on db: any Database) async throws -> [NotificationRecord] {
        var q = NotificationRecord.query(on: db).filter(\.$memberID == memberID).filter(\.$inApp == true)
        if unreadOnly { q = q.filter(\.$readAt == nil) }
        return try await q.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit).all()
    }

    /// Marks one of the member's notifications read; another member's id is a 404.
    @discardableResult
    static func markRead(_ id: UUID?, for memberID: UUID, now: Date, on db: any Database) async throws -> NotificationRecord {
        guard let id, let note = try await NotificationRecord.query(on: db).filter(\.$id == id).filter(\.$memberID == memberID)
                .filter(\.$inApp == true).first() else { throw APIError.notFound("That notification") }
        if note.readAt == nil {
            note.readAt = now
            try await db.sql.raw("UPDATE notifications SET read_at = \(bind: now) WHERE id = \(bind: id) AND read_at IS NULL").run()
        }
        return note
    }

    /// Marks every unread notification of the member read; how many it marked.
    static func markAllRead(for memberID: UUID, now: Date, on db: any Database) async throws -> Int {
        let unread = try await unreadCount(for: memberID, on: db)
        try await db.sql.raw("UPDATE notifications SET read_at = \(bind: now) WHERE member_id = \(bind: memberID) AND read_at IS NULL").run()
        return unread
    }

    /// What applies to the member for one kind.
    static func preference(_ kind: NotificationKind, for memberID: UUID, on db: any Database) async throws -> NotificationPreference {
        // Plain SQL: this runs inside every event's transaction (an order step's among them).
        struct Row: Decodable { var in_app: Bool; var email: Bool }
        let stored = try await db.sql.raw("""
            SELECT in_app, email FROM notification_settings WHERE member_id = \(bind: memberID) AND kind = \(bind: kind.setting.rawValue)
            """).first(decoding: Row.self)
        return NotificationPreference.effective(for: kind, stored: stored.map { NotificationPreference(inApp: $0.in_app, email: $0.email) })
    }

    /// Every settable kind with what applies to the member, in the settings page's order.
    static func preferences(for memberID: UUID, on db: any Database) async throws -> [(NotificationKind, NotificationPreference)] {
        let stored = try await NotificationSettingRecord.query(on: db).filter(\.$memberID == memberID).all()
        let byKind = Dictionary(stored.map { ($0.kind, NotificationPreference(inApp: $0.inApp, email: $0.email)) }, uniquingKeysWith: { a, _ in a })
        return NotificationKind.settable.map { ($0, NotificationPreference.effective(for: $0, stored: byKind[$0.rawValue])) }
    }

    /// Stores the member's choices (only the kinds given). Hiding a kind that cannot be hidden is a 422 naming it.
    static func choose(_ choices: [(NotificationKind, NotificationPreference)], for memberID: UUID, now: Date, on db: any Database) async throws {
        var problems: [ValidationError] = []
        for (kind, p) in choices where !p.inApp && !kind.inAppOptional {
            problems.append(ValidationError(field: "settings.\(kind.rawValue).inApp",
                                            reason: "cannot be turned off: it asks for an action with a deadline or concerns money (its email can be)"))
        }
        if !problems.isEmpty { throw ValidationErrors(problems) }
        try await WriteTransaction.run(on: db) { tx in
            for (kind, p) in choices {
                try await tx.sql.raw("""
                    INSERT INTO notification_settings (id, member_id, kind, in_app, email, updated_at)
                    VALUES (\(bind: UUID()), \(bind: memberID), \(bind: kind.rawValue), \(bind: p.inApp), \(bind: p.email), \(bind: now))
                    ON CONFLICT (member_id, kind) DO UPDATE SET in_app = excluded.in_app, email = excluded.email, updated_at = excluded.updated_at
                    """).run()
            }
        }
    }

    /// The member's time zone, for dates in a text they will read later.
    static func zone(of memberID: UUID, on db: any Database) async throws -> TimeZone {
        SpokenDate.timeZone(try await User.find(memberID, on: db)?.timezone)
    }
}
