// The earnings dashboard against the ledger: a seller with many orders in every state.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite("Finances: earnings")
struct FinancesEarningsTests {
    struct EarningsBody: Decodable {
        struct Month: Decodable { var month: String; var grossCents: Int64; var feeCents: Int64; var netCents: Int64; var orders: Int }
        var releasedCents: Int64, feesCents: Int64, grossCents: Int64, effectiveFeeBasisPoints: Int
        var inEscrowCents: Int64, inEscrowNetCents: Int64, pendingCents: Int64, paidOutCents: Int64, payoutsInTransitCents: Int64
        var availableCents: Int64, orders: Int, clients: Int
        var months: [Month]
        var forecast: [Month]
        var daysSinceLastOrder: Int?
    }

    /// Orders in every state between one seller and two buyers; returns the market.
    static func busySeller(_ app: Application) async throws -> (Market, TestMember) {
        let m = try await Market.make(app)
        let other = try await app.member("Otto Other")
        let judge = try await app.member("Judy Arbiter")
        try await app.makeArbiter(judge)
        // completed: accepted by the buyer (three of them, two packages, two buyers)
        for (package, buyer) in [("Basic", m.buyer), ("Standard", m.buyer), ("Basic", other)] {
            let o = try await m.place(package, by: buyer)
            #expect(try await m.step("fund", o.id, by: buyer).status == .ok)
            #expect(try await m.step("deliver", o.id, by: m.seller, json: ["message": "Done"]).status == .ok)
            #expect(try await m.step("accept", o.id, by: buyer).status == .ok)
        }
        // awaiting payment
        _ = try await m.place("Standard")
        // in progress (funded) and delivered: both in escrow
        let funded = try await m.place("Basic")
        #expect(try await m.step("fund", funded.id, by: m.buyer).status == .ok)
        _ = try await m.delivered("Standard")
        // cancelled by agreement after funding: refunded
        let cancelled = try await m.place("Basic")
        #expect(try await m.step("fund", cancelled.id, by: m.buyer).status == .ok)
        #expect(try await m.step("cancellation", cancelled.id, by: m.seller, json: ["reason": "I fell ill"]).status == .ok)
        #expect(try await m.step("cancellation/accept", cancelled.id, by: m.buyer).status == .ok)
        // disputed, still open (in escrow), and disputed then split 60/40 by the arbiter
        let open = try await m.delivered()
        #expect(try await m.step("disputes", open.id, by: m.buyer, json: ["reason": "Late"]).status == .created)
        let split = try await m.delivered()
        let opened = try await m.step("disputes", split.id, by: m.buyer, json: ["reason": "Only two of three concepts"])
        let dispute = try opened.decode(DisputeDTO.self)
        let resolved = try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/resolution",
                                          headers: judge.bearer.adding("Idempotency-Key", "split"), json: ["sellerCents": 6_000, "buyerCents": 4_000])
        #expect(resolved.status == .ok, "\(resolved.body.string)")
        // and a payout of part of the balance
        let payout = try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "p1"), json: ["amountCents": 5_000])
        #expect(payout.status == .created, "\(payout.body.string)")
        return (m, other)
    }

    @Test("The dashboard's figures equal the ledger for a seller with orders in every state", arguments: TestDatabase.all)
    func figuresEqualTheLedger(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            // given
            let (m, _) = try await Self.busySeller(app)
            // when
            let res = try await app.send(.GET, "/api/v1/me/earnings", headers: m.seller.bearer)
            #expect(res.status == .ok, "\(res.body.string)")
            let e = try res.decode(EarningsBody.self)
            // then every figure is what the ledger says
            let sellerKey = LedgerAccountRef.member(m.seller.id).key
            let entries = try await LedgerEntryRecord.query(on: app.db).all()
            func sum(_ account: String, _ memo: String, _ side: LedgerEntry.Side) -> Int64 {
                entries.filter { $0.accountKey == account && $0.memo == memo && $0.side == side.rawValue }.reduce(0) { $0 + $1.amountCents }
            }
            let released = sum(sellerKey, PostingMemo.releaseToSeller, .credit)
            let fees = sum(LedgerAccountRef.platformRevenue.key, PostingMemo.platformFee, .credit)
            #expect(e.releasedCents == released)
            #expect(e.feesCents == fees)
            #expect(e.grossCents == released + fees)
            #expect(e.inEscrowCents == (try await LedgerStore.balance(of: .escrow, on: app.db)))
            #expect(e.availableCents == (try await LedgerStore.balance(of: .member(m.seller.id), on: app.db)))
            #expect(e.paidOutCents + e.payoutsInTransitCents == sum(sellerKey, PostingMemo.payoutRequested, .debit))
            #expect(released - e.paidOutCents - e.payoutsInTransitCents == e.availableCents)
            // and the figures themselves: 3 completed (100 + 250 + 100) and 60 of a 100 split, 5% fee each
            #expect(e.releasedCents == 9_500 + 23_750 + 9_500 + 5_700)
            #expect(e.feesCents == 500 + 1_250 + 500 + 300)
            #expect(e.effectiveFeeBasisPoints == 500)
            #expect(e.inEscrowCents == 10_000 + 25_000 + 10_000)      // funded, delivered, disputed
            #expect(e.inEscrowNetCents == 9_500 + 23_750 + 9_500)
            #expect(e.pendingCents == 23_750)                         // the Standard order awaiting payment
            #expect(e.paidOutCents == 5_000)
            #expect(e.orders == 4 && e.clients == 2)
            #expect(e.months.count == 12)
            #expect(e.months.reduce(0) { $0 + $1.netCents } == e.releasedCents)
            #expect(e.months.last?.orders == 4)
            #expect(e.forecast.reduce(0) { $0 + $1.netCents } == e.inEscrowNetCents)
            #expect(e.daysSinceLastOrder == 0)
        }
    }

    @Test("Each member sees only their own earnings; a buyer has none", arguments: TestDatabase.all)
    func onlyOwnEarnings(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            let (m, other) = try await Self.busySeller(app)
            let buyer = try await app.send(.GET, "/api/v1/me/earnings", headers: other.bearer).decode(EarningsBody.self)
            #expect(buyer.releasedCents == 0 && buyer.inEscrowCents == 0 && buyer.orders == 0)
            #expect(try await app.send(.GET, "/api/v1/me/earnings").status == .unauthorized)
            _ = m
        }
    }

    @Test("The earnings page draws the chart as SVG with a table of every month", arguments: TestDatabase.all)
    func page(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            let m = try await Market.make(app)
            let o = try await m.delivered()
            #expect(try await m.step("accept", o.id, by: m.buyer).status == .ok)
            let res = try await FinanceTestSupport.logIn(app, m.seller).get("/me/earnings")
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("<svg role=\"img\""))
            #expect(html.contains("$95.00"))
            #expect(html.contains("5%"))
            // months are words, never ISO stamps
            let month = EarningsMonth(containing: app.clock.now(), in: TimeZone(identifier: "UTC")!)
            #expect(html.contains("<td>\(month.spoken)</td>"))
            #expect(!html.contains("<td>\(month.key)"))
        }
    }

    @Test("Estimated hours give an hourly rate net of fees, with a warning below the operator's minimum", arguments: TestDatabase.all)
    func hourlyRate(_ kind: TestDatabase) async throws {
        try await withGuild(kind, configure: { $0.finances.minimumHourlyWageCents = 2_000 }) { app in
            // given a package of $100 estimated at 10 hours: $95 after the fee, $9.50 an hour
            let seller = try await app.member("Hana Hours")
            let buyer = try await app.member("Bo Buyer")
            let gig = try await app.send(.POST, "/api/v1/gigs", headers: seller.bearer, json: GigDraft(
                title: "Bookkeeping for a month", description: "Receipts in, a clean ledger out.", category: "business",
                tags: ["books"], packages: [PackageDraft(name: "Basic", priceCents: 10_000, deliveryDays: 3, revisions: 1, estimatedHours: 10)]))
            #expect(gig.status == .created, "\(gig.body.string)")
            let gigID = try gig.decode(IDOnly.self).id
            // bad hours are a 422 naming the field
            let bad = try await app.send(.POST, "/api/v1/gigs", headers: seller.bearer, json: GigDraft(
                title: "Bookkeeping for a year", description: "Receipts in, a clean ledger out.", category: "business",
                tags: ["books"], packages: [PackageDraft(name: "Basic", priceCents: 10_000, deliveryDays: 3, revisions: 1, estimatedHours: 0)]))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.errorBody?.field == "packages[0].estimatedHours")
            // when it is ordered: the quote carries the hours and the rate
            let placed = try await app.send(.POST, "/api/v1/orders", headers: buyer.bearer, json: ["gigId": gigID.uuidString, "package": "Basic"])
            let order = try placed.decode(OrderDTO.self)
            #expect(order.estimatedHours == 10 && order.netCentsPerHour == 950)
            // the buyer's quote shows the rate, and the seller is warned before starting the work
            let checkout = try await FinanceTestSupport.logIn(app, buyer).get("/gigs/\(gigID)/order?package=Basic").body.string
            #expect(checkout.contains("Per estimated hour (10 hours), after the fee") && checkout.contains("$9.50"))
            let sellerView = try await FinanceTestSupport.logIn(app, seller).get("/orders/\(order.id)").body.string
            #expect(sellerView.contains("data-testid=\"minimum-wage-warning\""))
            #expect(sellerView.contains("This work pays $9.50 an hour after fees (10 estimated hours)"))
            let buyerView = try await FinanceTestSupport.logIn(app, buyer).get("/orders/\(order.id)").body.string
            #expect(!buyerView.contains("minimum-wage-warning"))
            for (step, who) in [("fund", buyer), ("deliver", seller), ("accept", buyer)] {
                let res = try await app.send(.POST, "/api/v1/orders/\(order.id)/\(step)", headers: who.bearer.adding("Idempotency-Key", step),
                                             json: step == "deliver" ? ["message": "Done"] : nil)
                #expect(res.status == .ok, "\(step): \(res.body.string)")
            }
            // then the dashboard says $9.50 an hour, below the $20.00 minimum
            struct Body: Decodable { struct H: Decodable { var netCentsPerHour: Int64; var hours: Int; var minimumHourlyWageCents: Int64?; var belowMinimum: Bool }; var hourly: H? }
            let e = try await app.send(.GET, "/api/v1/me/earnings", headers: seller.bearer).decode(Body.self)
            #expect(e.hourly?.netCentsPerHour == 950 && e.hourly?.hours == 10)
            #expect(e.hourly?.minimumHourlyWageCents == 2_000 && e.hourly?.belowMinimum == true)
            let html = try await FinanceTestSupport.logIn(app, seller).get("/me/earnings").body.string
            #expect(html.contains("This work pays $9.50 an hour after fees (10 estimated hours)"))
            #expect(html.contains("minimum hourly wage of $20.00"))
        }
    }
}

struct IDOnly: Decodable { var id: UUID }

enum FinanceTestSupport {
    static func logIn(_ app: Application, _ member: TestMember, password: String = "correct horse battery") async throws -> PageSession {
        let browser = PageSession(app)
        let res = try await browser.post("/login", form: ["email": member.email, "password": password])
        #expect(res.status == .seeOther)
        return browser
    }
}
