// The security log: each kind of event is recorded on the member's own account, and only they read it.
import Foundation
import Testing
import Vapor
import VaporTesting
import GuildCore
@testable import GuildApp

@Suite("Finances: audit log")
struct FinancesAuditLogTests {
    struct Event: Decodable { var kind: String; var description: String; var detail: String; var createdAt: Date }

    @Test("Sign-ins, wrong passwords, tokens, payouts, exports and password changes reach the member's own log", arguments: TestDatabase.all)
    func recordsEveryKind(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            // given a seller who earned $95 (sign-up and log-in happen in Market.make)
            let m = try await Market.make(app)
            let o = try await m.delivered()
            #expect(try await m.step("accept", o.id, by: m.buyer).status == .ok)
            // when someone tries a wrong password, the seller withdraws, exports, and changes their password
            let wrong = try await app.send(.POST, "/api/v1/tokens", json: ["email": m.seller.email, "password": "not my password"])
            #expect(wrong.status == .unauthorized)
            #expect(try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "p"), json: ["amountCents": 2_000]).status == .created)
            #expect(try await app.send(.GET, "/api/v1/me/export", headers: m.seller.bearer).status == .ok)
            let log = try await app.send(.GET, "/api/v1/me/audit-log", headers: m.seller.bearer)
            #expect(log.status == .ok)
            let events = try log.decode([Event].self)
            // then each is in the log, newest first, in words
            let kinds = Set(events.map(\.kind))
            for expected: AuditEventKind in [.logIn, .tokenCreated, .failedLogIn, .payoutRequested, .dataExported] {
                #expect(kinds.contains(expected.rawValue), "\(expected)")
            }
            #expect(events.first?.kind == AuditEventKind.dataExported.rawValue)
            #expect(events.contains { $0.kind == "payout_requested" && $0.detail.hasPrefix("$20.00") })
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.createdAt >= $1.createdAt })
            // the password change closes the tokens, and is logged
            let changed = try await app.send(.POST, "/api/v1/me/password", headers: m.seller.bearer,
                                             json: ["currentPassword": "correct horse battery", "newPassword": "a brand new passphrase"])
            #expect(changed.status == .noContent)
            let again = try await app.send(.POST, "/api/v1/tokens", json: ["email": m.seller.email, "password": "a brand new passphrase"])
            let token = try again.decode(IssuedToken.self).token
            let after = try await app.send(.GET, "/api/v1/me/audit-log?limit=3", headers: ["Authorization": "Bearer \(token)"]).decode([Event].self)
            #expect(after.count == 3)
            #expect(after.map(\.kind).contains(AuditEventKind.passwordChanged.rawValue))
            // and the buyer's log holds none of the seller's events
            let buyers = try await app.send(.GET, "/api/v1/me/audit-log", headers: m.buyer.bearer).decode([Event].self)
            #expect(!buyers.contains { $0.kind == "failed_log_in" || $0.kind == "payout_requested" || $0.kind == "data_exported" })
            // a limit out of range is a 422 naming it
            let bad = try await app.send(.GET, "/api/v1/me/audit-log?limit=0", headers: m.buyer.bearer)
            #expect(bad.status == .unprocessableEntity && bad.errorBody?.field == "limit")
            #expect(try await app.send(.GET, "/api/v1/me/audit-log").status == .unauthorized)
            // and the activity page says it in words
            let page = try await FinanceTestSupport.logIn(app, TestMember(id: m.seller.id, email: m.seller.email, token: token), password: "a brand new passphrase")
                .get("/me/activity").body.string
            #expect(page.contains("Wrong password entered") && page.contains("Payout requested") && page.contains("Password changed"))
        }
    }
}
