// Real-time events for members' open pages (new messages, read marks, unread counts), across every app instance.
//
// An event carries only ids; what a page shows is always read from the database, so nothing lives only in one
// instance's memory. On PostgreSQL an event is published with `pg_notify` and every instance's one listening
// connection hands it to the sockets open on that instance (the sender's own included). On SQLite (one instance) the
// same call hands it over in-process. A socket that missed events (a restart, a dropped listener) catches up from
// the database, since each asks for "everything after what I last sent".
import Vapor
import Fluent
import PostgresKit
import NIOConcurrencyHelpers

struct LiveEvent: Codable, Sendable, Equatable {
    enum Kind: String, Codable, Sendable {
        /// A message was posted in `conversationID`.
        case message
        /// `memberIDs` read `conversationID` up to a point (their unread counts changed).
        case read
        /// Something else a member's open pages count changed (notifications).
        case counts
        /// The listener reconnected: every socket on this instance should catch up from the database.
        case resync
    }
    var kind: Kind
    var conversationID: UUID?
    /// Whose open pages this concerns (every member of the conversation, for a message).
    var memberIDs: [UUID]
}

/// The sockets open on this instance, and which events each wants.
final class LiveHub: Sendable {
    struct Subscriber: Sendable {
        let memberID: UUID
        /// A conversation's socket gets that conversation's events; a member's page-wide socket (nil) gets every
        /// event addressed to the member.
        let conversationID: UUID?
        let deliver: @Sendable (LiveEvent) -> Void
    }
    private let subscribers = NIOLockedValueBox<[UUID: Subscriber]>([:])

    func add(_ subscriber: Subscriber) -> UUID {
        let id = UUID()
        subscribers.withLockedValue { $0[id] = subscriber }
        return id
    }

    func remove(_ id: UUID) { _ = subscribers.withLockedValue { $0.removeValue(forKey: id) } }

    var count: Int { subscribers.withLockedValue { $0.count } }

    func dispatch(_ event: LiveEvent) {
        let targets = subscribers.withLockedValue { subs in
            subs.values.filter { sub in
                if event.kind == .resync { return true }
                if let conversation = sub.conversationID {
                    return event.conversationID == conversation && event.kind == .message
                }
                return event.memberIDs.contains(sub.memberID)
            }
        }
        for target in targets { target.deliver(event) }
    }
}

final class LiveBus: Sendable {
    let hub = LiveHub()
    private let postgres: PostgresListener?

    init(app: Application) {
        if case .postgres(let url, let searchPath, _) = app.guild.database {
            postgres = PostgresListener(url: url, channel: LiveBus.channelName(searchPath: searchPath), hub: hub, app: app)
        } else {
            postgres = nil
        }
    }

    /// One channel per database schema, so that two Guilds sharing a server (the tests' schemas) never hear each other.
    static func channelName(searchPath: String?) -> String {
        "guild_live" + (searchPath.map { "_" + $0.filter { $0.isLetter || $0.isNumber || $0 == "_" } } ?? "")
    }

    /// Sends an event to every instance's open pages. Call it after the change it announces has committed.
    /// A failure to announce is logged, never thrown: the change stands, and pages catch up on their next event or
    /// reconnect.
    func publish(_ event: LiveEvent, on db: any Database, logger: Logger) async {
        guard let postgres else { hub.dispatch(event); return }
        do {
            let payload = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
            try await db.sql.raw("SELECT pg_notify(\(bind: postgres.channel), \(bind: payload))").run()
        } catch {
            logger.warning("live event not published: \(error)")
        }
    }

    /// Waits until this instance hears published events (PostgreSQL: its LISTEN is in place). A socket calls it before
    /// reading what it missed, so that nothing falls between the catch-up and the first live event.
    func ready() async throws {
        try await postgres?.ready()
    }

    func shutdown() async { await postgres?.stop() }
}

