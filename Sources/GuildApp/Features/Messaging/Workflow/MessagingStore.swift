// Conversations: who may read and post, starting one, sending (text, files, retries, rate limits, blocks), reading.
// Every change is one transaction; the live event that announces it goes out after it commits.
import Vapor
import Fluent
import SQLKit
import Crypto
import GuildCore

/// A conversation as one member may use it.
struct ConversationAccess: Sendable {
    let conversation: ConversationRecord
    /// The member's role, and whether they already take part (an arbiter joins with their first message).
    let role: ConversationRole
    let isMember: Bool
    var id: UUID { conversation.id! }
}

/// A file as it arrived with a message, before checking.
struct IncomingFile: Sendable {
    var fileName: String?
    var bytes: [UInt8]
}

enum MessagingStore {
    // MARK: Who may take part

    /// The conversation if `user` takes part in it, or is an arbiter and a dispute was opened on its order;
    /// otherwise 404, so that nobody learns it exists.
    static func access(_ id: UUID?, for user: User, on db: any Database) async throws -> ConversationAccess {
        guard let id, let conversation = try await ConversationRecord.find(id, on: db) else { throw APIError.notFound("That conversation") }
        let userID = try user.requireID()
        if let membership = try await ConversationMemberRecord.query(on: db)
            .filter(\.$conversationID == id).filter(\.$memberID == userID).first() {
            return ConversationAccess(conversation: conversation, role: ConversationRole(rawValue: membership.role) ?? .participant, isMember: true)
        }
        if user.has(.arbiter), let orderID = conversation.orderID, try await hasDispute(orderID, on: db) {
            return ConversationAccess(conversation: conversation, role: .arbiter, isMember: false)
        }
        throw APIError.notFound("That conversation")
    }

    private static func hasDispute(_ orderID: UUID, on db: any Database) async throws -> Bool {
        try await DisputeRecord.query(on: db).filter(\.$orderID == orderID).count() > 0
    }

    // MARK: Starting

    /// The direct conversation between `user` and `otherID`, made on first use. `created` says whether it is new.
    static func direct(from user: User, to otherID: UUID?, now: Date, on db: any Database) async throws -> (ConversationRecord, created: Bool) {
        let userID = try user.requireID()
        guard let otherID else { throw ValidationError(field: "memberId", reason: "is required: the member to write to") }
        guard otherID != userID else { throw ValidationError(field: "memberId", reason: "is yourself: start a conversation with another member") }
        guard try await User.find(otherID, on: db) != nil else { throw APIError.notFound("That member") }
        let key = ConversationRecord.directKey(userID, otherID)
        if let existing = try await ConversationRecord.query(on: db).filter(\.$directKey == key).first() { return (existing, false) }
        if let block = try await blockBetween(userID, otherID, on: db) { throw block }
        let since = now.addingTimeInterval(-86_400)
        let started = try await ConversationRecord.query(on: db).filter(\.$startedByID == userID)
            .filter(\.$kind == ConversationKind.direct.rawValue).filter(\.$createdAt > since).count()
        if started >= SendRateLimit.newConversationsPerDay {
            throw APIError(status: .tooManyRequests, code: "rate_limited",
                           message: "You can start \(SendRateLimit.newConversationsPerDay) new conversations a day; try again tomorrow, or write in one you already have")
        }
        return try await create(kind: .direct, key: (\.$directKey, key), orderID: nil, interviewID: nil,
                                members: [userID, otherID], startedBy: userID, now: now, on: db)
    }

    /// The order's conversation between its buyer and seller, made on first use.
    static func forOrder(_ orderID: UUID?, user: User, now: Date, on db: any Database) async throws -> ConversationRecord {
        let (order, _) = try await OrderQueries.visible(orderID, to: user, on: db)
        let id = try order.requireID()
        if let existing = try await ConversationRecord.query(on: db).filter(\.$orderID == id).first() { return existing }
        // An arbiter may read an order but only joins its conversation once a dispute is opened.
        if order.actor(for: user) == nil, !(try await hasDispute(id, on: db)) { throw APIError.notFound("That conversation") }
        return try await create(kind: .order, key: nil, orderID: id, interviewID: nil, members: [order.buyerID, order.sellerID],
                                startedBy: try user.requireID(), now: now, on: db).0
    }

