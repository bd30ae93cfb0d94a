// The WebSocket side of messaging. A conversation's socket sends each new message once, in order: on every event for
// its conversation it reads "everything after the last one I sent" from the database, so a missed event (another
// instance's, a reconnect) costs nothing but a little delay. A member's page-wide socket sends unread counts.
import Vapor
import Fluent
import GuildCore

/// Runs one catch-up at a time per socket; a poke that arrives during one makes exactly one more run after it.
actor SocketPump {
    private var running = false
    private var again = false
    private let work: @Sendable () async -> Void

    init(_ work: @escaping @Sendable () async -> Void) { self.work = work }

    func poke() async {
        if running { again = true; return }
        running = true
        repeat {
            again = false
            await work()
        } while again
        running = false
    }
}

/// The last sequence number a socket sent.
final class SentMark: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int
    init(_ value: Int) { self.value = value }
    var current: Int { lock.withLock { value } }
    func set(_ v: Int) { lock.withLock { value = max(value, v) } }
}

enum LiveSocket {
    struct Frame<T: Encodable>: Encodable { var type: String; var data: T }

    static func send<T: Encodable>(_ ws: WebSocket, _ type: String, _ data: T) async {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        guard let json = try? encoder.encode(Frame(type: type, data: data)) else { return }
        try? await ws.send(String(decoding: json, as: UTF8.self))
    }

    /// `since`, when given, must be a sequence number.
    static func since(_ req: Request) throws -> Int? {
        guard let raw = req.query[String.self, at: "since"] else { return nil }
        guard let n = Int(raw), n >= 0 else { throw ValidationError(field: "since", reason: "must be a whole number, 0 or more") }
        return n
    }

    /// Only the page's own origin may open a cookie-authenticated socket (no cross-site socket hijacking).
    static func sameOrigin(_ req: Request) -> Bool {
        guard let origin = req.headers.first(name: .origin), let host = req.headers.first(name: .host),
              let url = URL(string: origin), let originHost = url.host else { return false }
        let originHostPort = originHost + (url.port.map { ":\($0)" } ?? "")
        return originHostPort == host
    }

    /// A conversation's live messages. `since`: the last sequence number the client has (nil: only new ones).
    static func conversation(_ ws: WebSocket, req: Request, access: ConversationAccess, user: User, since: Int?, pages: Bool) async {
        let app = req.application
        let logger = req.logger
        let conversationID = access.id
        // A socket's settings and handlers belong to its event loop; the upgrade's handler runs in a task.
        try? await ws.eventLoop.submit {
            ws.pingInterval = .seconds(25)
            // The client marks what it has shown as read: {"type": "read", "seq": 12}.
            ws.onText { _, text in
                struct Incoming: Decodable { var type: String; var seq: Int? }
                guard let incoming = try? JSONDecoder().decode(Incoming.self, from: Data(text.utf8)), incoming.type == "read" else { return }
                Task {
                    guard let fresh = try? await MessagingStore.access(conversationID, for: user, on: app.db) else { return }
                    _ = try? await MessagingStore.markRead(fresh, by: user, upTo: incoming.seq, app: app, logger: logger)
                }
            }
        }.get()
        do {
            try await app.live.ready()
        } catch {
            await send(ws, "error", ["message": "Live updates are unavailable for now; reload the page to see new messages"])
            try? await ws.close(code: .unexpectedServerError)
            return
        }
        let start = since ?? access.conversation.lastSeq
        let mark = SentMark(max(0, start))
        let pump = SocketPump {
            do {
                while true {
                    let batch = try await MessagingStore.messages(in: conversationID, after: mark.current, limit: 100, on: app.db)
                    guard !batch.isEmpty else { return }
                    for dto in try await MessageDTO.list(batch, pages: pages, speakingTo: pages ? user : nil, now: app.clock.now(), on: app.db) {
                        await send(ws, "message", dto)
                        mark.set(dto.seq)
                    }
                    if batch.count < 100 { return }
                }
            } catch {
                logger.warning("live catch-up failed for conversation \(conversationID): \(error)")
            }
        }
        let subscription = app.live.hub.add(.init(memberID: try! user.requireID(), conversationID: conversationID) { _ in
            Task { await pump.poke() }
        })
        ws.onClose.whenComplete { _ in app.live.hub.remove(subscription) }
        await send(ws, "ready", ["conversationId": conversationID.uuidString, "since": String(mark.current)])
        // Listening is in place: what was posted before it is read now, what comes after arrives as events.
        await pump.poke()
    }

    /// A member's page-wide socket: their unread message count whenever it may have changed.
    static func member(_ ws: WebSocket, req: Request, user: User) async {
        let app = req.application
        let memberID = try! user.requireID()
        try? await ws.eventLoop.submit { ws.pingInterval = .seconds(25) }.get()
        do { try await app.live.ready() } catch {
            try? await ws.close(code: .unexpectedServerError)
            return
        }
        let pump = SocketPump {
            guard let unread = try? await MessagingStore.unreadTotal(for: memberID, on: app.db) else { return }
            await send(ws, "unread", UnreadDTO(messages: unread))
        }
        let subscription = app.live.hub.add(.init(memberID: memberID, conversationID: nil) { _ in Task { await pump.poke() } })
        ws.onClose.whenComplete { _ in app.live.hub.remove(subscription) }
        await pump.poke()
    }
}
