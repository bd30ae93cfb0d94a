// Signed income statements end to end: issue, verify, tamper, and the verification page.
import Foundation
import Testing
import Vapor
import VaporTesting
import Crypto
import GuildCore
@testable import GuildApp

@Suite("Finances: income statements")
struct FinancesStatementTests {
    /// A seller with one accepted $100 order ($95 after the fee).
    static func paidSeller(_ app: Application) async throws -> Market {
        let m = try await Market.make(app)
        let o = try await m.delivered()
        #expect(try await m.step("accept", o.id, by: m.buyer).status == .ok)
        return m
    }

    static func period(_ app: Application) -> [String: String] {
        let today = EarningsMonth.calendar(TimeZone(identifier: "UTC")!).dateComponents([.year, .month, .day], from: app.clock.now())
        return ["from": String(format: "%04d-01-01", today.year! - 1), "to": String(format: "%04d-%02d-%02d", today.year!, today.month!, today.day!)]
    }

    static func verify(_ app: Application, _ statement: IncomeStatement) async throws -> Bool {
        let res = try await app.send(.POST, "/api/v1/income-statements/verify", json: statement)
        #expect(res.status == .ok, "\(res.body.string)")
        return try res.decode(VerificationDTO.self).valid
    }

    @Test("A statement verifies; changing any figure, date or name makes verification fail", arguments: TestDatabase.all)
    func verifiesAndDetectsTampering(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            // given a seller paid for one order
            let m = try await Self.paidSeller(app)
            // when they ask for a statement
            let res = try await app.send(.POST, "/api/v1/me/income-statements", headers: m.seller.bearer, json: Self.period(app))
            #expect(res.status == .ok, "\(res.body.string)")
            let statement = try JSONDecoder().decode(IncomeStatement.self, from: Data(buffer: res.body))
            // then it says what the ledger says, and verifies
            #expect(statement.totals == .init(grossCents: 10_000, feeCents: 500, netCents: 9_500, orders: 1, clients: 1))
            let now = EarningsMonth(containing: app.clock.now(), in: TimeZone(identifier: "UTC")!)
            #expect(statement.months.first?.month == EarningsMonth(year: now.year - 1, month: 1))
            #expect(statement.months.last?.month == now)
            #expect(statement.months.count == 12 + now.month)
            #expect(statement.months.reduce(0) { $0 + $1.netCents } == 9_500)
            #expect(statement.member.name == "Sam Seller")
            #expect(try await Self.verify(app, statement))
            // and every change makes it fail
            var tampered: [IncomeStatement] = []
            var s = statement; s.totals.netCents += 100; tampered.append(s)
            s = statement; s.totals.orders = 2; tampered.append(s)
            s = statement; s.months[s.months.count - 1].netCents = 19_500; tampered.append(s)
            s = statement; s.from = "2019-01-01"; tampered.append(s)
            s = statement; s.to = "2099-12-31"; tampered.append(s)
            s = statement; s.member.name = "Someone Else"; tampered.append(s)
            s = statement; s.issuedAt = "2020-01-01T00:00:00Z"; tampered.append(s)
            s = statement; s.signature = nil; tampered.append(s)
            for t in tampered { #expect(try await Self.verify(app, t) == false) }
            // offline, with the public key the instance publishes
            let published = try await app.send(.GET, "/api/v1/income-statements/public-key").decode(PublicKeyDTO.self)
            let key = try StatementVerifier.publicKey(fromText: published.publicKey)
            #expect(StatementVerifier.verify(statement, with: key).valid)
            #expect(!StatementVerifier.verify(tampered[0], with: key).valid)
            // a key of another instance does not vouch for it
            #expect(!StatementVerifier.verify(statement, with: Curve25519.Signing.PrivateKey().publicKey).valid)
        }
    }

    @Test("Every instance on one database reads the same key; the key survives a restart", arguments: TestDatabase.all)
    func oneSharedKey(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            let first = try await app.statementKey()
            let again = try await StatementKey.load(on: app.db)
            #expect(first.keyID == again.keyID)
            #expect(first.privateKey.rawRepresentation == again.privateKey.rawRepresentation)
        }
    }

    @Test("A period with from after to, or a day that is not one, is a 422 naming the field", arguments: TestDatabase.all)
    func badPeriods(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            let m = try await Self.paidSeller(app)
            let cases: [([String: String], String)] = [
                (["from": "2026-03-01", "to": "2026-02-01"], "from"),
                (["from": "2026-02-30", "to": "2026-03-01"], "from"),
                (["from": "2026-01-01"], "to"),
                (["from": "last week", "to": "2026-03-01"], "from"),
            ]
            for (body, field) in cases {
                let res = try await app.send(.POST, "/api/v1/me/income-statements", headers: m.seller.bearer, json: body)
                #expect(res.status == .unprocessableEntity, "\(body)")
                #expect(res.errorBody?.field == field, "\(body): \(res.body.string)")
            }
            #expect(try await app.send(.POST, "/api/v1/me/income-statements", json: Self.period(app)).status == .unauthorized)
            // a body that is not a statement is a 4xx, never a 500
            let junk = try await app.send(.POST, "/api/v1/income-statements/verify", raw: "{\"hello\": 1}")
            #expect((400..<500).contains(junk.status.code))
        }
    }

    @Test("The printable statement and the public verification page", arguments: TestDatabase.all)
    func pages(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            // given a seller on the earnings page
            let m = try await Self.paidSeller(app)
            let browser = try await FinanceTestSupport.logIn(app, m.seller)
            // when they issue a statement from its form
            let page = try await browser.post("/me/income-statements", form: Self.period(app), from: "/me/earnings")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Sam Seller") && html.contains("$95.00"))
            #expect(html.contains("data:application/json;base64,"))
            // then the JSON it carries verifies on the public page, for a visitor
            let start = try #require(html.range(of: "data:application/json;base64,"))
            let b64 = html[start.upperBound...].prefix { $0 != "\"" }
            let json = String(decoding: try #require(Data(base64Encoded: String(b64))), as: UTF8.self)
            let visitor = PageSession(app)
            let ok = try await visitor.post("/income-statements/verify", form: ["statement": json])
            #expect(ok.body.string.contains("Genuine and unaltered"))
            let altered = try await visitor.post("/income-statements/verify", form: ["statement": json.replacingOccurrences(of: "Sam Seller", with: "Sam Sellers")])
            #expect(altered.body.string.contains("Not valid"))
            // and a statement form with from after to says so, changing nothing
            let bad = try await browser.post("/me/income-statements", form: ["from": "2026-03-01", "to": "2026-02-01"], from: "/me/earnings")
            #expect(bad.status == .seeOther)
            #expect(try await browser.get("/me/earnings").body.string.contains("from must be on or before to"))
        }
    }
}