    /// The conversation of an on-platform interview request, between the explorer and the practitioner.
    static func forInterview(_ interviewID: UUID?, user: User, now: Date, on db: any Database) async throws -> ConversationRecord {
        let userID = try user.requireID()
        guard let interviewID, let interview = try await InterviewRecord.find(interviewID, on: db),
              let practitioner = interview.practitionerID,
              [interview.$explorer.id, practitioner].contains(userID) else { throw APIError.notFound("That interview") }
        if let existing = try await ConversationRecord.query(on: db).filter(\.$interviewID == interviewID).first() { return existing }
        return try await create(kind: .interview, key: nil, orderID: nil, interviewID: interviewID,
                                members: [interview.$explorer.id, practitioner], startedBy: userID, now: now, on: db).0
    }

    private static func create(kind: ConversationKind, key: (KeyPath<ConversationRecord, OptionalFieldProperty<ConversationRecord, String>>, String)?,
                               orderID: UUID?, interviewID: UUID?, members: [UUID], startedBy: UUID, now: Date,
                               on db: any Database) async throws -> (ConversationRecord, created: Bool) {
        do {
            let conversation = try await WriteTransaction.run(on: db) { tx -> ConversationRecord in
                let c = ConversationRecord()
                c.id = UUID()
                c.kind = kind.rawValue
                c.orderID = orderID
                c.interviewID = interviewID
                c.directKey = key?.1
                c.startedByID = startedBy
                c.createdAt = now
                c.lastSeq = 0
                try await c.create(on: tx)
                for member in members {
                    try await ConversationMemberRecord(conversationID: c.id!, memberID: member, role: .participant, joinedAt: now).create(on: tx)
                }
                return c
            }
            return (conversation, true)
        } catch {
            guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
            // Both members started it at once: the other request made it first.
            let q = ConversationRecord.query(on: db)
            if let orderID { q.filter(\.$orderID == orderID) } else if let interviewID { q.filter(\.$interviewID == interviewID) }
            else if let key { q.filter(\.$directKey == key.1) }
            guard let existing = try await q.first() else { throw error }
            return (existing, false)
        }
    }

    // MARK: Blocks

    /// The error to give when either member blocked the other, or nil.
    static func blockBetween(_ a: UUID, _ b: UUID, on db: any Database) async throws -> ConflictError? {
        let blocks = try await MemberBlockRecord.query(on: db)
            .group(.or) { $0.group(.and) { $0.filter(\.$blockerID == a).filter(\.$blockedID == b) }
                             .group(.and) { $0.filter(\.$blockerID == b).filter(\.$blockedID == a) } }
            .all()
        guard let block = blocks.first else { return nil }
        return block.blockerID == a
            ? ConflictError(code: "blocked", message: "You blocked this member. Unblock them from your blocked list to write to them again.")
            : ConflictError(code: "blocked", message: "This member does not accept messages from you.")
    }

    static func block(_ otherID: UUID?, by user: User, now: Date, on db: any Database) async throws {
        let userID = try user.requireID()
        guard let otherID else { throw ValidationError(field: "memberId", reason: "is required") }
        guard otherID != userID else { throw ValidationError(field: "memberId", reason: "is yourself: you cannot block yourself") }
        guard try await User.find(otherID, on: db) != nil else { throw APIError.notFound("That member") }
        let exists = try await MemberBlockRecord.query(on: db).filter(\.$blockerID == userID).filter(\.$blockedID == otherID).count() > 0
        guard !exists else { return }
        let block = MemberBlockRecord()
        block.blockerID = userID
        block.blockedID = otherID
        block.createdAt = now
        do { try await block.create(on: db) } catch let e as any DatabaseError where e.isConstraintFailure { return }
    }

