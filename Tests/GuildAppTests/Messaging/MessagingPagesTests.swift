// Messaging in the pages, without JavaScript: the inbox, a conversation, the send form (with a file, as multipart),
// the order page's panel, blocking and reporting. Outsiders get 404; forms without the CSRF token change nothing.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
@testable import GuildApp

extension PageSession {
    /// Posts a multipart form (the send form with files), taking the CSRF token from `page` first.
    func postMultipart(_ path: String, fields: [String: String], file: (name: String, data: Data)? = nil, from page: String,
                       csrf: Bool = true) async throws -> TestingHTTPResponse {
        let source = try await get(page)
        var all = fields
        if csrf { all["_csrf"] = Self.csrfToken(in: source.body.string) }
        let boundary = "guild-test-\(UUID().uuidString)"
        var body = Data()
        for (key, value) in all {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }
}

@Suite struct MessagingPagesTests {
    func logIn(_ app: Application, _ member: TestMember) async throws -> PageSession {
        let browser = PageSession(app)
        let res = try await browser.post("/login", form: ["email": member.email, "password": "correct horse battery"])
        #expect(res.status == .seeOther)
        return browser
    }

    @Test(arguments: TestDatabase.all)
    func aConversationWorksWithoutJavaScriptAndOnlyForItsMembers(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Asker")
            let bo = try await app.member("Bo Builder")
            let cy = try await app.member("Cy Outsider")
            let adaPage = try await logIn(app, ada)
            // From Bo's profile: "Send a message" starts the conversation and opens it.
            let profile = try await adaPage.get("/users/\(bo.id)")
            #expect(profile.body.string.contains("Send a message"))
            let started = try await adaPage.post("/messages", form: ["memberId": bo.id.uuidString], from: "/users/\(bo.id)")
            #expect(started.status == .seeOther)
            let location = try #require(started.headers.first(name: .location))
            #expect(location.hasPrefix("/messages/"))

            let sent = try await adaPage.postMultipart(location, fields: ["text": "Hello <b>Bo</b>, a sketch attached", "clientKey": "form-1"],
                                                       file: ("sketch.png", onePixelPNG), from: location)
            #expect(sent.status == .seeOther, "\(sent.body.string.components(separatedBy: "<main").dropFirst().first?.prefix(600) ?? "")")
            #expect(sent.headers.first(name: .location)?.hasPrefix(location + "#message-1") == true)
            // The same form sent twice (a double click, a retry) posts once.
            _ = try await adaPage.postMultipart(location, fields: ["text": "Hello <b>Bo</b>, a sketch attached", "clientKey": "form-1"],
                                                from: location)
            let conversation = try #require(UUID(uuidString: String(location.dropFirst("/messages/".count))))
            #expect(try await app.messageCount(conversation) == 1)
            // A form without the token changes nothing.
            let forged = try await adaPage.postMultipart(location, fields: ["text": "forged"], from: location, csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await app.messageCount(conversation) == 1)
            // A forbidden file is refused on the page with the reason, and the text stays in the box.
            let refused = try await adaPage.postMultipart(location, fields: ["text": "a page"], file: ("evil.html", Data("<html><script>x()</script></html>".utf8)),
                                                          from: location)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("evil.html is not a kind of file"))
            #expect(try await app.messageCount(conversation) == 1)

            // Bo sees it unread in the inbox, escaped, with the picture.
            let boPage = try await logIn(app, bo)
            let inbox = try await boPage.get("/messages")
            #expect(inbox.body.string.contains("1 new"))
            let thread = try await boPage.get(location)
            #expect(thread.status == .ok)
            #expect(thread.body.string.contains("Hello &lt;b&gt;Bo&lt;/b&gt;"))
            #expect(!thread.body.string.contains("<b>Bo</b>"))
            #expect(thread.body.string.contains("<img src=\"/files/"))
            // Opening it read it.
            #expect(try await app.send(.GET, "/api/v1/me/unread", headers: bo.bearer).decode(UnreadDTO.self).messages == 0)

            // Cy is not in it: the page, the send form and the file answer 404.
            let cyPage = try await logIn(app, cy)
            #expect(try await cyPage.get(location).status == .notFound)
            #expect(try await cyPage.postMultipart(location, fields: ["text": "hi"], from: "/messages").status == .notFound)
            let fileID = try #require(try await MessageAttachmentRecord.query(on: app.db).first()?.id)
            #expect(try await cyPage.get("/files/\(fileID)").status == .notFound)
            #expect(try await boPage.get("/files/\(fileID)").headers.first(name: .contentType) == "image/png")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theOrderPageCarriesItsConversationAndBlocksAndReportsWork(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.place()
            let buyerPage = try await logIn(app, m.buyer)
            let page = try await buyerPage.get("/orders/\(order.id)")
            #expect(page.body.string.contains("id=\"chat\""))
            #expect(page.body.string.contains("No messages yet"))
            let conversation = try #require(try await ConversationRecord.query(on: app.db).filter(\.$orderID == order.id).first()?.id)
            let sent = try await buyerPage.postMultipart("/messages/\(conversation)", fields: ["text": "Can you start Monday?", "back": "/orders/\(order.id)"],
                                                         from: "/orders/\(order.id)")
            #expect(sent.headers.first(name: .location)?.hasPrefix("/orders/\(order.id)#message-1") == true)
            let sellerPage = try await logIn(app, m.seller)
            #expect(try await sellerPage.get("/orders/\(order.id)").body.string.contains("Can you start Monday?"))

            // The seller reports the buyer's message; the report is listed for the seller, open.
            let message = try #require(try await MessageRecord.query(on: app.db).filter(\.$conversationID == conversation).first())
            let form = try await sellerPage.get("/messages/\(conversation)/report?message=\(message.id!)")
            #expect(form.body.string.contains("Can you start Monday?"))
            let reported = try await sellerPage.post("/messages/\(conversation)/report",
                                                     form: ["memberId": m.buyer.id.uuidString, "messageId": message.id!.uuidString, "reason": "spam"],
                                                     from: "/messages/\(conversation)/report?message=\(message.id!)")
            #expect(reported.status == .seeOther)
            #expect(try await MemberReportRecord.query(on: app.db).filter(\.$reporterID == m.seller.id).count() == 1)
            #expect(try await sellerPage.get("/reports").body.string.contains("Waiting for an admin"))

            // Blocking from a direct conversation: the direct form disappears for both, the order's stays.
            let started = try await sellerPage.post("/messages", form: ["memberId": m.buyer.id.uuidString], from: "/users/\(m.buyer.id)")
            let direct = try #require(started.headers.first(name: .location))
            let blocked = try await sellerPage.post("/members/\(m.buyer.id)/block", form: ["back": direct], from: direct)
            #expect(blocked.status == .seeOther)
            let buyerView = try await buyerPage.get(direct)
            #expect(buyerView.body.string.contains("does not accept messages from you"))
            #expect(!buyerView.body.string.contains("class=\"stack send-form\""))
            #expect(try await buyerPage.get("/orders/\(order.id)").body.string.contains("class=\"stack send-form\""))
            #expect(try await sellerPage.get("/messages/blocked").body.string.contains("Bea Buyer"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theMessagingRulesArePublishedFromTheCore(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let res = try await app.send(.GET, "/policies/messaging")
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("20 messages a minute"))
            #expect(html.contains("5 MB"))
            #expect(html.contains("PDF document"))
            #expect(html.contains("first reply"))
        }
    }
}
