// /signup: joining Guild. The rules are AccountRules'; the page re-shows the form with each problem on its field.
import Vapor
import Fluent
import GuildCore

struct SignUpPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("signup", use: signUpForm)
        routes.post("signup", use: signUp)
    }

    func signUpForm(req: Request) async throws -> Response {
        try await req.render("signup", title: "Join Guild", AccountForm(next: MemberSession.safeNext(req.query["next"])), form: true)
    }

    func signUp(req: Request) async throws -> Response {
        struct Form: Content { var email: String?; var password: String?; var displayName: String?; var next: String? }
        let form = try req.content.decode(Form.self)
        var state = AccountForm(values: ["email": form.email ?? "", "displayName": form.displayName ?? ""], next: MemberSession.safeNext(form.next))
        do {
            let user = try await AccountWorkflow.signUp(email: form.email ?? "", password: form.password ?? "", displayName: form.displayName ?? "", on: req)
            try await MemberSession.start(for: user, on: req)
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
}
