// Settlements from the order page: the proposal form (dollars, the escrowed total, problems on their fields, a refused
// form re-shown as typed), the other side's Accept and Decline, the proposer's Withdraw, and the published rule.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct SettlementPagesTests {
    @Test(arguments: TestDatabase.all)
    func proposedOnThePageAndAcceptedByTheOtherSide(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a delivered 100.00 order, both sides signed in
            let m = try await Market.make(app)
            let order = try await m.delivered()
            let buyer = try await OrderPagesTests().logIn(app, m.buyer)
            let seller = try await OrderPagesTests().logIn(app, m.seller)
            let path = "/orders/\(order.id)"
            let page = try await buyer.get(path).body.string
            #expect(page.contains("Propose a settlement") && page.contains("$100.00"))

            // when the buyer's amounts do not add up
            let refused = try await buyer.post("\(path)/settlements", form: ["seller": "50", "buyer": "<b>60</b>"], from: path)
            // then the page comes back with 422, the problem on its field and what was typed, escaped
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("id=\"settle-buyer-error\""))
            #expect(html.contains("value=\"&lt;b&gt;60&lt;/b&gt;\"") && html.contains("value=\"50\""))
            let over = try await buyer.post("\(path)/settlements", form: ["seller": "50", "buyer": "60"], from: path)
            #expect(over.status == .unprocessableEntity && over.body.string.contains("id=\"settle-seller-error\""))
            #expect(over.body.string.contains("$110.00"))
            #expect(try await m.settlements(order.id, by: m.buyer).isEmpty)

            // when the buyer proposes 40.00 / 60.00
            let proposed = try await buyer.post("\(path)/settlements", form: ["seller": "40", "buyer": "60.00"], from: path)
            #expect(proposed.status == .seeOther)
            // then the buyer sees it pending with Withdraw, the seller sees Accept and Decline
            let mine = try await buyer.get(path).body.string
            #expect(mine.contains("data-testid=\"settlement-pending\"") && mine.contains("Withdraw the proposal"))
            #expect(!mine.contains("Accept the settlement"))
            let theirs = try await seller.get(path).body.string
            #expect(theirs.contains("A settlement proposed by the buyer") && theirs.contains("Accept the settlement") && theirs.contains("$40.00"))
            let settlement = try #require(try await m.settlements(order.id, by: m.seller).first)
            let idem = try #require(OrderPagesTests.hidden("idem", in: String(theirs[theirs.range(of: "/settlements/\(settlement.id.uuidString)/accept")!.lowerBound...])))

            // when the seller accepts twice with the same hidden key
            for _ in 0..<2 {
                let res = try await seller.post("/settlements/\(settlement.id.uuidString)/accept", form: ["idem": idem], from: path)
                #expect(res.status == .seeOther)
            }
            // then the money moved once and the page says how the order ended, in words
            #expect(try await m.balance(m.seller).availableCents == 3_800)
            #expect(try await m.balance(m.buyer).availableCents == 6_000)
            let ended = try await seller.get(path).body.string
            #expect(ended.contains("Resolved: the escrow was divided") && ended.contains("accepted the settlement"))
            #expect(!ended.contains("Propose a settlement"))
            try await m.expectLedgerSound()
        }
    }

    @Test(arguments: TestDatabase.all)
    func withdrawAndDeclineFromThePageAndStrangersGet404(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.delivered()
            let path = "/orders/\(order.id)"
            let proposal = try await m.propose(order.id, by: m.seller, seller: 8_000, buyer: 2_000).decode(SettlementDTO.self)
            let stranger = try await app.member("Stan Stranger")
            let strangerPage = try await OrderPagesTests().logIn(app, stranger)
            #expect(try await strangerPage.post("/settlements/\(proposal.id.uuidString)/decline", form: [:], from: "/orders").status == .notFound)
            let buyer = try await OrderPagesTests().logIn(app, m.buyer)
            #expect(try await buyer.post("/settlements/\(proposal.id.uuidString)/decline", form: [:], from: path).status == .seeOther)
            #expect(try await m.settlements(order.id, by: m.buyer).first?.state == "declined")
            let seller = try await OrderPagesTests().logIn(app, m.seller)
            #expect(try await seller.post("\(path)/settlements", form: ["seller": "70", "buyer": "30"], from: path).status == .seeOther)
            let second = try #require(try await m.settlements(order.id, by: m.seller).first)
            #expect(try await seller.post("/settlements/\(second.id.uuidString)/withdraw", form: [:], from: path).status == .seeOther)
            #expect(try await m.settlements(order.id, by: m.seller).first?.state == "withdrawn")
            #expect(try await m.show(order.id, by: m.buyer).state == "delivered")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theRuleIsOnTheDisputesPolicy(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let html = try await app.send(.GET, "/policies/disputes").body.string
            #expect(html.contains("The buyer and the seller can settle without an arbiter"))
            #expect(html.contains("never counts against the seller: it is not a cancellation by the seller"))
        }
    }
}
