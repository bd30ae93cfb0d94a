// /login and /logout: a fresh session on log-in (throttled by LoginThrottle), none after log-out.
import Vapor
import Fluent
import GuildCore

struct LogInPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: logInForm)
        routes.post("login", use: logIn)
        routes.post("logout", use: logOut)
    }

    func logInForm(req: Request) async throws -> Response {
        try await req.render("login", title: "Log in", AccountForm(next: MemberSession.safeNext(req.query["next"])), form: true)
    }

    func logIn(req: Request) async throws -> Response {
        struct Form: Content { var email: String?; var password: String?; var next: String? }
        let form = try req.content.decode(Form.self)
        guard let user = try await AccountWorkflow.authenticate(email: form.email ?? "", password: form.password ?? "", on: req) else {
            let state = AccountForm(values: ["email": form.email ?? ""], message: "The email or password is not right.", next: MemberSession.safeNext(form.next))
            return try await req.render("login", title: "Log in", state, form: true, status: .unauthorized)
        }
        try await MemberSession.start(for: user, on: req)
        let userID = try user.requireID()
        return req.redirect(to: MemberSession.safeNext(form.next) ?? "/users/\(userID)")
    }

    func logOut(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: "/")
    }
}
