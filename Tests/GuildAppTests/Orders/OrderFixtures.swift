// Shared setup for the orders tests: a seller with a published gig, a buyer, and one-line steps over the API.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

struct Market {
    let app: Application
    let buyer: TestMember
    let seller: TestMember
    let gigID: UUID

    /// Basic: $100.00, 3 days, 1 revision. Standard: $250.00, 5 days, 2 revisions.
    static func make(_ app: Application) async throws -> Market {
        let seller = try await app.member("Sam Seller")
        let buyer = try await app.member("Bea Buyer")
        let gig = try await makeGig(app, seller: seller.id)
        return Market(app: app, buyer: buyer, seller: seller, gigID: gig)
    }

    static func makeGig(_ app: Application, seller: UUID) async throws -> UUID {
        let draft = GigDraft(title: "A logo for your bakery", description: "Three concepts and the final files.", category: "design",
                             tags: ["logo"], packages: [
                                PackageDraft(name: "Basic", priceCents: 10_000, deliveryDays: 3, revisions: 1),
                                PackageDraft(name: "Standard", priceCents: 25_000, deliveryDays: 5, revisions: 2),
                             ])
        let gig = Gig(sellerID: seller, draft: draft, status: .published)
        if app.db.kind == .postgres {
            // The shared Gig model encodes `packages` as jsonb[] while its column is jsonb, so on PostgreSQL the gig is
            // inserted with SQL here (the gigs area owns that model; see the orders report).
            let id = UUID()
            let packages = String(decoding: try JSONEncoder().encode(draft.packages), as: UTF8.self)
            try await app.db.sql.raw("""
                INSERT INTO gigs (id, seller_id, title, description, category, subcategory, tags, packages, status,
                                  starting_price_cents, fastest_delivery_days, created_at, updated_at)
                VALUES (\(bind: id), \(bind: seller), \(bind: draft.title), \(bind: draft.description), \(bind: draft.category), NULL,
                        ARRAY['logo'], \(unsafeRaw: "'" + packages + "'::jsonb"), 'published', 10000, 3, now(), now())
                """).run()
            return id
        }
        try await gig.create(on: app.db)
        return try gig.requireID()
    }

    func place(_ package: String = "Basic", by member: TestMember? = nil) async throws -> OrderDTO {
        let res = try await app.send(.POST, "/api/v1/orders", headers: (member ?? buyer).bearer, json: ["gigId": gigID.uuidString, "package": package])
        #expect(res.status == .created, "\(res.body.string)")
        return try res.decode(OrderDTO.self)
    }

    /// POSTs /api/v1/orders/{id}/{path} with a fresh Idempotency-Key unless one is given.
    @discardableResult
    func step(_ path: String, _ order: UUID, by member: TestMember, key: String? = UUID().uuidString,
              json: (any Encodable & Sendable)? = nil) async throws -> TestingHTTPResponse {
        var headers = member.bearer
        if let key { headers.add(name: "Idempotency-Key", value: key) }
        return try await app.send(.POST, "/api/v1/orders/\(order)/\(path)", headers: headers, json: json)
    }

    /// Placed, funded and delivered.
    func delivered(_ package: String = "Basic") async throws -> OrderDTO {
        let order = try await place(package)
        #expect(try await step("fund", order.id, by: buyer).status == .ok)
        #expect(try await step("deliver", order.id, by: seller, json: ["message": "Here are the files"]).status == .ok)
        return try await show(order.id, by: buyer)
    }

    func show(_ id: UUID, by member: TestMember) async throws -> OrderDTO {
        let res = try await app.send(.GET, "/api/v1/orders/\(id)", headers: member.bearer)
        #expect(res.status == .ok)
        return try res.decode(OrderDTO.self)
    }

    func balance(_ member: TestMember) async throws -> BalanceDTO {
        try await app.send(.GET, "/api/v1/me/balance", headers: member.bearer).decode(BalanceDTO.self)
    }

    /// The stored ledger keeps every invariant.
    func expectLedgerSound(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let snapshot = try await LedgerStore.snapshot(on: app.db)
        #expect(LedgerInvariants.verify(snapshot: snapshot) == [], sourceLocation: sourceLocation)
        let (_, ok) = try await LedgerVerification.run(on: app.db)
        #expect(ok, sourceLocation: sourceLocation)
    }
}

extension Application {
    func makeArbiter(_ member: TestMember, role: MemberRole = .arbiter) async throws {
        let user = try #require(try await User.find(member.id, on: db))
        user.roles.append(role.rawValue)
        try await user.save(on: db)
    }
}
