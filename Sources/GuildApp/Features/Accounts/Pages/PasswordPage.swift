// /account/password: changing the password, which revokes the API tokens made before.
import Vapor
import Fluent
import GuildCore

struct PasswordPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("account", "password", use: passwordForm)
        member.post("account", "password", use: changePassword)
    }

    func passwordForm(req: Request) async throws -> Response {
        try await req.render("password", title: "Change your password", AccountForm(), form: true)
    }

    func changePassword(req: Request) async throws -> Response {
        struct Form: Content { var currentPassword: String?; var newPassword: String? }
        let form = try req.content.decode(Form.self)
        do {
            try await AccountWorkflow.changePassword(try req.member(), current: form.currentPassword ?? "", new: form.newPassword ?? "", on: req)
            req.flash("Your password is changed. API tokens made before were revoked.")
            return req.redirect(to: "/users/\(try req.memberID())")
        } catch let e as ValidationErrors {
            var state = AccountForm()
            for err in e.errors { state.errors[err.field] = err.reason }
            return try await req.render("password", title: "Change your password", state, form: true, status: .unprocessableEntity)
        }
    }
}
