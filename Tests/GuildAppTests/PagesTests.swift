import Foundation
import Testing
import Vapor
import VaporTesting
import GuildCore
import Fluent
@testable import GuildApp

@Suite struct PagesTests {
    @Test(arguments: TestDatabase.all)
    func signUpThroughTheFormSignsYouIn(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let browser = PageSession(app)
            // given the sign-up page with its CSRF token
            let form = try await browser.get("/signup")
            #expect(form.status == .ok)
            #expect(PageSession.csrfToken(in: form.body.string) != nil)
            // when the form is posted
            let res = try await browser.post("/signup", form: ["displayName": "Noor", "email": "noor@example.org", "password": "long enough secret"])
            // then the member exists and is signed in
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == "/me/edit")
            #expect(try await User.query(on: app.db).count() == 1)
            let edit = try await browser.get("/me/edit")
            #expect(edit.status == .ok)
            #expect(edit.body.string.contains("Edit your profile"))
            #expect(!edit.body.string.contains("Please fix the fields"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func formsWithoutCSRFTokenAreRefusedAndChangeNothing(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let browser = PageSession(app)
            _ = try await browser.get("/signup")
            let res = try await browser.post("/signup", form: ["displayName": "Eve", "email": "eve@example.org", "password": "long enough secret"], csrf: false)
            #expect(res.status == .forbidden)
            #expect(try await User.query(on: app.db).count() == 0)
            // and a wrong token is refused just the same
            var headers = HTTPHeaders()
            if let cookie = browser.cookie { headers.add(name: .cookie, value: cookie) }
            let forged = try await app.testing().sendRequest(.POST, "/signup", headers: headers, beforeRequest: { req in
                try req.content.encode(["displayName": "Eve", "email": "eve@example.org", "password": "long enough secret", "_csrf": "guess"], as: .urlEncodedForm)
            })
            #expect(forged.status == .forbidden)
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func profileTextIsEscaped(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            _ = try await app.send(.PATCH, "/api/v1/me", headers: ada.bearer,
                                   json: ProfileUpdate(headline: "<script>alert('x')</script>", bio: "Tom & Jerry <b>bold</b>"))
            let page = try await app.send(.GET, "/users/\(ada.id)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(!html.contains("<script>alert"))
            #expect(html.contains("&lt;script&gt;alert"))
            #expect(html.contains("Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func logInRefusesOffSiteRedirectsAndWrongPasswords(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada", password: "a long password")
            let browser = PageSession(app)
            let wrong = try await browser.post("/login", form: ["email": ada.email, "password": "not the one"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("The email or password is not right."))
            let ok = try await browser.post("/login", form: ["email": ada.email, "password": "a long password", "next": "//evil.example/steal"])
            #expect(ok.status == .seeOther)
            #expect(ok.headers.first(name: .location) == "/users/\(ada.id)")
            // the session id changes on log-in
            let before = browser.cookie
            _ = try await browser.post("/logout", form: [:], from: "/")
            #expect(browser.cookie != before)
            #expect(try await browser.get("/me/edit").status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func profileFormValidatesAndSaves(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let browser = PageSession(app)
            _ = try await browser.post("/signup", form: ["displayName": "Noor", "email": "noor@example.org", "password": "long enough secret"])
            let bad = try await browser.post("/me/edit", form: ["displayName": "Noor", "timezone": "Moon/Base", "hourlyRate": "abc"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("is not a known time zone"))
            #expect(bad.body.string.contains("must be an amount like 45 or 45.50"))
            #expect(bad.body.string.contains("Please fix the fields"))
            let good = try await browser.post("/me/edit", form: ["displayName": "Noor A.", "headline": "Translator", "hourlyRate": "38.50",
                                                                 "skills": "Arabic, French", "openToInterviews": "on", "interviewChannel": "phone"])
            #expect(good.status == .seeOther)
            let user = try #require(try await User.query(on: app.db).first())
            #expect(user.displayName == "Noor A.")
            #expect(user.hourlyRateCents == 3850)
            #expect(user.skills == ["Arabic", "French"])
            #expect(user.openToInterviews)
            #expect(user.interviewChannel == "phone")
        }
    }

    @Test(arguments: TestDatabase.all)
    func unknownPagesGetAFriendlyPage(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let res = try await app.send(.GET, "/no/such/page")
            #expect(res.status == .notFound)
            #expect(res.headers.contentType?.subType == "html")
            #expect(res.body.string.contains("We could not find that page"))
            let home = try await app.send(.GET, "/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Fair, open work."))
        }
    }
}

@Suite struct TokenPagesTests {
    @Test(arguments: TestDatabase.all)
    func tokensAreCreatedShownOnceAndRevoked(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let browser = PageSession(app)
            _ = try await browser.post("/signup", form: ["displayName": "Ines", "email": "ines@example.org", "password": "long enough secret"])
            // when a token is created on the page
            let created = try await browser.post("/account/tokens", form: ["name": "invoices"])
            #expect(created.status == .created)
            let html = created.body.string
            let start = try #require(html.range(of: "<code id=\"new-token\">"))
            let token = String(html[start.upperBound...].prefix { $0 != "<" })
            // then it works on the API
            #expect(try await app.send(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(token)"]).status == .ok)
            // and it is not shown again
            #expect(!(try await browser.get("/account/tokens").body.string.contains(token)))
            // when revoked it stops working
            let record = try #require(try await UserToken.query(on: app.db).filter(\.$name == "invoices").first())
            let revoked = try await browser.post("/account/tokens/\(try record.requireID())/revoke", form: [:], from: "/account/tokens")
            #expect(revoked.status == .seeOther)
            #expect(try await app.send(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(token)"]).status == .unauthorized)
        }
    }
}
