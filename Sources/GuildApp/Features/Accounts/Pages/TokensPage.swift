// /account/tokens: a member's API tokens, to create (shown once), list and revoke.
import Vapor
import Fluent
import GuildCore

struct TokensPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("account", "tokens", use: list)
        member.post("account", "tokens", use: create)
        member.post("account", "tokens", ":tokenID", "revoke", use: revoke)
    }

    func list(req: Request) async throws -> Response {
        try await req.render("tokens", title: "API tokens", Model(try await AccountWorkflow.tokens(of: req.memberID(), on: req.db)), form: true)
    }

    func create(req: Request) async throws -> Response {
        struct Form: Decodable { var name: String? }
        let form = try req.content.decode(Form.self)
        let member = try req.memberID()
        guard let name = AccountRules.tokenName(form.name) else {
            let model = try Model(try await AccountWorkflow.tokens(of: member, on: req.db),
                                  error: "Give the token a name of 1 to \(AccountRules.tokenNameMax) characters.")
            return try await req.render("tokens", title: "API tokens", model, form: true, status: .unprocessableEntity)
        }
        let (_, token) = try await AccountWorkflow.createToken(for: member, name: name, on: req.db)
        try await AuditLog.record(.tokenCreated, member: member, detail: name, for: req)
        // Shown once, on this response only: only its hash is stored.
        let model = try Model(try await AccountWorkflow.tokens(of: member, on: req.db), newToken: token)
        return try await req.render("tokens", title: "API tokens", model, form: true, status: .created)
    }

    func revoke(req: Request) async throws -> Response {
        let token = try await AccountWorkflow.revokeToken(req.parameters.get("tokenID", as: UUID.self), of: req.memberID(), on: req.db)
        req.flash("The token “\(token.name)” is revoked: it no longer works.")
        return req.redirect(to: "/account/tokens")
    }
}
