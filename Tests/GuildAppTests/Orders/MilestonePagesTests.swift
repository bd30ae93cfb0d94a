// Milestone orders, disputes and the manual provider in pages: the proposal form with errors next to fields, each
// side's milestone buttons, dispute answer and split forms, bank-transfer instructions and /admin/money.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct MilestonePagesTests {
    func logIn(_ app: Application, _ member: TestMember) async throws -> PageSession {
        let browser = PageSession(app)
        let res = try await browser.post("/login", form: ["email": member.email, "password": "correct horse battery"])
        #expect(res.status == .seeOther)
        return browser
    }

    /// Posts a form from the page at `from`, with its CSRF token and its hidden `idem` key.
    @discardableResult
    func submit(_ session: PageSession, _ path: String, from page: String, form: [String: String] = [:]) async throws -> TestingHTTPResponse {
        let html = try await session.get(page).body.string
        var fields = form
        fields["idem"] = OrderPagesTests.hidden("idem", in: html)
        return try await session.post(path, form: fields, from: page)
    }

    @Test(arguments: TestDatabase.all)
    func proposalFormShowsErrorsNextToFieldsThenPlacesTheOrder(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a seller whose name has markup, and a signed-in buyer
            let seller = try await app.member("Zoe <i>Studio</i>", email: "zoe.\(UUID().uuidString.prefix(6))@example.org")
            let buyer = try await app.member("Bea Buyer")
            let session = try await logIn(app, buyer)
            // the seller's profile links to the proposal form
            #expect(try await session.get("/users/\(seller.id)").body.string.contains("/orders/custom/new?seller=\(seller.id)"))
            let formPath = "/orders/custom/new?seller=\(seller.id)"
            let form = try await session.get(formPath)
            #expect(form.status == .ok)
            let html = form.body.string
            #expect(html.contains("Zoe &lt;i&gt;Studio&lt;/i&gt;") && !html.contains("<i>Studio</i>"))
            #expect(html.contains("name=\"m4title\"") && !html.contains("name=\"m5title\""))
            #expect(try await session.get("/orders/custom/new?seller=\(UUID())").status == .notFound)

            // when the form is sent with a bad amount, a past date and no title
            let bad = try await session.post("/orders/custom", form: ["sellerId": seller.id.uuidString, "title": "",
                                                                      "m0title": "Design", "m0amount": "four hundred", "m0due": "2020-01-01",
                                                                      "m1title": "", "m1amount": "600", "m1due": "2031-02-01"],
                                             from: formPath)
            // then each error is shown next to its field, the values are kept, and nothing is placed
            #expect(bad.status == .unprocessableEntity)
            let page = bad.body.string
            #expect(page.contains("id=\"title-error\""))
            #expect(page.contains("id=\"m0amount-error\"") && page.contains("id=\"m0due-error\""))
            #expect(page.contains("id=\"m1title-error\""))
            #expect(!page.contains("id=\"m1amount-error\""))
            #expect(page.contains("value=\"four hundred\""))
            #expect(try await OrderRecord.query(on: app.db).count() == 0)

            // without the CSRF token the form is refused
            let forged = try await session.post("/orders/custom", form: ["sellerId": seller.id.uuidString, "title": "Shop",
                                                                         "m0title": "Design", "m0amount": "400", "m0due": "2031-01-01"], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await OrderRecord.query(on: app.db).count() == 0)

            // when it is sent right, with two of the five rows filled
            let good = try await session.post("/orders/custom", form: ["sellerId": seller.id.uuidString, "title": "Shop <b>site</b>",
                                                                       "m0title": "Design", "m0amount": "400.00", "m0due": "2031-01-01",
                                                                       "m1title": "Build", "m1amount": "$1,200.50", "m1due": "2031-02-01"],
                                              from: formPath)
            #expect(good.status == .seeOther)
            let location = try #require(good.headers.first(name: .location))
            #expect(location.hasPrefix("/orders/"))
            let order = try #require(try await OrderRecord.query(on: app.db).first())
            #expect(order.kind == "custom" && order.priceCents == 160_050 && order.sellerID == seller.id && order.buyerID == buyer.id)
            let rows = try await MilestoneRecord.query(on: app.db).sort(\.$position).all()
            #expect(rows.map(\.amountCents) == [40_000, 120_050])
            #expect(rows.map(\.title) == ["Design", "Build"])
            // and the order page shows it, escaped
            let shown = try await session.get(location).body.string
            #expect(shown.contains("Shop &lt;b&gt;site&lt;/b&gt;"))
            // a member cannot propose to themselves
            let own = try await session.get("/orders/custom/new?seller=\(buyer.id)")
            #expect(own.body.string.contains("is you"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aDueDateIsTheEndOfThatDayInTheBuyersTimeZone(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a buyer in Tokyo (UTC+9) and one in New York, whose clocks go back on 1 November 2031
            let seller = try await app.member("Sam Seller")
            let tokyo = try await app.member("Tae Tokyo")
            let newYork = try await app.member("Nia NewYork")
            for (member, zone) in [(tokyo, "Asia/Tokyo"), (newYork, "America/New_York")] {
                let user = try #require(try await User.find(member.id, on: app.db))
                user.timezone = zone
                try await user.save(on: app.db)
            }
            let formPath = "/orders/custom/new?seller=\(seller.id)"
            for (member, day) in [(tokyo, "2031-01-10"), (newYork, "2031-11-02")] {
                let session = try await logIn(app, member)
                // the form says which zone its dates are read in
                #expect(try await session.get(formPath).body.string.contains(member.id == tokyo.id ? "Asia/Tokyo" : "America/New_York"))
                let placed = try await session.post("/orders/custom", form: ["sellerId": seller.id.uuidString, "title": "Stages",
                                                                             "m0title": "All of it", "m0amount": "300", "m0due": day], from: formPath)
                #expect(placed.status == .seeOther)
            }
            // then each due date is the last second of that day on the buyer's own clock
            let orders = try await OrderRecord.query(on: app.db).all()
            func due(_ buyer: TestMember) async throws -> Date? {
                let order = try #require(orders.first { $0.buyerID == buyer.id })
                return try await MilestoneRecord.query(on: app.db).filter(\.$orderID == order.id!).first()?.dueDate
            }
            // 10 January 23:59:59 in Tokyo is 14:59:59 UTC
            #expect(try await due(tokyo) == Date(timeIntervalSince1970: 1_925_823_599))
            // 2 November 2031 in New York, the day after clocks go back (UTC-5): 04:59:59 UTC on the 3rd
            #expect(try await due(newYork) == Date(timeIntervalSince1970: 1_951_448_399))
        }
    }

    @Test(arguments: TestDatabase.all)
    func eachSideSeesItsMilestoneButtonsAndTheStepsMoveMoneyOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a two-milestone order with markup in a milestone title
            let mm = try await MilestoneMarket.make(app)
            let m = mm.m
            let plan = MilestoneOrderTests.Plan(sellerId: m.seller.id, title: "Shop website", milestones: [
                MilestoneInput(title: "Design <script>x()</script>", amountCents: 40_000, dueDate: Date().addingTimeInterval(7 * 86_400)),
                MilestoneInput(title: "Build", amountCents: 60_000, dueDate: Date().addingTimeInterval(21 * 86_400)),
            ])
            let order = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: plan).decode(OrderDTO.self)
            let path = "/orders/\(order.id)"
            let buyer = try await logIn(app, m.buyer)
            let seller = try await logIn(app, m.seller)

            // then the buyer may pay each milestone and the seller may not deliver yet
            let b0 = try await buyer.get(path).body.string
            #expect(b0.contains("Pay milestone 1 into escrow") && b0.contains("Pay milestone 2 into escrow"))
            #expect(!b0.contains("Deliver milestone") && !b0.contains(">Deliver<") && !b0.contains("Pay into escrow<"))
            #expect(b0.contains("$400.00") && b0.contains("$20.00") && b0.contains("$380.00"))
            #expect(b0.contains("Design &lt;script&gt;x()&lt;/script&gt;") && !b0.contains("<script>x()"))
            let s0 = try await seller.get(path).body.string
            #expect(!s0.contains("Pay milestone") && !s0.contains("Deliver milestone") && s0.contains("Decline the order"))

            // without the CSRF token, nothing moves
            let forged = try await buyer.post("\(path)/milestones/1/fund", form: ["idem": OrderPagesTests.hidden("idem", in: b0) ?? ""], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await HoldRecord.query(on: app.db).count() == 0)

            // when the buyer's fund form is submitted twice with the same hidden key, the money moves once
            let csrf = try #require(PageSession.csrfToken(in: try await buyer.get(path).body.string))
            let idem = try #require(OrderPagesTests.hidden("idem", in: try await buyer.get(path).body.string))
            for _ in 0..<2 {
                let res = try await app.testing().sendRequest(.POST, "\(path)/milestones/1/fund", headers: ["Cookie": buyer.cookie ?? ""], beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf, "idem": idem], as: .urlEncodedForm)
                })
                #expect(res.status == .seeOther)
            }
            #expect(try await HoldRecord.query(on: app.db).count() == 1)
            #expect(try await m.balance(m.buyer).inEscrowAsBuyerCents == 40_000)

            // then the seller may deliver milestone 1, and the buyer may accept it
            let s1 = try await seller.get(path).body.string
            #expect(s1.contains("Deliver milestone 1") && !s1.contains("Deliver milestone 2") && !s1.contains("Accept milestone"))
            let delivered = try await seller.post("\(path)/milestones/1/deliver", form: ["message": "Mock-ups attached"], from: path)
            #expect(delivered.status == .seeOther)
            #expect(try await m.show(order.id, by: m.buyer).milestones?.first?.state == "delivered")
            let b1 = try await buyer.get(path).body.string
            #expect(b1.contains("Accept milestone 1 and release payment") && b1.contains("Mock-ups attached"))
            #expect(try await submit(buyer, "\(path)/milestones/1/accept", from: path).status == .seeOther)
            #expect(try await m.balance(m.seller).availableCents == 38_000)
            #expect(try await buyer.get(path).body.string.contains("Milestone 1 accepted"))

            // a step the member may not take is refused with a message, and moves nothing
            _ = try await submit(seller, "\(path)/milestones/2/fund", from: path)
            #expect(try await seller.get(path).body.string.contains("only the buyer can fund a milestone"))
            #expect(try await HoldRecord.query(on: app.db).count() == 1)

            // and a stranger gets 404 for the page and the forms
            let carol = try await logIn(app, try await app.member("Carol"))
            #expect(try await carol.get(path).status == .notFound)
            let carolCsrf = PageSession.csrfToken(in: try await carol.get("/orders").body.string) ?? ""
            let stranger = try await app.testing().sendRequest(.POST, "\(path)/milestones/2/fund", headers: ["Cookie": carol.cookie ?? ""], beforeRequest: { req in
                try req.content.encode(["_csrf": carolCsrf, "idem": String(repeating: "a", count: 32)], as: .urlEncodedForm)
            })
            #expect(stranger.status == .notFound)
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func disputeIsOpenedAnsweredAndSplitThroughThePages(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given milestone 1 funded and delivered
            let mm = try await MilestoneMarket.make(app)
            let m = mm.m
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            let order = try await mm.place(title: "Shop <em>site</em>")
            try await mm.milestone(order.id, 1, "fund", by: m.buyer)
            try await mm.milestone(order.id, 1, "deliver", by: m.seller)
            let path = "/orders/\(order.id)"
            let buyer = try await logIn(app, m.buyer)
            let seller = try await logIn(app, m.seller)

            // when the buyer opens a dispute from the order page
            #expect(try await buyer.get(path).body.string.contains("Open a dispute"))
            #expect(try await buyer.post("\(path)/dispute", form: ["reason": "Colours are <b>wrong</b>"], from: path).status == .seeOther)
            let dispute = try #require(try await DisputeRecord.query(on: app.db).first())
            let disputeID = try #require(dispute.id)
            #expect(try await m.show(order.id, by: m.buyer).state == "disputed")

            // then the seller may answer and sees the reason escaped; the buyer may not answer
            let s0 = try await seller.get(path).body.string
            #expect(s0.contains("Send your answer") && s0.contains("Colours are &lt;b&gt;wrong&lt;/b&gt;") && !s0.contains("<b>wrong</b>"))
            #expect(!s0.contains("Deliver milestone") && !s0.contains("Resolve the dispute"))
            #expect(!(try await buyer.get(path).body.string.contains("Send your answer")))
            // a forged answer (no CSRF token) is refused and stores nothing
            #expect(try await seller.post("/disputes/\(disputeID)/answer", form: ["message": "forged"], csrf: false).status == .forbidden)
            #expect(try await DisputeRecord.find(disputeID, on: app.db)?.answer == nil)
            let answered = try await seller.post("/disputes/\(disputeID)/answer", form: ["message": "They match the <i>brief</i>"], from: path)
            #expect(answered.status == .seeOther, "\(answered.status) \(answered.body.string.prefix(3000))")
            #expect(try await DisputeRecord.find(disputeID, on: app.db)?.answer == "They match the <i>brief</i>")
            #expect(try await buyer.get(path).body.string.contains("They match the &lt;i&gt;brief&lt;/i&gt;"))

            // an arbiter sees the open dispute listed and the split form with what is in escrow; members do not
            let judge = try await logIn(app, arbiter)
            let listed = try await judge.get("/disputes")
            #expect(listed.status == .ok && listed.body.string.contains(path))
            #expect(listed.body.string.contains("Shop &lt;em&gt;site&lt;/em&gt;") && !listed.body.string.contains("<em>site"))
            #expect(try await buyer.get("/disputes").status == .notFound)
            let j0 = try await judge.get(path).body.string
            #expect(j0.contains("Resolve the dispute") && j0.contains("$400.00"))
            let carol = try await logIn(app, try await app.member("Carol"))
            #expect(try await carol.get(path).status == .notFound)
            #expect(try await carol.post("/disputes/\(disputeID)/resolution", form: ["seller": "400", "buyer": "0", "idem": String(repeating: "b", count: 32)],
                                         from: "/orders").status == .notFound)

            // a forged resolution (no CSRF token) is refused
            let judgeIdem = OrderPagesTests.hidden("idem", in: j0) ?? ""
            #expect(try await judge.post("/disputes/\(disputeID)/resolution", form: ["seller": "400", "buyer": "0", "idem": judgeIdem],
                                         csrf: false).status == .forbidden)
            // a split that does not add up is refused, naming the field, and moves nothing
            _ = try await submit(judge, "/disputes/\(disputeID)/resolution", from: path, form: ["seller": "300", "buyer": "50"])
            #expect(try await judge.get(path).body.string.contains("sellerCents"))
            #expect(try await m.balance(m.buyer).availableCents == 0)
            // when the arbiter divides 300.00 / 100.00
            _ = try await submit(judge, "/disputes/\(disputeID)/resolution", from: path, form: ["seller": "300.00", "buyer": "100.00"])
            // then the seller gets 300 less 5%, the buyer 100, and milestone 2 is left as it was
            #expect(try await m.balance(m.seller).availableCents == 28_500)
            #expect(try await m.balance(m.buyer).availableCents == 10_000)
            let after = try await m.show(order.id, by: m.buyer)
            #expect(after.state == "resolved" && after.milestones?.map(\.state) == ["split", "awaiting_funding"])
            let b2 = try await buyer.get(path).body.string
            #expect(b2.contains("arbiter_decision") && !b2.contains("Pay milestone 2") && b2.contains("never funded; the order has ended"))
            // and the public policy states the milestone rule
            let policy = try await app.send(.GET, "/policies/disputes").body.string
            #expect(policy.contains("Released milestones stay paid") && policy.contains("delivered milestones first"))
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func manualProviderShowsTransferInstructionsAndTheAdminConfirmsOnAdminMoney(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given the manual provider, an admin, a package order and a milestone order
            app.paymentProvider = ManualPaymentProvider()
            let mm = try await MilestoneMarket.make(app)
            let m = mm.m
            let adminMember = try await app.member("Ada Admin")
            try await app.makeArbiter(adminMember, role: .admin)
            let package = try await m.place()
            let custom = try await mm.place(title: "Shop <em>site</em>")
            let buyer = try await logIn(app, m.buyer)

            // when the buyer pays each from its page
            #expect(try await submit(buyer, "/orders/\(package.id)/fund", from: "/orders/\(package.id)").status == .seeOther)
            #expect(try await submit(buyer, "/orders/\(custom.id)/milestones/1/fund", from: "/orders/\(custom.id)").status == .seeOther)
            // then each page shows the amount and the reference to quote, and nothing is funded yet
            let deposits = try await DepositRecord.query(on: app.db).all()
            #expect(deposits.count == 2)
            let packageDeposit = try #require(deposits.first { $0.milestonePosition == nil })
            let milestoneDeposit = try #require(deposits.first { $0.milestonePosition == 0 })
            let p0 = try await buyer.get("/orders/\(package.id)").body.string
            #expect(p0.contains("Waiting for your bank transfer") && p0.contains("$100.00") && p0.contains(packageDeposit.id!.uuidString.lowercased()))
            #expect(p0.contains("awaiting_payment") && !p0.contains("Pay into escrow"))
            let c0 = try await buyer.get("/orders/\(custom.id)").body.string
            #expect(c0.contains("for milestone 1") && c0.contains(milestoneDeposit.id!.uuidString.lowercased()) && c0.contains("bank transfer pending"))
            #expect(!c0.contains("Pay milestone 1 into escrow") && c0.contains("Pay milestone 2 into escrow"))
            #expect(try await HoldRecord.query(on: app.db).count() == 0)
            // the seller does not see the buyer's transfer details
            let seller = try await logIn(app, m.seller)
            #expect(!(try await seller.get("/orders/\(package.id)").body.string.contains("Waiting for your bank transfer")))

            // members other than admins get 404 for /admin/money
            #expect(try await buyer.get("/admin/money").status == .notFound)
            #expect(try await PageSession(app).get("/admin/money").status == .seeOther)
            // the admin sees both transfers with Confirm buttons
            let admin = try await logIn(app, adminMember)
            let a0 = try await admin.get("/admin/money")
            #expect(a0.status == .ok)
            #expect(a0.body.string.contains(packageDeposit.id!.uuidString.lowercased()) && a0.body.string.contains("(milestone 1)"))
            #expect(a0.body.string.contains("Confirm") && a0.body.string.contains("id=\"no-payouts\""))
            #expect(a0.body.string.contains("Shop &lt;em&gt;site&lt;/em&gt;") && !a0.body.string.contains("<em>site"))
            // a forged confirmation (no CSRF token) and a buyer's are refused
            #expect(try await admin.post("/admin/money/deposits/\(packageDeposit.id!)/confirm", form: [:], csrf: false).status == .forbidden)
            #expect(try await buyer.post("/admin/money/deposits/\(packageDeposit.id!)/confirm", form: [:], from: "/orders").status == .notFound)
            #expect(try await m.show(package.id, by: m.buyer).state == "awaiting_payment")
            // when the admin confirms both
            #expect(try await admin.post("/admin/money/deposits/\(packageDeposit.id!)/confirm", form: [:], from: "/admin/money").status == .seeOther)
            #expect(try await admin.post("/admin/money/deposits/\(milestoneDeposit.id!)/confirm", form: [:], from: "/admin/money").status == .seeOther)
            // then the package order and milestone 1 are funded
            #expect(try await m.show(package.id, by: m.buyer).state == "in_progress")
            #expect(try await m.show(custom.id, by: m.buyer).milestones?.map(\.state) == ["funded", "awaiting_funding"])
            #expect(try await admin.get("/admin/money").body.string.contains("id=\"no-deposits\""))

            // when the seller is paid and asks for a payout, the admin marks it sent
            try await m.step("deliver", package.id, by: m.seller, json: ["message": "Done"])
            try await m.step("accept", package.id, by: m.buyer)
            let payout = try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "p1"), json: ["amountCents": 9_500])
            let payoutID = try payout.decode(PayoutDTO.self).id
            let a1 = try await admin.get("/admin/money").body.string
            #expect(a1.contains("Mark sent") && a1.contains("Mark failed") && a1.contains("$95.00"))
            #expect(try await admin.post("/admin/money/payouts/\(payoutID)/sent", form: [:], from: "/admin/money").status == .seeOther)
            let balance = try await m.balance(m.seller)
            #expect(balance.paidOutCents == 9_500 && balance.payoutsInTransitCents == 0)
            // marking it again only explains why not
            _ = try await admin.post("/admin/money/payouts/\(payoutID)/failed", form: [:], from: "/admin/money")
            #expect(try await admin.get("/admin/money").body.string.contains("already sent"))
            #expect(try await m.balance(m.seller).paidOutCents == 9_500)
            try await m.expectLedgerSound()
        }
    }
}
