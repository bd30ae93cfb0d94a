// The order pages in process: checkout shows the fee, the order page offers only allowed steps, a double-submitted
// payment form moves money once, balance and policy pages render, and strangers cannot open an order page.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct OrderPagesTests {
    func logIn(_ app: Application, _ member: TestMember) async throws -> PageSession {
        let browser = PageSession(app)
        let res = try await browser.post("/login", form: ["email": member.email, "password": "correct horse battery"])
        #expect(res.status == .seeOther)
        return browser
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test(arguments: TestDatabase.all)
    func checkoutThenDoubleSubmittedPaymentMovesMoneyOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a buyer signed in on the checkout page
            let m = try await Market.make(app)
            let buyer = try await logIn(app, m.buyer)
            let checkout = try await buyer.get("/gigs/\(m.gigID)/order?package=Standard")
            #expect(checkout.status == .ok)
            // then price, fee and net are shown
            let html = checkout.body.string
            #expect(html.contains("$250.00") && html.contains("$12.50") && html.contains("$237.50"))
            // when they place the order
            let placed = try await buyer.post("/gigs/\(m.gigID)/order", form: ["package": "Standard"], from: "/gigs/\(m.gigID)/order?package=Standard")
            #expect(placed.status == .seeOther)
            let location = try #require(placed.headers.first(name: .location))
            #expect(location.hasPrefix("/orders/"))
            // and the order page offers to pay, but not to deliver or accept
            let page = try await buyer.get(location)
            #expect(page.body.string.contains("Pay into escrow"))
            #expect(!page.body.string.contains("Accept and release payment"))
            #expect(!page.body.string.contains(">Deliver<"))
            let idem = try #require(Self.hidden("idem", in: page.body.string))
            let csrf = try #require(PageSession.csrfToken(in: page.body.string))
            // when the payment form is submitted twice with the same hidden key
            for _ in 0..<2 {
                let res = try await app.testing().sendRequest(.POST, "\(location)/fund", headers: ["Cookie": buyer.cookie ?? ""], beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf, "idem": idem], as: .urlEncodedForm)
                })
                #expect(res.status == .seeOther)
            }
            // then the money moved once
            #expect(try await HoldRecord.query(on: app.db).count() == 1)
            #expect(try await m.balance(m.buyer).inEscrowAsBuyerCents == 25_000)
            let after = try await buyer.get(location)
            #expect(after.body.string.contains("in_progress"))
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func sellerDeliversThroughThePageAndTextIsEscaped(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a paid order
            let m = try await Market.make(app)
            let order = try await m.place()
            try await m.step("fund", order.id, by: m.buyer)
            let seller = try await logIn(app, m.seller)
            // when the seller delivers with markup and a link
            let res = try await seller.post("/orders/\(order.id)/deliver", form: ["message": "Files <script>alert(1)</script>\nhttps://example.org/f.zip"],
                                             from: "/orders/\(order.id)")
            #expect(res.status == .seeOther)
            // then the order is delivered and the page shows the text escaped with the link
            #expect(try await m.show(order.id, by: m.buyer).state == "delivered")
            let html = try await seller.get("/orders/\(order.id)").body.string
            #expect(html.contains("Files &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("href=\"https://example.org/f.zip\""))
            // and a stranger cannot open the page
            let carol = try await app.member("Carol")
            let stranger = try await logIn(app, carol)
            #expect(try await stranger.get("/orders/\(order.id)").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func pageAndAPIRefuseTheSameOverLongDeliveryAlike(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a paid order and a delivery message one character over the core's limit
            let m = try await Market.make(app)
            let order = try await m.place()
            try await m.step("fund", order.id, by: m.buyer)
            let tooLong = String(repeating: "a", count: OrderTextRules.longTextMaximum + 1)
            // when the seller sends it through the API
            let api = try await m.step("deliver", order.id, by: m.seller, json: DeliverRequest(message: tooLong, links: []))
            // then it is a 422 naming the message
            #expect(api.status == .unprocessableEntity)
            #expect(api.errorBody?.field == "message")
            // when the seller sends the same through the page
            let seller = try await logIn(app, m.seller)
            let page = try await seller.post("/orders/\(order.id)/deliver", form: ["message": tooLong], from: "/orders/\(order.id)")
            // then the page is a 422 too, saying why and keeping what was typed, never cutting it short
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("at most \(OrderTextRules.longTextMaximum) characters"))
            #expect(page.body.string.contains(tooLong))
            // and neither delivered anything
            #expect(try await m.show(order.id, by: m.buyer).state == "in_progress")
            #expect(try await DeliveryRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func balancePageAndPayoutFormAndPolicies(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a seller paid 9,500
            let m = try await Market.make(app)
            let order = try await m.delivered()
            try await m.step("accept", order.id, by: m.buyer)
            let seller = try await logIn(app, m.seller)
            let page = try await seller.get("/me/balance")
            #expect(page.body.string.contains("$95.00"))
            #expect(page.body.string.contains("<svg"))
            // when they ask for more than they have, nothing moves and they are told why
            _ = try await seller.post("/me/payouts", form: ["amount": "200.00", "idem": Self.hidden("idem", in: page.body.string) ?? ""], from: "/me/balance")
            #expect(try await PayoutRecord.query(on: app.db).count() == 0)
            #expect(try await seller.get("/me/balance").body.string.contains("more than the available balance"))
            // when they withdraw 50.00
            let fresh = try await seller.get("/me/balance")
            _ = try await seller.post("/me/payouts", form: ["amount": "50.00", "idem": Self.hidden("idem", in: fresh.body.string) ?? ""], from: "/me/balance")
            #expect(try await m.balance(m.seller).availableCents == 4_500)
            // and the policies are public and come from the core's text
            let fees = try await app.send(.GET, "/policies/fees")
            #expect(fees.status == .ok && fees.body.string.contains(FeePolicy.standard.percentText))
            let disputes = try await app.send(.GET, "/policies/disputes")
            #expect(disputes.status == .ok && disputes.body.string.contains("72 hours"))
        }
    }
}