    static func unblock(_ otherID: UUID?, by user: User, on db: any Database) async throws {
        guard let otherID else { throw ValidationError(field: "memberId", reason: "is required") }
        try await MemberBlockRecord.query(on: db).filter(\.$blockerID == user.requireID()).filter(\.$blockedID == otherID).delete()
    }

    static func blocked(by user: User, on db: any Database) async throws -> [(MemberBlockRecord, String)] {
        let blocks = try await MemberBlockRecord.query(on: db).filter(\.$blockerID == user.requireID()).sort(\.$createdAt, .descending).all()
        let names = try await displayNames(blocks.map(\.blockedID), on: db)
        return blocks.map { ($0, names[$0.blockedID] ?? "A former member") }
    }

    // MARK: Sending

    /// Posts a message. A retried send with the same `clientKey` returns the first message and posts nothing.
    static func send(_ access: ConversationAccess, from user: User, text raw: String?, files: [IncomingFile], clientKey: String?,
                     now: Date, on db: any Database) async throws -> (MessageRecord, created: Bool) {
        let userID = try user.requireID()
        let key = clientKey?.trimmingCharacters(in: .whitespaces)
        if let key, !key.isEmpty {
            guard key.count <= 200 else { throw ValidationError(field: "clientKey", reason: "must be at most 200 characters") }
            if let earlier = try await MessageRecord.query(on: db).filter(\.$senderID == userID).filter(\.$clientKey == key).first() {
                guard earlier.conversationID == access.id else {
                    throw ValidationError(field: "clientKey", reason: "was already used for a message in another conversation")
                }
                return (earlier, false)
            }
        }
        // Check everything before writing anything.
        guard files.count <= MessageLimits.attachmentsPerMessage else {
            throw ValidationError(field: "attachments", reason: "may hold at most \(MessageLimits.attachmentsPerMessage) files per message")
        }
        var checked: [(name: String, kind: AttachmentKind, bytes: [UInt8])] = []
        for file in files {
            let name = try AttachmentKind.cleanFileName(file.fileName)
            checked.append((name, try AttachmentKind.check(fileName: name, bytes: file.bytes), file.bytes))
        }
        let text = try MessageLimits.text(raw, hasAttachments: !checked.isEmpty)
        if access.conversation.conversationKind == .direct, let other = try await otherMembers(access.id, than: userID, on: db).first,
           let block = try await blockBetween(userID, other, on: db) {
            throw block
        }
        let recent = try await MessageRecord.query(on: db).filter(\.$senderID == userID)
            .filter(\.$createdAt > now.addingTimeInterval(-3_600)).filter(\.$createdAt <= now).all(\.$createdAt)
        if let wait = SendRateLimit.wait(sentTimes: recent, now: now) {
            throw APIError(status: .tooManyRequests, code: "rate_limited",
                           message: "You reached the limit of \(wait.rule); you can send again in \(wait.seconds) seconds")
        }

        let conversationID = access.id
        let joinAsArbiter = !access.isMember
        let files = checked
        do {
            let message = try await WriteTransaction.run(on: db) { tx -> MessageRecord in
                let lock: SQLQueryString = tx.kind == .postgres ? " FOR UPDATE" : ""
                guard let row = try await tx.sql.raw("SELECT last_seq FROM conversations WHERE id = \(bind: conversationID)\(lock)").first() else {
                    throw APIError.notFound("That conversation")
                }
                let seq = try row.decode(column: "last_seq", as: Int.self) + 1
                let message = MessageRecord()
                message.id = UUID()
                message.conversationID = conversationID
                message.seq = seq
                message.senderID = userID
                message.text = text
                message.clientKey = (key?.isEmpty ?? true) ? nil : key
                message.createdAt = now
                try await message.create(on: tx)
                for (position, file) in files.enumerated() {
                    let a = MessageAttachmentRecord()
                    a.id = UUID()
                    a.messageID = message.id!
                    a.conversationID = conversationID
                    a.position = position
                    a.fileName = file.name
                    a.kind = file.kind.rawValue
                    a.sizeBytes = file.bytes.count
                    a.sha256 = SHA256.hash(data: file.bytes).map { String(format: "%02x", $0) }.joined()
                    a.data = Data(file.bytes)
                    try await a.create(on: tx)
                }
                try await tx.sql.raw("UPDATE conversations SET last_seq = \(bind: seq), last_message_at = \(bind: now) WHERE id = \(bind: conversationID)").run()
                if joinAsArbiter {
                    try await ConversationMemberRecord(conversationID: conversationID, memberID: userID, role: .arbiter, joinedAt: now).create(on: tx)
                }
                // Whoever writes has read everything up to their own message.
                try await tx.sql.raw("""
                    UPDATE conversation_members SET last_read_seq = \(bind: seq)
                    WHERE conversation_id = \(bind: conversationID) AND member_id = \(bind: userID)
                    """).run()
                return message
            }
            return (message, true)
        } catch {
            guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
            // The same key sent twice at once: the other request posted it.
            if let key, let earlier = try await MessageRecord.query(on: db).filter(\.$senderID == userID).filter(\.$clientKey == key).first() {
                return (earlier, false)
            }
            throw error
        }
    }

