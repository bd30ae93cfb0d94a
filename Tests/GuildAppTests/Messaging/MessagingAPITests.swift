// Messaging over the API: who may read and post, files, retries, rate limits, blocks, reports, unread counts and the
// responsiveness sample a seller's first reply makes. Every test runs on SQLite and PostgreSQL.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
import GuildCore
@testable import GuildApp

struct ConversationID: Decodable { var id: UUID }

extension Application {
    func startConversation(_ from: TestMember, with other: UUID) async throws -> (TestingHTTPResponse, UUID?) {
        let res = try await send(.POST, "/api/v1/conversations", headers: from.bearer, json: ["memberId": other.uuidString])
        return (res, try? res.decode(ConversationID.self).id)
    }

    func post(_ text: String, in conversation: UUID, by member: TestMember, key: String? = nil,
              attachments: [[String: String]]? = nil) async throws -> TestingHTTPResponse {
        var headers = member.bearer
        if let key { headers.add(name: "Idempotency-Key", value: key) }
        struct Body: Encodable, Sendable { var text: String; var attachments: [[String: String]]? }
        return try await send(.POST, "/api/v1/conversations/\(conversation)/messages", headers: headers, json: Body(text: text, attachments: attachments))
    }

    func messageCount(_ conversation: UUID) async throws -> Int {
        try await MessageRecord.query(on: db).filter(\.$conversationID == conversation).count()
    }
}

/// The smallest real PNG: a 1×1 transparent pixel.
let onePixelPNG = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!

