// The notification centre's pages: the list in words with the unread ones marked, the header's unread count, marking
// read with CSRF forms, and the settings form.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct NotificationPagesTests {
    @Test(arguments: TestDatabase.all)
    func theCentreListsNotificationsInWordsAndTheHeaderCountsTheUnread(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let clock = GuildClock(fixed: NotificationsTests.start)
            app.clock = clock
            let m = try await Market.make(app)
            let order = try await m.place()
            #expect(try await m.step("fund", order.id, by: m.buyer).status == .ok)
            clock.advance(seconds: 3_600)
            // a notice whose text carries markup is shown as text
            try await WriteTransaction.run(on: app.db) { tx in
                try await Notifications.post(.init(.interviewRequest, to: m.seller.id,
                                                   NotificationMessage(subject: "<b>Bold</b> asks", text: "About <script>alert(1)</script> work"),
                                                   link: "/interviews/incoming", dedupeKey: "page-test", at: clock.now()), on: tx)
            }
            let seller = try await PageSession.loggedIn(app, m.seller)
            let page = try await seller.get("/notifications")
            #expect(page.status == .ok)
            let html = page.body.string
            // newest first, each a link to its page, unread marked, the time in words
            let request = try #require(html.range(of: "&lt;b&gt;Bold&lt;/b&gt; asks"))
            let paid = try #require(html.range(of: "Paid: “A logo for your bakery”"))
            #expect(request.lowerBound < paid.lowerBound)
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("href=\"/orders/\(order.id.uuidString)\""))
            #expect(html.contains("<span class=\"badge\">Unread</span>"))
            #expect(html.contains("today at 08:00 UTC") && html.contains("today at 09:00 UTC"))
            #expect(!html.contains("2027-01-15T"))
            // the header counts the unread, on every page
            #expect(html.contains("2 unread"))
            #expect(try await seller.get("/orders").body.string.contains("2 unread"))
            // the buyer's header has no count
            let buyer = try await PageSession.loggedIn(app, m.buyer)
            let buyerHTML = try await buyer.get("/notifications").body.string
            #expect(!buyerHTML.contains(" unread") && buyerHTML.contains("id=\"no-notifications\""))
            // without the form's token a mark is refused and changes nothing
            let paidID = try #require(try await app.notes(.orderFunded).first?.id)
            #expect(try await seller.post("/notifications/\(paidID)/read", form: [:], csrf: false).status == .forbidden)
            #expect(try await Notifications.unreadCount(for: m.seller.id, on: app.db) == 2)
            // "Open and mark read" marks it and goes to its page
            let opened = try await seller.post("/notifications/\(paidID)/read", form: ["open": "1"], from: "/notifications")
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == "/orders/\(order.id.uuidString)")
            #expect(try await seller.get("/notifications").body.string.contains("1 unread"))
            // mark all read: the header's count goes
            let all = try await seller.post("/notifications/read-all", form: [:], from: "/notifications")
            #expect(all.status == .seeOther)
            let after = try await seller.get("/notifications").body.string
            #expect(!after.contains(" unread</span>") && !after.contains("<span class=\"badge\">Unread</span>"))
            #expect(try await Notifications.unreadCount(for: m.seller.id, on: app.db) == 0)
            // visitors are sent to log in
            #expect(try await app.send(.GET, "/notifications").status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theSettingsFormStoresEachKindsChoice(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let member = try await app.member("Sam Seller")
            let browser = try await PageSession.loggedIn(app, member)
            let page = try await browser.get("/notifications/settings").body.string
            #expect(page.contains("A buyer pays for your order or one of its milestones"))
            #expect(page.contains("name=\"email-order_funded\" checked"))
            #expect(page.contains("Always in the centre") && page.contains("name=\"app-review_revealed\" checked"))
            // every email kept except paid orders; review notices hidden from the centre
            var form: [String: String] = [:]
            for kind in NotificationKind.settable where kind != .orderFunded { form["email-\(kind.rawValue)"] = "on" }
            for kind in NotificationKind.settable where kind.inAppOptional && kind != .reviewRevealed { form["app-\(kind.rawValue)"] = "on" }
            let saved = try await browser.post("/notifications/settings", form: form)
            #expect(saved.status == .seeOther)
            #expect(try await Notifications.preference(.orderFunded, for: member.id, on: app.db) == .init(inApp: true, email: false))
            #expect(try await Notifications.preference(.reviewRevealed, for: member.id, on: app.db) == .init(inApp: false, email: true))
            #expect(try await Notifications.preference(.milestoneAcceptanceReminder, for: member.id, on: app.db) == .init(inApp: true, email: true))
            let again = try await browser.get("/notifications/settings").body.string
            #expect(again.contains("name=\"email-order_funded\">") && again.contains("name=\"app-review_revealed\">"))
            #expect(again.contains("Notification settings saved."))
        }
    }
}