    /// After a message commits: tell every open page, and measure the seller's reply time when this was their first
    /// reply to a conversation another member opened.
    static func afterSend(_ message: MessageRecord, app: Application, logger: Logger) async {
        let db = app.db
        do {
            let members = try await ConversationMemberRecord.query(on: db).filter(\.$conversationID == message.conversationID).all(\.$memberID)
            await app.live.publish(LiveEvent(kind: .message, conversationID: message.conversationID, memberIDs: members), on: db, logger: logger)
            if message.seq > 1, let opening = try await MessageRecord.query(on: db).filter(\.$conversationID == message.conversationID)
                .filter(\.$seq == 1).first(), opening.senderID != message.senderID {
                let earlier = try await MessageRecord.query(on: db).filter(\.$conversationID == message.conversationID)
                    .filter(\.$senderID == message.senderID).filter(\.$seq < message.seq).count()
                if earlier == 0, try await SellerStatsRow.exists(message.senderID, on: db) {
                    try await SellerResponsiveness.refresh(seller: message.senderID, now: message.createdAt, on: db)
                }
            }
        } catch {
            logger.warning("after-send work failed for message \(message.id?.uuidString ?? "?"): \(error)")
        }
    }

    // MARK: Reading

    static func messages(in conversationID: UUID, after: Int? = nil, before: Int? = nil, limit: Int = MessageLimits.pageSize,
                         on db: any Database) async throws -> [MessageRecord] {
        let q = MessageRecord.query(on: db).filter(\.$conversationID == conversationID)
        if let after { q.filter(\.$seq > after) }
        if let before { q.filter(\.$seq < before) }
        if after != nil {
            return try await q.sort(\.$seq, .ascending).limit(limit).all()
        }
        // The newest page, shown oldest first.
        return try await q.sort(\.$seq, .descending).limit(limit).all().reversed()
    }

    static func attachments(of messageIDs: [UUID], on db: any Database) async throws -> [UUID: [MessageAttachmentRecord]] {
        guard !messageIDs.isEmpty else { return [:] }
        // Without the bytes: a list never needs them.
        let rows = try await MessageAttachmentRecord.query(on: db).filter(\.$messageID ~~ messageIDs).sort(\.$position)
            .field(\.$id).field(\.$messageID).field(\.$conversationID).field(\.$position).field(\.$fileName).field(\.$kind)
            .field(\.$sizeBytes).field(\.$sha256).all()
        return Dictionary(grouping: rows, by: \.messageID)
    }

    /// One attachment, if `user` may read its conversation.
    static func attachment(_ id: UUID?, for user: User, on db: any Database) async throws -> MessageAttachmentRecord {
        guard let id, let a = try await MessageAttachmentRecord.find(id, on: db) else { throw APIError.notFound("That file") }
        do { _ = try await access(a.conversationID, for: user, on: db) } catch { throw APIError.notFound("That file") }
        return a
    }