@Suite struct MessagingAPITests {
    @Test(arguments: TestDatabase.all)
    func onlyTheTwoMembersReadAndWriteADirectConversation(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Asker")
            let bo = try await app.member("Bo Builder")
            let cy = try await app.member("Cy Outsider")
            let (started, id) = try await app.startConversation(ada, with: bo.id)
            #expect(started.status == .created)
            let conversation = try #require(id)
            // Starting again, from either side, returns the same conversation.
            let (again, sameID) = try await app.startConversation(bo, with: ada.id)
            #expect(again.status == .ok)
            #expect(sameID == conversation)

            #expect(try await app.post("Hello Bo, do you build bookshelves?", in: conversation, by: ada).status == .created)
            let reply = try await app.post("I do! Tell me the size.", in: conversation, by: bo)
            #expect(reply.status == .created)
            #expect(try reply.decode(MessageDTO.self).seq == 2)

            // An outsider learns nothing: every route answers 404 and nothing is posted.
            #expect(try await app.send(.GET, "/api/v1/conversations/\(conversation)", headers: cy.bearer).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/conversations/\(conversation)/messages", headers: cy.bearer).status == .notFound)
            #expect(try await app.post("Let me in", in: conversation, by: cy).status == .notFound)
            #expect(try await app.send(.POST, "/api/v1/conversations/\(conversation)/read", headers: cy.bearer, json: ["seq": 2]).status == .notFound)
            #expect(try await app.messageCount(conversation) == 2)
            #expect(try await app.send(.GET, "/api/v1/conversations", headers: cy.bearer).decode([ConversationDTO].self).isEmpty)

            // Ada has one unread (Bo's reply); reading clears it, and her own messages never count.
            let list = try await app.send(.GET, "/api/v1/conversations", headers: ada.bearer).decode([ConversationDTO].self)
            #expect(list.count == 1)
            #expect(list.first?.unread == 1)
            #expect(list.first?.lastMessage?.text == "I do! Tell me the size.")
            #expect(try await app.send(.GET, "/api/v1/me/unread", headers: ada.bearer).decode(UnreadDTO.self).messages == 1)
            let read = try await app.send(.POST, "/api/v1/conversations/\(conversation)/read", headers: ada.bearer, json: ["seq": 2])
            #expect(try read.decode(ReadResponse.self).unreadTotal == 0)
            #expect(try await app.send(.GET, "/api/v1/me/unread", headers: bo.bearer).decode(UnreadDTO.self).messages == 0)

            // Paging: after=1 gives the reply only; a bad limit names the field.
            let page = try await app.send(.GET, "/api/v1/conversations/\(conversation)/messages?after=1", headers: bo.bearer).decode([MessageDTO].self)
            #expect(page.map(\.seq) == [2])
            let bad = try await app.send(.GET, "/api/v1/conversations/\(conversation)/messages?limit=0", headers: bo.bearer)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.errorBody?.message.contains("limit") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func startingIsRefusedForYourselfAndUnknownMembers(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Asker")
            let (own, _) = try await app.startConversation(ada, with: ada.id)
            #expect(own.status == .unprocessableEntity)
            #expect(own.errorBody?.message.contains("memberId") == true)
            let (unknown, _) = try await app.startConversation(ada, with: UUID())
            #expect(unknown.status == .notFound)
            let empty = try await app.post("", in: UUID(), by: ada)
            #expect(empty.status == .notFound)
            #expect(try await ConversationRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOrdersConversationIsTheBuyersAndSellersAndAnArbitersOnceDisputed(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            let order = try await m.delivered()
            let opened = try await app.send(.POST, "/api/v1/orders/\(order.id)/conversation", headers: m.buyer.bearer)
            let conversation = try opened.decode(ConversationID.self).id
            // The seller gets the same one.
            #expect(try await app.send(.POST, "/api/v1/orders/\(order.id)/conversation", headers: m.seller.bearer).decode(ConversationID.self).id == conversation)
            #expect(try await app.post("The third concept is missing", in: conversation, by: m.buyer).status == .created)
            // No dispute yet: the arbiter cannot read it.
            #expect(try await app.send(.GET, "/api/v1/conversations/\(conversation)/messages", headers: arbiter.bearer).status == .notFound)
            #expect(try await m.step("disputes", order.id, by: m.buyer, json: ["reason": "Only two of three concepts"]).status == .created)
            let seen = try await app.send(.GET, "/api/v1/conversations/\(conversation)/messages", headers: arbiter.bearer)
            #expect(seen.status == .ok)
            #expect(try seen.decode([MessageDTO].self).map(\.text) == ["The third concept is missing"])
            #expect(try await app.post("Could the seller say when the third one comes?", in: conversation, by: arbiter).status == .created)
            let members = try await app.send(.GET, "/api/v1/conversations/\(conversation)", headers: m.seller.bearer).decode(ConversationDTO.self).members
            #expect(members.contains { $0.id == arbiter.id && $0.role == "arbiter" })
            // Somebody else entirely still gets 404.
            let stranger = try await app.member("Stan Stranger")
            #expect(try await app.send(.POST, "/api/v1/orders/\(order.id)/conversation", headers: stranger.bearer).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func filesAreCheckedByTheirBytesAndServedSoThatNoBrowserRunsThem(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Asker")
            let bo = try await app.member("Bo Builder")
            let cy = try await app.member("Cy Outsider")
            let (_, id) = try await app.startConversation(ada, with: bo.id)
            let conversation = try #require(id)
            let png = ["fileName": "sketch.png", "contentBase64": onePixelPNG.base64EncodedString()]
            let sent = try await app.post("The sketch", in: conversation, by: ada, attachments: [png])
            #expect(sent.status == .created)
            let file = try #require(try sent.decode(MessageDTO.self).attachments.first)
            #expect(file.kind == "png")
            #expect(file.sizeBytes == onePixelPNG.count)
            let served = try await app.send(.GET, "/api/v1/attachments/\(file.id)", headers: bo.bearer)
            #expect(served.status == .ok)
            #expect(served.headers.first(name: .contentType) == "image/png")
            #expect(served.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(Data(served.body.readableBytesView) == onePixelPNG)
            #expect(try await app.send(.GET, "/api/v1/attachments/\(file.id)", headers: cy.bearer).status == .notFound)

            // A page pretending to be a picture, a file over the limit, too many files: each refused, naming the reason.
            let html = ["fileName": "cat.png", "contentBase64": Data("<!doctype html><script>alert(1)</script>".utf8).base64EncodedString()]
            let refused = try await app.post("Look", in: conversation, by: ada, attachments: [html])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.errorBody?.message.contains("cat.png is not a kind of file") == true)
            let big = Data(repeating: 0x61, count: MessageLimits.attachmentBytes + 1)
            let tooBig = try await app.post("Big", in: conversation, by: ada, attachments: [["fileName": "notes.txt", "contentBase64": big.base64EncodedString()]])
            #expect(tooBig.status == .unprocessableEntity)
            #expect(tooBig.errorBody?.message.contains("at most 5 MB") == true)
            let many = try await app.post("Many", in: conversation, by: ada, attachments: Array(repeating: png, count: 4))
            #expect(many.status == .unprocessableEntity)
            #expect(many.errorBody?.message.contains("at most 3 files") == true)
            let svg = ["fileName": "logo.svg", "contentBase64": Data("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".utf8).base64EncodedString()]
            #expect(try await app.post("Logo", in: conversation, by: ada, attachments: [svg]).status == .unprocessableEntity)
            #expect(try await app.messageCount(conversation) == 1)
            #expect(try await MessageAttachmentRecord.query(on: app.db).count() == 1)

            // A plain-text file is a download, never a page.
            let text = ["fileName": "brief.txt", "contentBase64": Data("Two shelves, oak, 80 cm wide.".utf8).base64EncodedString()]
            let withText = try await app.post("", in: conversation, by: ada, attachments: [text])
            #expect(withText.status == .created)
            let textFile = try #require(try withText.decode(MessageDTO.self).attachments.first)
            let download = try await app.send(.GET, "/api/v1/attachments/\(textFile.id)", headers: bo.bearer)
            #expect(download.headers.first(name: .contentType) == "text/plain; charset=utf-8")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRetriedSendPostsOnceAndTheRateLimitHolds(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            app.clock.set(Date(timeIntervalSince1970: 1_800_000_000))
            let ada = try await app.member("Ada Asker")
            let bo = try await app.member("Bo Builder")
            let (_, id) = try await app.startConversation(ada, with: bo.id)
            let conversation = try #require(id)
            let first = try await app.post("Only once", in: conversation, by: ada, key: "k-1")
            let retry = try await app.post("Only once", in: conversation, by: ada, key: "k-1")
            #expect(first.status == .created)
            #expect(retry.status == .ok)
            #expect(try first.decode(MessageDTO.self).id == retry.decode(MessageDTO.self).id)
            #expect(try await app.messageCount(conversation) == 1)

            for i in 2...20 { #expect(try await app.post("Message \(i)", in: conversation, by: ada).status == .created) }
            let limited = try await app.post("One too many", in: conversation, by: ada)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorBody?.message.contains("20 messages a minute") == true)
            #expect(try await app.messageCount(conversation) == 20)
            // Bo is not limited by Ada's sending; Ada may send again a minute later.
            #expect(try await app.post("Slow down!", in: conversation, by: bo).status == .created)
            app.clock.advance(seconds: 61)
            #expect(try await app.post("Sorry, one more", in: conversation, by: ada).status == .created)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBlockStopsDirectMessagesBothWaysButNotAnOrdersConversation(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let (_, id) = try await app.startConversation(m.buyer, with: m.seller.id)
            let direct = try #require(id)
            #expect(try await app.send(.PUT, "/api/v1/members/\(m.buyer.id)/block", headers: m.seller.bearer).status == .noContent)
            let blocked = try await app.post("Hello?", in: direct, by: m.buyer)
            #expect(blocked.status == .conflict)
            #expect(blocked.errorBody?.code == "blocked")
            #expect(try await app.post("Bye", in: direct, by: m.seller).status == .conflict)
            let other = try await app.member("Olga Other")
            let (fresh, _) = try await app.startConversation(other, with: m.seller.id)
            #expect(fresh.status == .created)
            #expect(try await app.send(.GET, "/api/v1/me/blocks", headers: m.seller.bearer).decode([BlockDTO].self).map(\.memberId) == [m.buyer.id])

            // Work in progress keeps its conversation.
            let order = try await m.place()
            let oc = try await app.send(.POST, "/api/v1/orders/\(order.id)/conversation", headers: m.buyer.bearer).decode(ConversationID.self).id
            #expect(try await app.post("About the order", in: oc, by: m.buyer).status == .created)

            #expect(try await app.send(.DELETE, "/api/v1/members/\(m.buyer.id)/block", headers: m.seller.bearer).status == .noContent)
            #expect(try await app.post("Hello again", in: direct, by: m.buyer).status == .created)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aReportNamesAMessageTheReporterCanSeeAndAnAdminDecidesIt(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Asker")
            let bo = try await app.member("Bo Builder")
            let admin = try await app.member("Ad Min")
            try await app.makeArbiter(admin, role: .admin)
            let (_, id) = try await app.startConversation(ada, with: bo.id)
            let conversation = try #require(id)
            let rude = try await app.post("Pay me by wire outside Guild and I will start.", in: conversation, by: bo).decode(MessageDTO.self)
            let mine = try await app.post("No thanks.", in: conversation, by: ada).decode(MessageDTO.self)

            let wrong = try await app.send(.POST, "/api/v1/reports", headers: ada.bearer,
                                           json: ["memberId": bo.id.uuidString, "messageId": mine.id.uuidString, "reason": "scam"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.errorBody?.message.contains("messageId") == true)
            let noReason = try await app.send(.POST, "/api/v1/reports", headers: ada.bearer, json: ["memberId": bo.id.uuidString, "reason": "rude"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await MemberReportRecord.query(on: app.db).count() == 0)

            let made = try await app.send(.POST, "/api/v1/reports", headers: ada.bearer,
                                          json: ["memberId": bo.id.uuidString, "messageId": rude.id.uuidString, "reason": "off_platform_payment"])
            #expect(made.status == .created)
            let report = try made.decode(ReportDTO.self)
            #expect(report.conversationId == conversation)
            #expect(report.state == "open")
            // Bo cannot see it or decide it; the admin decides with a reason Ada then reads.
            #expect(try await app.send(.GET, "/api/v1/reports", headers: bo.bearer).decode([ReportDTO].self).isEmpty)
            #expect(try await app.send(.POST, "/api/v1/reports/\(report.id)/decision", headers: bo.bearer,
                                       json: ["state": "dismissed", "reason": "Nothing wrong here at all"]).status == .forbidden)
            let decided = try await app.send(.POST, "/api/v1/reports/\(report.id)/decision", headers: admin.bearer,
                                             json: ["state": "actioned", "reason": "We warned the member: payments stay on Guild."])
            #expect(decided.status == .ok)
            let mineNow = try await app.send(.GET, "/api/v1/reports", headers: ada.bearer).decode([ReportDTO].self)
            #expect(mineNow.first?.state == "actioned")
            #expect(mineNow.first?.decisionNote == "We warned the member: payments stay on Guild.")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSellersFirstReplyCountsInTheirResponsiveness(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            app.clock.set(start)
            let m = try await Market.make(app)
            // The seller record exists once the seller has a gig; make sure it does whatever the gig path does.
            try await SellerStatsUpdate.add([("completed_orders", 0)], to: m.seller.id, on: app.db)
            let (_, id) = try await app.startConversation(m.buyer, with: m.seller.id)
            let conversation = try #require(id)
            #expect(try await app.post("Could you do a logo by Friday?", in: conversation, by: m.buyer).status == .created)
            app.clock.advance(seconds: 2 * 3_600)
            #expect(try await app.post("Yes, Friday works.", in: conversation, by: m.seller).status == .created)
            let row = try await app.db.sql.raw("SELECT median_response_hours FROM seller_stats WHERE user_id = \(bind: m.seller.id)").first()
            let hours = try row?.decode(column: "median_response_hours", as: Double?.self)
            #expect(hours.map { abs($0 - 2) < 0.01 } == true, "median_response_hours was \(String(describing: hours))")
            // A later reply in the same conversation is not a first reply: the measure stays.
            app.clock.advance(seconds: 20 * 3_600)
            #expect(try await app.post("And here is a question back.", in: conversation, by: m.seller).status == .created)
            let after = try await app.db.sql.raw("SELECT median_response_hours FROM seller_stats WHERE user_id = \(bind: m.seller.id)").first()
            #expect(try after?.decode(column: "median_response_hours", as: Double?.self).map { abs($0 - 2) < 0.01 } == true)
        }
    }
}
