// Sign-up, log-in, log-out and password pages.
import Vapor
import Fluent
import GuildCore

struct AccountPages: RouteCollection {
    struct FormState: Encodable {
        var values: [String: String] = [:]
        @EmptyAsNull var errors: [String: String] = [:]
        var message: String?
        var next: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("signup", use: signUpForm)
        routes.post("signup", use: signUp)
        routes.get("login", use: logInForm)
        routes.post("login", use: logIn)
        routes.post("logout", use: logOut)
        let member = routes.grouped(RequireMemberPage())
        member.get("account", "password", use: passwordForm)
        member.post("account", "password", use: changePassword)
    }

    /// Only same-site paths: an open redirect would let a link send members anywhere after logging in.
    static func safeNext(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\") else { return nil }
        return raw
    }

    /// Signs the member in with a fresh session id, so that a session planted before log-in is worth nothing after it.
    static func startSession(for user: User, on req: Request) async throws {
        if req.hasSession, let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req)
            req.session.id = nil
        }
        // The session authenticator stores whoever is logged in on `req.auth` when the response goes out.
        req.auth.login(user)
        _ = CSRF.token(for: req)
    }

    func signUpForm(req: Request) async throws -> Response {
        try await req.render("signup", title: "Join Guild", FormState(next: Self.safeNext(req.query["next"])), form: true)
    }

    func signUp(req: Request) async throws -> Response {
        struct Form: Content { var email: String?; var password: String?; var displayName: String?; var next: String? }
        let form = try req.content.decode(Form.self)
        var state = FormState(values: ["email": form.email ?? "", "displayName": form.displayName ?? ""], next: Self.safeNext(form.next))
        do {
            let user = try await AccountWorkflow.signUp(email: form.email ?? "", password: form.password ?? "", displayName: form.displayName ?? "", on: req)
            try await Self.startSession(for: user, on: req)
            req.flash("Welcome to Guild, \(user.displayName). Tell people about yourself on your profile.")
            return req.redirect(to: state.next ?? "/me/edit")
        } catch let e as ValidationErrors {
            for err in e.errors { state.errors[err.field] = err.reason }
            return try await req.render("signup", title: "Join Guild", state, form: true, status: .unprocessableEntity)
        } catch let e as ConflictError {
            state.errors["email"] = e.message
            return try await req.render("signup", title: "Join Guild", state, form: true, status: .conflict)
        }
    }

    func logInForm(req: Request) async throws -> Response {
        try await req.render("login", title: "Log in", FormState(next: Self.safeNext(req.query["next"])), form: true)
    }

    func logIn(req: Request) async throws -> Response {
        struct Form: Content { var email: String?; var password: String?; var next: String? }
        let form = try req.content.decode(Form.self)
        guard let user = try await AccountWorkflow.authenticate(email: form.email ?? "", password: form.password ?? "", on: req) else {
            let state = FormState(values: ["email": form.email ?? ""], message: "The email or password is not right.", next: Self.safeNext(form.next))
            return try await req.render("login", title: "Log in", state, form: true, status: .unauthorized)
        }
        try await Self.startSession(for: user, on: req)
        let userID = try user.requireID()
        return req.redirect(to: Self.safeNext(form.next) ?? "/users/\(userID)")
    }

    func logOut(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: "/")
    }

    func passwordForm(req: Request) async throws -> Response {
        try await req.render("password", title: "Change your password", FormState(), form: true)
    }

    func changePassword(req: Request) async throws -> Response {
        struct Form: Content { var currentPassword: String?; var newPassword: String? }
        let form = try req.content.decode(Form.self)
        do {
            try await AccountWorkflow.changePassword(try req.member(), current: form.currentPassword ?? "", new: form.newPassword ?? "", on: req)
            req.flash("Your password is changed. API tokens made before were revoked.")
            return req.redirect(to: "/users/\(try req.memberID())")
        } catch let e as ValidationErrors {
            var state = FormState()
            for err in e.errors { state.errors[err.field] = err.reason }
            return try await req.render("password", title: "Change your password", state, form: true, status: .unprocessableEntity)
        }
    }
}
