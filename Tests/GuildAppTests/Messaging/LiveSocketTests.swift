// The live socket against a real server on a loopback port: a message posted through the API arrives on the other
// member's open socket (through LISTEN/NOTIFY on PostgreSQL), a reconnecting socket catches up from the database,
// and a member outside the conversation cannot open one.
import Foundation
import Testing
import Vapor
import VaporTesting
import NIOConcurrencyHelpers
@testable import GuildApp

/// Collects a socket's text frames; `next` waits for the next one of a type, or fails after a timeout.
final class FrameInbox: @unchecked Sendable {
    private let lock = NIOLock()
    private var frames: [String] = []

    func add(_ text: String) { lock.withLock { frames.append(text) } }

    func next(_ type: String, timeout: TimeInterval = 30) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let found: [String: Any]? = lock.withLock {
                for (index, text) in frames.enumerated() {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                          object["type"] as? String == type else { continue }
                    frames.remove(at: index)
                    return object
                }
                return nil
            }
            if let found { return found }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        throw TestSetupError("no \(type) frame within \(timeout) seconds")
    }
}

/// Runs the app's HTTP server on a free loopback port for the body.
func withServer<T>(_ app: Application, _ body: (Int) async throws -> T) async throws -> T {
    try await app.asyncBoot()
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    do {
        let port = try #require(app.http.server.shared.localAddress?.port)
        let result = try await body(port)
        await app.server.shutdown()
        return result
    } catch {
        await app.server.shutdown()
        throw error
    }
}

func openSocket(port: Int, path: String, query: String? = nil, token: String, on app: Application) async throws -> (WebSocket, FrameInbox) {
    let inbox = FrameInbox()
    let box = NIOLockedValueBox<WebSocket?>(nil)
    // The synchronous upgrade handler runs on the socket's loop before any frame is read, so no frame is missed.
    let onUpgrade: @Sendable (WebSocket) -> Void = { ws in
        ws.onText { _, text in inbox.add(text) }
        box.withLockedValue { $0 = ws }
    }
    try await WebSocket.connect(scheme: "ws", host: "127.0.0.1", port: port, path: path, query: query,
                                headers: ["Authorization": "Bearer \(token)"], on: app.eventLoopGroup, onUpgrade: onUpgrade).get()
    // connect returns once connected; the upgrade follows.
    for _ in 0..<500 {
        if let ws = box.withLockedValue({ $0 }) { return (ws, inbox) }
        try await Task.sleep(nanoseconds: 10_000_000)
    }
    throw TestSetupError("the socket was not upgraded within 5 seconds")
}

@Suite struct LiveSocketTests {
    @Test(arguments: TestDatabase.all)
    func aMessageArrivesOnTheOtherMembersOpenSocket(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Asker")
            let bo = try await app.member("Bo Builder")
            let cy = try await app.member("Cy Outsider")
            let (_, id) = try await app.startConversation(ada, with: bo.id)
            let conversation = try #require(id)
            #expect(try await app.post("Before anyone listened", in: conversation, by: ada).status == .created)
            try await withServer(app) { port in
                let path = "/api/v1/conversations/\(conversation)/live"
                let (socket, inbox) = try await openSocket(port: port, path: path, token: ada.token, on: app)
                _ = try await inbox.next("ready")
                #expect(try await app.post("Live hello from Bo", in: conversation, by: bo).status == .created)
                let frame = try await inbox.next("message")
                let data = try #require(frame["data"] as? [String: Any])
                #expect(data["text"] as? String == "Live hello from Bo")
                #expect(data["seq"] as? Int == 2)
                #expect(data["senderName"] as? String == "Bo Builder")
                // Ada marks it read over the socket; her unread count drops to 0.
                try await socket.send(#"{"type":"read","seq":2}"#)
                var unread = 1
                for _ in 0..<100 where unread != 0 {
                    unread = try await app.send(.GET, "/api/v1/me/unread", headers: ada.bearer).decode(UnreadDTO.self).messages
                    if unread != 0 { try await Task.sleep(nanoseconds: 20_000_000) }
                }
                #expect(unread == 0)
                try await socket.close()

                // A socket that reconnects with since=0 gets everything, in order, from the database.
                let (again, replay) = try await openSocket(port: port, path: path, query: "since=0", token: bo.token, on: app)
                let first = try #require(try await replay.next("message")["data"] as? [String: Any])
                let second = try #require(try await replay.next("message")["data"] as? [String: Any])
                #expect([first["seq"] as? Int, second["seq"] as? Int] == [1, 2])
                #expect(first["text"] as? String == "Before anyone listened")
                try await again.close()

                // Cy is not in the conversation, and a stranger has no token: both are refused before any upgrade.
                let upgrade: HTTPHeaders = ["Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
                                            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="]
                var asCy = upgrade
                asCy.add(contentsOf: cy.bearer)
                let refused = try await app.client.get("http://127.0.0.1:\(port)\(path)", headers: asCy)
                #expect(refused.status == .notFound)
                // (A refused upgrade leaves its connection unusable for another request: ask in process.)
                let anonymous = try await app.send(.GET, path, headers: upgrade)
                #expect(anonymous.status == .unauthorized)
            }
        }
    }
}
