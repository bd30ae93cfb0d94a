// One conversation as a page shows it: on its own page (/messages/{id}) and inside an order's page. It works without
// JavaScript (the form posts, the page reloads); with it, /js/chat.js sends without reloading and shows new messages
// as they arrive over the page's socket.
import Vapor
import Fluent
import GuildCore

struct ChatPanel: Encodable {
    struct File: Encodable { var url: String; var fileName: String; var size: String; var kind: String; var isImage: Bool }
    struct Line: Encodable {
        var id: String
        var seq: Int
        var senderName: String
        var senderId: String
        var mine: Bool
        var text: String
        var createdAt: Date
        var files: [File]
    }
    var id: String
    var lines: [Line]
    /// The sequence number before which older messages can be loaded (nil when all are shown).
    var earlierBefore: Int?
    var lastSeq: Int
    var canPost: Bool
    /// Why this member cannot write here now (a block), in words.
    var closedNotice: String?
    /// A fresh key per form, so that a form sent twice posts once.
    var clientKey: String
    /// Where the form returns to after sending (the order page when embedded).
    var back: String
    var draft: String
    var problem: String?
    var maxFiles: Int
    var maxFileSize: String
    var allowedKinds: String
    var isArbiterView: Bool

    static func load(_ access: ConversationAccess, for user: User, before: Int? = nil, back: String, draft: String = "", problem: String? = nil,
                     on req: Request) async throws -> ChatPanel {
        let db = req.db
        let userID = try user.requireID()
        let messages = try await MessagingStore.messages(in: access.id, before: before, on: db)
        let names = try await MessagingStore.displayNames(messages.map(\.senderID), on: db)
        let files = try await MessagingStore.attachments(of: messages.compactMap(\.id), on: db)
        var closed: String? = nil
        if access.conversation.conversationKind == .direct, let other = try await MessagingStore.otherMembers(access.id, than: userID, on: db).first,
           let block = try await MessagingStore.blockBetween(userID, other, on: db) {
            closed = block.message
        }
        let lines = messages.map { m in
            Line(id: m.id!.uuidString, seq: m.seq, senderName: names[m.senderID] ?? "A former member", senderId: m.senderID.uuidString,
                 mine: m.senderID == userID, text: m.text, createdAt: m.createdAt,
                 files: (files[m.id!] ?? []).map { File(url: "/files/\($0.id!.uuidString)", fileName: $0.fileName, size: ByteSize.spoken($0.sizeBytes),
                                                        kind: $0.attachmentKind.label, isImage: $0.attachmentKind.isImage) })
        }
        return ChatPanel(id: access.id.uuidString, lines: lines, earlierBefore: (messages.first?.seq ?? 1) > 1 ? messages.first?.seq : nil,
                         lastSeq: access.conversation.lastSeq, canPost: closed == nil, closedNotice: closed, clientKey: UUID().uuidString,
                         back: back, draft: draft, problem: problem, maxFiles: MessageLimits.attachmentsPerMessage,
                         maxFileSize: ByteSize.spoken(MessageLimits.attachmentBytes),
                         allowedKinds: AttachmentKind.allCases.map(\.label).joined(separator: ", "), isArbiterView: access.role == .arbiter)
    }
}

extension ChatPanel {
    /// The panel on an order's page: its buyer and seller always have the conversation (made on first view); an
    /// arbiter sees it once a dispute was opened.
    static func forOrder(_ order: OrderRecord, viewer: OrderActor?, user: User, on req: Request) async throws -> ChatPanel? {
        let orderID = try order.requireID()
        let conversation: ConversationRecord
        if viewer != nil {
            conversation = try await MessagingStore.forOrder(orderID, user: user, now: req.application.clock.now(), on: req.db)
        } else if let existing = try await ConversationRecord.query(on: req.db).filter(\.$orderID == orderID).first() {
            conversation = existing
        } else {
            return nil
        }
        guard let access = try? await MessagingStore.access(conversation.id, for: user, on: req.db) else { return nil }
        _ = try await MessagingStore.markRead(access, by: user, upTo: nil, app: req.application, logger: req.logger)
        return try await load(access, for: user, back: "/orders/\(orderID.uuidString)", on: req)
    }
}

/// The send form, as the page posts it (multipart, so that files can come along).
struct SendForm: Content {
    var text: String?
    var clientKey: String?
    var back: String?
    var files: [File]?
}

enum ChatForm {
    /// Reads the page's send form and posts it. Returns the message, or the panel to show again with the problem.
    static func send(_ req: Request, access: ConversationAccess, user: User) async throws -> Result<(MessageRecord, created: Bool), ValidationOrConflict> {
        let form = try req.content.decode(SendForm.self)
        // A file input left empty still sends one nameless, empty part.
        let files = (form.files ?? []).filter { !($0.filename.isEmpty && $0.data.readableBytes == 0) }
            .map { IncomingFile(fileName: $0.filename, bytes: Array($0.data.readableBytesView)) }
        do {
            let sent = try await MessagingStore.send(access, from: user, text: form.text, files: files, clientKey: form.clientKey,
                                                     now: req.application.clock.now(), on: req.db)
            if sent.created { await MessagingStore.afterSend(sent.0, app: req.application, logger: req.logger) }
            return .success(sent)
        } catch let e as ValidationError {
            return .failure(ValidationOrConflict(message: "The \(e.field == "text" ? "message" : "file") \(e.reason).", status: .unprocessableEntity, draft: form.text ?? ""))
        } catch let e as ValidationErrors {
            return .failure(ValidationOrConflict(message: e.errors.map { "\($0.field): \($0.reason)" }.joined(separator: "; "), status: .unprocessableEntity, draft: form.text ?? ""))
        } catch let e as ConflictError {
            return .failure(ValidationOrConflict(message: e.message, status: .conflict, draft: form.text ?? ""))
        } catch let e as APIError where e.status == .tooManyRequests {
            return .failure(ValidationOrConflict(message: e.message, status: .tooManyRequests, draft: form.text ?? ""))
        }
    }

    /// A safe place to return to: only a path on this site.
    static func safeBack(_ raw: String?, fallback: String) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\") else { return fallback }
        return raw
    }
}

struct ValidationOrConflict: Error {
    var message: String
    var status: HTTPResponseStatus
    var draft: String
}
