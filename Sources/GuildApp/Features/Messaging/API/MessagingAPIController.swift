// /api/v1/conversations…, /attachments/{id}, /members/{id}/block, /reports: messaging over JSON, and the live socket.
import Vapor
import Fluent
import GuildCore

struct MessagingAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberAPI())
        member.post("conversations", use: start)
        member.get("conversations", use: list)
        member.get("conversations", ":conversationID", use: one)
        member.get("conversations", ":conversationID", "messages", use: messages)
        // Three files of 5 MiB each, in base64, fit.
        member.on(.POST, "conversations", ":conversationID", "messages", body: .collect(maxSize: "22mb"), use: post)
        member.post("conversations", ":conversationID", "read", use: read)
        // Access is checked before the upgrade, so that a refused socket is an ordinary 404 (or 401).
        member.get("conversations", ":conversationID", "live") { req async throws -> Response in
            let user = try req.member()
            let access = try await MessagingStore.access(req.parameters.get("conversationID", as: UUID.self), for: user, on: req.db)
            let since = try LiveSocket.since(req)
            return req.webSocket(onUpgrade: { req, ws in
                await LiveSocket.conversation(ws, req: req, access: access, user: user, since: since, pages: false)
            })
        }
        member.get("attachments", ":attachmentID", use: attachment)
        member.post("orders", ":orderID", "conversation", use: orderConversation)
        member.post("interviews", ":interviewID", "conversation", use: interviewConversation)
        member.get("me", "unread", use: unread)
        member.get("me", "blocks", use: blocks)
        member.put("members", ":memberID", "block", use: block)
        member.delete("members", ":memberID", "block", use: unblock)
        member.post("reports", use: report)
        member.get("reports", use: reports)
        member.post("reports", ":reportID", "decision", use: decide)
    }

    func start(req: Request) async throws -> Response {
        let body = try req.content.decode(StartConversationRequest.self)
        let (c, created) = try await MessagingStore.direct(from: try req.member(), to: body.memberId, now: req.application.clock.now(), on: req.db)
        return try await CreatedConversation(id: c.id!).encodeResponse(status: created ? .created : .ok, for: req)
    }

    func list(req: Request) async throws -> [ConversationDTO] {
        try await ConversationDTO.list(for: try req.member(), pages: false, on: req.db)
    }

    func one(req: Request) async throws -> ConversationDTO {
        let user = try req.member()
        let access = try await MessagingStore.access(req.parameters.get("conversationID", as: UUID.self), for: user, on: req.db)
        guard let dto = try await ConversationDTO.list(for: user, only: [access.id], pages: false, on: req.db).first else {
            throw APIError.notFound("That conversation")
        }
        return dto
    }

    func messages(req: Request) async throws -> [MessageDTO] {
        let access = try await MessagingStore.access(req.parameters.get("conversationID", as: UUID.self), for: try req.member(), on: req.db)
        let (after, before, limit) = try Self.paging(req)
        let found = try await MessagingStore.messages(in: access.id, after: after, before: before, limit: limit, on: req.db)
        return try await MessageDTO.list(found, pages: false, on: req.db)
    }

    static func paging(_ req: Request) throws -> (after: Int?, before: Int?, limit: Int) {
        var problems: [ValidationError] = []
        func int(_ name: String, _ range: ClosedRange<Int>) -> Int? {
            guard let raw = req.query[String.self, at: name] else { return nil }
            guard let n = Int(raw), range.contains(n) else {
                problems.append(.init(field: name, reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
                return nil
            }
            return n
        }
        let after = int("after", 0...Int(Int32.max))
        let before = int("before", 1...Int(Int32.max))
        let limit = int("limit", MessageLimits.pageSizeRange) ?? MessageLimits.pageSize
        if after != nil && before != nil { problems.append(.init(field: "before", reason: "cannot be combined with after")) }
        guard problems.isEmpty else { throw ValidationErrors(problems) }
        return (after, before, limit)
    }

    func post(req: Request) async throws -> Response {
        let user = try req.member()
        let access = try await MessagingStore.access(req.parameters.get("conversationID", as: UUID.self), for: user, on: req.db)
        let body = try req.content.decode(SendMessageRequest.self)
        var files: [IncomingFile] = []
        for (index, file) in (body.attachments ?? []).enumerated() {
            guard let encoded = file.contentBase64, let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
                throw ValidationError(field: "attachments[\(index)].contentBase64", reason: "is required and must be base64")
            }
            files.append(IncomingFile(fileName: file.fileName, bytes: Array(data)))
        }
        let key = req.headers.first(name: "Idempotency-Key") ?? body.clientKey
        let sent = try await MessagingStore.send(access, from: user, text: body.text, files: files, clientKey: key,
                                                 now: req.application.clock.now(), on: req.db)
        let (message, created) = (sent.0, sent.created)
        if created { await MessagingStore.afterSend(message, app: req.application, logger: req.logger) }
        let dto = try await MessageDTO.list([message], pages: false, on: req.db)[0]
        return try await dto.encodeResponse(status: created ? .created : .ok, for: req)
    }

    func read(req: Request) async throws -> ReadResponse {
        let user = try req.member()
        let access = try await MessagingStore.access(req.parameters.get("conversationID", as: UUID.self), for: user, on: req.db)
        let body = try req.content.decode(ReadRequest.self)
        let seq = try await MessagingStore.markRead(access, by: user, upTo: body.seq, app: req.application, logger: req.logger)
        return ReadResponse(lastReadSeq: seq, unreadTotal: try await MessagingStore.unreadTotal(for: user.requireID(), on: req.db))
    }

    func attachment(req: Request) async throws -> Response {
        let a = try await MessagingStore.attachment(req.parameters.get("attachmentID", as: UUID.self), for: try req.member(), on: req.db)
        return AttachmentResponse.make(a)
    }

    func orderConversation(req: Request) async throws -> CreatedConversation {
        let c = try await MessagingStore.forOrder(req.parameters.get("orderID", as: UUID.self), user: try req.member(),
                                                  now: req.application.clock.now(), on: req.db)
        return CreatedConversation(id: c.id!)
    }

    func interviewConversation(req: Request) async throws -> CreatedConversation {
        let c = try await MessagingStore.forInterview(req.parameters.get("interviewID", as: UUID.self), user: try req.member(),
                                                      now: req.application.clock.now(), on: req.db)
        return CreatedConversation(id: c.id!)
    }

    func unread(req: Request) async throws -> UnreadDTO {
        UnreadDTO(messages: try await MessagingStore.unreadTotal(for: try req.memberID(), on: req.db))
    }

    func blocks(req: Request) async throws -> [BlockDTO] {
        try await MessagingStore.blocked(by: try req.member(), on: req.db).map { BlockDTO(memberId: $0.0.blockedID, displayName: $0.1, blockedAt: $0.0.createdAt) }
    }

    func block(req: Request) async throws -> HTTPStatus {
        try await MessagingStore.block(req.parameters.get("memberID", as: UUID.self), by: try req.member(), now: req.application.clock.now(), on: req.db)
        return .noContent
    }

    func unblock(req: Request) async throws -> HTTPStatus {
        try await MessagingStore.unblock(req.parameters.get("memberID", as: UUID.self), by: try req.member(), on: req.db)
        return .noContent
    }

    func report(req: Request) async throws -> Response {
        let body = try req.content.decode(ReportRequest.self)
        let r = try await MessagingStore.report(body, by: try req.member(), now: req.application.clock.now(), on: req.db)
        let names = try await MessagingStore.displayNames([r.reportedID], on: req.db)
        return try await ReportDTO(r, reportedName: names[r.reportedID] ?? "").encodeResponse(status: .created, for: req)
    }

    func reports(req: Request) async throws -> [ReportDTO] {
        let found = try await MessagingStore.reports(for: try req.member(), on: req.db)
        let names = try await MessagingStore.displayNames(found.map(\.reportedID), on: req.db)
        return found.map { ReportDTO($0, reportedName: names[$0.reportedID] ?? "A former member") }
    }

    func decide(req: Request) async throws -> ReportDTO {
        let body = try req.content.decode(ReportDecisionRequest.self)
        let r = try await MessagingStore.decideReport(req.parameters.get("reportID", as: UUID.self), by: try req.member(), state: body.state,
                                                      note: body.reason, now: req.application.clock.now(), on: req.db)
        let names = try await MessagingStore.displayNames([r.reportedID], on: req.db)
        return ReportDTO(r, reportedName: names[r.reportedID] ?? "")
    }
}

/// Serves a stored file so that no browser runs it: the kind read from its bytes, `nosniff`, a sandboxing CSP, and a
/// download for anything that is not an image.
enum AttachmentResponse {
    static func make(_ a: MessageAttachmentRecord) -> Response {
        let response = Response(status: .ok, body: .init(data: a.data))
        let kind = a.attachmentKind
        response.headers.replaceOrAdd(name: .contentType, value: kind.contentType)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        let ascii = String(a.fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = a.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        let disposition = kind.isImage ? "inline" : "attachment"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "\(disposition); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        return response
    }
}
