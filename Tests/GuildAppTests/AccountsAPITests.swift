import Foundation
import Testing
import Vapor
import Fluent
import VaporTesting
import GuildCore
@testable import GuildApp

@Suite struct AccountsAPITests {
    @Test(arguments: TestDatabase.all)
    func aTokenRecordsWhenItWasLastUsed(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a new token, never used
            let ada = try await app.member("Ada Lovelace")
            let before = try await UserToken.query(on: app.db).filter(\.$user.$id == ada.id).first()
            #expect(before?.lastUsedAt == nil)
            // when it is used
            #expect(try await app.send(.GET, "/api/v1/me", headers: ada.bearer).status == .ok)
            // then the time of use is stored, and a revoked or unknown token is refused
            let after = try await UserToken.query(on: app.db).filter(\.$user.$id == ada.id).first()
            #expect(after?.lastUsedAt != nil)
            #expect(try await app.send(.GET, "/api/v1/me", headers: ["Authorization": "Bearer not-a-token"]).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func signUpThenTokenThenMe(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a new member
            let ada = try await app.member("Ada Lovelace")
            // when they ask who they are with their token
            let res = try await app.send(.GET, "/api/v1/me", headers: ada.bearer)
            // then they see their own profile, email included
            #expect(res.status == .ok)
            let me = try res.decode(PublicProfile.self)
            #expect(me.id == ada.id)
            #expect(me.email == ada.email)
            #expect(me.displayName == "Ada Lovelace")
            // and the public profile hides the email
            let pub = try await app.send(.GET, "/api/v1/users/\(ada.id)")
            #expect(pub.status == .ok)
            #expect(!pub.body.string.contains(ada.email))
        }
    }

    @Test(arguments: TestDatabase.all)
    func meWithoutTokenIs401(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let anonymous = try await app.send(.GET, "/api/v1/me")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorBody?.code == "unauthorized")
            let forged = try await app.send(.GET, "/api/v1/me", headers: ["Authorization": "Bearer not-a-token"])
            #expect(forged.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func duplicateEmailIs409EvenWithOtherCase(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a member
            _ = try await app.member("Ada", email: "ada@example.org")
            // when someone signs up with the same address in capitals
            let res = try await app.send(.POST, "/api/v1/users", json: ["email": " ADA@example.org", "password": "another long one", "displayName": "Imposter"])
            // then it is a conflict and no second account exists
            #expect(res.status == .conflict)
            #expect(res.errorBody?.code == "email_taken")
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func shortPasswordIs422NamingPassword(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let res = try await app.send(.POST, "/api/v1/users", json: ["email": "grace@example.org", "password": "short", "displayName": "Grace"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.errorBody?.field == "password")
            #expect(res.errorBody?.code == "validation_failed")
            // and nothing was created
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func malformedJSONIs400AndMissingFieldIs422(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let broken = try await app.send(.POST, "/api/v1/users", raw: "{\"email\": \"a@b.org\", \"password\": ")
            #expect(broken.status == .badRequest)
            #expect(broken.errorBody?.code == "malformed_json")
            let missing = try await app.send(.POST, "/api/v1/users", raw: "{\"email\": \"a@b.org\", \"password\": \"long enough pass\"}")
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.errorBody?.field == "displayName")
            let mistyped = try await app.send(.POST, "/api/v1/users", raw: "{\"email\": 5, \"password\": \"long enough pass\", \"displayName\": \"X\"}")
            #expect(mistyped.status == .unprocessableEntity)
            #expect(mistyped.errorBody?.field == "email")
        }
    }

    @Test(arguments: TestDatabase.all)
    func wrongPasswordGetsNoToken(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            let res = try await app.send(.POST, "/api/v1/tokens", json: ["email": ada.email, "password": "wrong password!"])
            #expect(res.status == .unauthorized)
            #expect(res.errorBody?.code == "invalid_credentials")
        }
    }

    @Test(arguments: TestDatabase.all)
    func profileEditsAreValidatedAndOnlyYourOwn(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            let bob = try await app.member("Bob")
            // when Ada edits her profile
            let edit = try await app.send(.PATCH, "/api/v1/me", headers: ada.bearer,
                                          json: ProfileUpdate(headline: "Analytical engines", skills: ["Maths", "maths", "Poetry"],
                                                              hourlyRateCents: 9000, openToInterviews: true))
            #expect(edit.status == .ok)
            let p = try edit.decode(PublicProfile.self)
            #expect(p.headline == "Analytical engines")
            #expect(p.skills == ["Maths", "Poetry"])
            #expect(p.openToInterviews)
            // then the public profile shows it
            #expect(try await app.send(.GET, "/api/v1/users/\(ada.id)").decode(PublicProfile.self).hourlyRateCents == 9000)
            // when Bob tries to edit Ada's profile, it is refused and nothing changes
            let hijack = try await app.send(.PATCH, "/api/v1/users/\(ada.id)", headers: bob.bearer, json: ProfileUpdate(headline: "Hacked"))
            #expect(hijack.status == .forbidden)
            #expect(try await app.send(.GET, "/api/v1/users/\(ada.id)").decode(PublicProfile.self).headline == "Analytical engines")
            // and a bad value is a 422 naming its field
            let bad = try await app.send(.PATCH, "/api/v1/me", headers: ada.bearer, json: ProfileUpdate(timezone: "Nowhere/Special"))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.errorBody?.field == "timezone")
        }
    }

    @Test(arguments: TestDatabase.all)
    func tokensCanBeListedAndRevoked(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            let bob = try await app.member("Bob")
            let tokens = try await app.send(.GET, "/api/v1/tokens", headers: ada.bearer).decode([TokenSummary].self)
            #expect(tokens.count == 1)
            #expect(tokens.first?.current == true)
            let id = try #require(tokens.first?.id)
            // Bob cannot revoke Ada's token
            #expect(try await app.send(.DELETE, "/api/v1/tokens/\(id)", headers: bob.bearer).status == .notFound)
            // Ada can, and then it stops working
            #expect(try await app.send(.DELETE, "/api/v1/tokens/\(id)", headers: ada.bearer).status == .noContent)
            #expect(try await app.send(.GET, "/api/v1/me", headers: ada.bearer).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func passwordChangeRevokesTokens(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada", password: "a very secret phrase")
            let stored = try #require(try await User.find(ada.id, on: app.db))
            #expect(stored.passwordHash != "a very secret phrase")
            #expect(stored.passwordHash.hasPrefix("$2"))
            let wrong = try await app.send(.POST, "/api/v1/me/password", headers: ada.bearer,
                                           json: ["currentPassword": "not it at all", "newPassword": "another secret phrase"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.errorBody?.field == "currentPassword")
            let ok = try await app.send(.POST, "/api/v1/me/password", headers: ada.bearer,
                                        json: ["currentPassword": "a very secret phrase", "newPassword": "another secret phrase"])
            #expect(ok.status == .noContent)
            #expect(try await app.send(.GET, "/api/v1/me", headers: ada.bearer).status == .unauthorized)
            let relogin = try await app.send(.POST, "/api/v1/tokens", json: ["email": ada.email, "password": "another secret phrase"])
            #expect(relogin.status == .created)
        }
    }

    @Test(arguments: TestDatabase.all)
    func healthMetricsAndOpenAPI(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            #expect(try await app.send(.GET, "/health").status == .ok)
            #expect(try await app.send(.GET, "/api/v1/users/\(UUID())").status == .notFound)
            let metrics = try await app.send(.GET, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.body.string.contains("http_requests_total"))
            #expect(metrics.body.string.contains("route=\"/api/v1/users/:userID\""))
            let spec = try await app.send(.GET, "/api/openapi.yaml")
            #expect(spec.status == .ok)
            #expect(spec.body.string.contains("/api/v1/users"))
        }
    }
}
