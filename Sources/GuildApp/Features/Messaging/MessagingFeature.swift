// The messaging area: conversations between two members, on an order (arbiters join once it is disputed) and on an
// interview request; files, live delivery over WebSocket to every open page, blocking, reporting and rate limits.
import Vapor
import Fluent

struct MessagingFeature: Feature {
    var migrations: [any Migration] {
        [CreateConversations(), CreateConversationMembers(), CreateMessages(), CreateMessageAttachments(), CreateMemberBlocks(), CreateMemberReports()]
    }

    var models: [any Model.Type] {
        [ConversationRecord.self, ConversationMemberRecord.self, MessageRecord.self, MessageAttachmentRecord.self, MemberBlockRecord.self,
         MemberReportRecord.self]
    }

    func boot(_ app: Application) throws {
        app.live = LiveBus(app: app)
    }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: MessagingAPIController())
        for page: any RouteCollection in [InboxPage(), ThreadPage(), ReportPages(), MessagingPolicyPage()] {
            try pages.register(collection: page)
        }
    }

    func demo(_ demo: DemoContext) async throws {
        try await MessagingDemo.run(demo)
    }

    /// Every conversation the member takes part in, with all its messages (they were written to the member), and
    /// the files in them; the members they blocked and the reports they made.
    func export(_ context: ExportContext) async throws -> [ExportFile] {
        let conversations = try await ConversationDTO.list(for: context.member, pages: false, on: context.db)
        var messages: [MessageDTO] = []
        var files: [ExportFile] = []
        for c in conversations {
            var after = 0
            while true {
                let batch = try await MessagingStore.messages(in: c.id, after: after, limit: 200, on: context.db)
                guard let last = batch.last else { break }
                messages += try await MessageDTO.list(batch, pages: false, on: context.db)
                after = last.seq
            }
        }
        let attachmentIDs = messages.flatMap { $0.attachments.map(\.id) }
        if !attachmentIDs.isEmpty {
            for a in try await MessageAttachmentRecord.query(on: context.db).filter(\.$id ~~ attachmentIDs).all() {
                files.append(ExportFile(path: "messages/files/\(a.id!.uuidString)-\(a.fileName)", description: "A file sent in a conversation", data: a.data))
            }
        }
        let blocks = try await MessagingStore.blocked(by: context.member, on: context.db)
            .map { BlockDTO(memberId: $0.0.blockedID, displayName: $0.1, blockedAt: $0.0.createdAt) }
        let reports = try await MemberReportRecord.query(on: context.db).filter(\.$reporterID == context.memberID).all()
        let names = try await MessagingStore.displayNames(reports.map(\.reportedID), on: context.db)
        return try ExportFile.records("messages/conversations", "Your conversations", conversations.map { ConversationExport($0) })
            + (try ExportFile.records("messages/messages", "Every message in your conversations", messages.map { MessageExport($0) }))
            + files
            + (try ExportFile.records("messages/blocked", "Members you blocked", blocks))
            + (try ExportFile.records("messages/reports", "Members you reported, and what came of it",
                                      reports.map { ReportDTO($0, reportedName: names[$0.reportedID] ?? "") }))
    }
}

/// Flat rows for the export's tables.
struct ConversationExport: Encodable {
    var id: UUID, kind: String, subject: String, members: String, lastMessageAt: Date?
    init(_ c: ConversationDTO) {
        id = c.id; kind = c.kind; subject = c.subject; lastMessageAt = c.lastMessageAt
        members = c.members.map(\.displayName).joined(separator: "; ")
    }
}

struct MessageExport: Encodable {
    var id: UUID, conversationId: UUID, seq: Int, sender: String, text: String, createdAt: Date, files: String
    init(_ m: MessageDTO) {
        id = m.id; conversationId = m.conversationId; seq = m.seq; sender = m.senderName; text = m.text; createdAt = m.createdAt
        files = m.attachments.map { "\($0.id.uuidString)-\($0.fileName)" }.joined(separator: "; ")
    }
}
