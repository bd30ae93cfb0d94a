// /account/tokens: a member's API tokens, to create (shown once), list and revoke.
import Vapor
import Fluent
import GuildCore

struct TokenPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("account", "tokens", use: list)
        member.post("account", "tokens", use: create)
        member.post("account", "tokens", ":tokenID", "revoke", use: revoke)
    }

    struct TokenRow: Encodable { var id: String; var name: String; var createdAt: String; var lastUsedAt: String }
    struct Content: Encodable { var tokens: [TokenRow]; var newToken: String?; var error: String? }

    func rows(_ req: Request) async throws -> [TokenRow] {
        let style = Date.FormatStyle(date: .abbreviated, time: .shortened).locale(Locale(identifier: "en_GB"))
        return try await UserToken.query(on: req.db).filter(\.$user.$id == req.memberID()).sort(\.$createdAt, .descending).all()
            .map { TokenRow(id: try $0.requireID().uuidString, name: $0.name,
                            createdAt: $0.createdAt.map { $0.formatted(style) } ?? "", lastUsedAt: $0.lastUsedAt.map { $0.formatted(style) } ?? "never") }
    }

    func list(req: Request) async throws -> Response {
        try await req.render("tokens", title: "API tokens", Content(tokens: try await rows(req)), form: true)
    }

    func create(req: Request) async throws -> Response {
        struct Form: Decodable { var name: String? }
        let form = try req.content.decode(Form.self)
        guard let name = AccountRules.tokenName(form.name) else {
            return try await req.render("tokens", title: "API tokens",
                                        Content(tokens: try await rows(req), error: "Give the token a name of 1 to \(AccountRules.tokenNameMax) characters."),
                                        form: true, status: .unprocessableEntity)
        }
        let (token, hash) = UserToken.generate()
        try await UserToken(userID: try req.memberID(), tokenHash: hash, name: name).create(on: req.db)
        try await AuditLog.record(.tokenCreated, member: req.memberID(), detail: name, for: req)
        // Shown once, on this response only: only its hash is stored.
        return try await req.render("tokens", title: "API tokens", Content(tokens: try await rows(req), newToken: token), form: true, status: .created)
    }

    func revoke(req: Request) async throws -> Response {
        guard let id = req.parameters.get("tokenID", as: UUID.self),
              let token = try await UserToken.find(id, on: req.db), token.$user.id == (try req.memberID())
        else { throw APIError.notFound("That token") }
        try await token.delete(on: req.db)
        req.flash("The token “\(token.name)” is revoked: it no longer works.")
        return req.redirect(to: "/account/tokens")
    }
}