/// The one connection per instance that LISTENs on the live channel; started at the first socket, reconnected with a
/// pause when it drops (and then every socket catches up).
final class PostgresListener: Sendable {
    let channel: String
    private let url: String
    private let hub: LiveHub
    private let logger: Logger
    private let eventLoop: any EventLoop
    private struct State {
        var task: Task<Void, Never>?
        var listening = false
        var waiters: [CheckedContinuation<Void, any Error>] = []
        var stopped = false
        var connection: PostgresConnection?
    }
    private let state = NIOLockedValueBox(State())

    init(url: String, channel: String, hub: LiveHub, app: Application) {
        self.url = url
        self.channel = channel
        self.hub = hub
        self.logger = app.logger
        self.eventLoop = app.eventLoopGroup.any()
    }

    func ready() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let resumeNow: Bool = state.withLockedValue { s in
                if s.stopped { return true }
                if s.listening { return true }
                s.waiters.append(continuation)
                if s.task == nil { s.task = Task { await self.run() } }
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func stop() async {
        let (task, connection) = state.withLockedValue { s -> (Task<Void, Never>?, PostgresConnection?) in
            s.stopped = true
            let waiters = s.waiters
            s.waiters = []
            for w in waiters { w.resume(throwing: CancellationError()) }
            return (s.task, s.connection)
        }
        task?.cancel()
        // Closing the connection ends the notification stream the task is reading.
        if let connection { await Self.close(connection) }
        await task?.value
    }

    private static func close(_ connection: PostgresConnection) async {
        let closing: EventLoopFuture<Void> = connection.close()
        try? await closing.get()
    }

    private func run() async {
        var attempt = 0
        var everListened = false
        while !Task.isCancelled && !state.withLockedValue({ $0.stopped }) {
            do {
                var config = try SQLPostgresConfiguration(url: url).coreConfiguration
                config.tls = .disable
                let connection = try await PostgresConnection.connect(on: eventLoop, configuration: config, id: 1, logger: logger).get()
                let stopped = state.withLockedValue { s in
                    s.connection = connection
                    return s.stopped
                }
                if stopped { await Self.close(connection); break }
                do {
                try await connection.listen(on: channel) { notifications in
                    attempt = 0
                    let waiters = state.withLockedValue { s in
                        s.listening = true
                        let w = s.waiters
                        s.waiters = []
                        return w
                    }
                    for w in waiters { w.resume() }
                    // After a reconnect, what was published while nobody listened is read from the database.
                    if everListened { hub.dispatch(LiveEvent(kind: .resync, conversationID: nil, memberIDs: [])) }
                    everListened = true
                    for try await notification in notifications {
                        guard let event = try? JSONDecoder().decode(LiveEvent.self, from: Data(notification.payload.utf8)) else { continue }
                        hub.dispatch(event)
                    }
                }
                } catch {
                    state.withLockedValue { $0.connection = nil }
                    await Self.close(connection)
                    throw error
                }
                state.withLockedValue { $0.connection = nil }
                await Self.close(connection)
            } catch {
                if Task.isCancelled { break }
                logger.warning("live listener lost its connection (\(error)); reconnecting")
            }
            attempt += 1
            // Sockets waiting for a first LISTEN are told after a few failed tries instead of waiting forever.
            let failed = state.withLockedValue { s -> [CheckedContinuation<Void, any Error>] in
                s.listening = false
                guard attempt >= 3 else { return [] }
                let w = s.waiters
                s.waiters = []
                return w
            }
            for w in failed { w.resume(throwing: APIError(status: .serviceUnavailable, code: "live_unavailable", message: "Live updates are unavailable for now; reload the page to see new messages")) }
            try? await Task.sleep(nanoseconds: UInt64(min(5, attempt)) * 500_000_000)
        }
    }
}

extension Application {
    private struct LiveBusKey: StorageKey { typealias Value = LiveBus }
    private struct LiveBusLifecycle: LifecycleHandler {
        func shutdownAsync(_ app: Application) async { await app.storage[LiveBusKey.self]?.shutdown() }
    }

    /// Made at configure time (one per application).
    var live: LiveBus {
        get { guard let bus = storage[LiveBusKey.self] else { fatalError("configure(_:) has not run") }; return bus }
        set {
            storage[LiveBusKey.self] = newValue
            lifecycle.use(LiveBusLifecycle())
        }
    }
}