    /// Marks the conversation read up to `seq` (never backwards, never past its newest message).
    static func markRead(_ access: ConversationAccess, by user: User, upTo seq: Int?, app: Application, logger: Logger) async throws -> Int {
        guard access.isMember else { return 0 }
        let userID = try user.requireID()
        let target = min(seq ?? access.conversation.lastSeq, access.conversation.lastSeq)
        if let seq, seq < 0 { throw ValidationError(field: "seq", reason: "must be 0 or more") }
        try await app.db.sql.raw("""
            UPDATE conversation_members SET last_read_seq = \(bind: target)
            WHERE conversation_id = \(bind: access.id) AND member_id = \(bind: userID) AND last_read_seq < \(bind: target)
            """).run()
        await app.live.publish(LiveEvent(kind: .read, conversationID: access.id, memberIDs: [userID]), on: app.db, logger: logger)
        return target
    }

    /// Unread messages across all of a member's conversations (their own messages never count).
    static func unreadTotal(for memberID: UUID, on db: any Database) async throws -> Int {
        let row = try await db.sql.raw("""
            SELECT CAST(COALESCE(SUM(c.last_seq - cm.last_read_seq), 0) AS BIGINT) AS unread
            FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id
            WHERE cm.member_id = \(bind: memberID) AND c.last_seq > cm.last_read_seq
            """).first()
        return try row?.decode(column: "unread", as: Int.self) ?? 0
    }

    // MARK: Names and context

    static func otherMembers(_ conversationID: UUID, than userID: UUID, on db: any Database) async throws -> [UUID] {
        try await ConversationMemberRecord.query(on: db).filter(\.$conversationID == conversationID)
            .filter(\.$memberID != userID).filter(\.$role == ConversationRole.participant.rawValue).all(\.$memberID)
    }

    static func displayNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        let users = try await User.query(on: db).filter(\.$id ~~ unique).field(\.$id).field(\.$displayName).all()
        return Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u.displayName) } })
    }

    /// What a conversation is about, in words: "Order: A logo for your bakery".
    static func subjects(_ conversations: [ConversationRecord], viewer: UUID, on db: any Database) async throws -> [UUID: (text: String, link: String?)] {
        var out: [UUID: (String, String?)] = [:]
        let orderIDs = conversations.compactMap(\.orderID)
        let orders = orderIDs.isEmpty ? [] : try await OrderRecord.query(on: db).filter(\.$id ~~ orderIDs).field(\.$id).field(\.$title).all()
        let orderTitles = Dictionary(uniqueKeysWithValues: orders.compactMap { o in o.id.map { ($0, o.title) } })
        let interviewIDs = conversations.compactMap(\.interviewID)
        let interviews = interviewIDs.isEmpty ? [] : try await InterviewRecord.query(on: db).filter(\.$id ~~ interviewIDs).with(\.$target).all()
        let topics = Dictionary(uniqueKeysWithValues: interviews.compactMap { i in i.id.map { ($0, i.target.name) } })
        let explorers = Dictionary(uniqueKeysWithValues: interviews.compactMap { i in i.id.map { ($0, i.$explorer.id) } })
        for c in conversations {
            guard let id = c.id else { continue }
            switch c.conversationKind {
            case .direct: out[id] = ("Direct messages", nil)
            case .order:
                out[id] = ("Order: " + (c.orderID.flatMap { orderTitles[$0] } ?? "an order"), c.orderID.map { "/orders/\($0.uuidString)" })
            case .interview:
                // The explorer's own page for it; the practitioner's is their list of requests.
                let link = c.interviewID.map { explorers[$0] == viewer ? "/interviews/\($0.uuidString)" : "/interviews/incoming" }
                out[id] = ("Informational interview about " + (c.interviewID.flatMap { topics[$0] } ?? "a career"), link)
            }
        }
        return out
    }
}

/// Whether a member has a seller record (only sellers have a responsiveness to measure).
enum SellerStatsRow {
    static func exists(_ memberID: UUID, on db: any Database) async throws -> Bool {
        try await db.sql.raw("SELECT 1 AS one FROM seller_stats WHERE user_id = \(bind: memberID)").first() != nil
    }
}
