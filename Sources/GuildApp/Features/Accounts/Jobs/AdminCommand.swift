// `guild admin grant EMAIL ROLE` and `guild admin revoke EMAIL ROLE`: the operator's way to name arbiters and admins.
import Vapor
import Fluent
import GuildCore

struct AdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "grant or revoke") var action: String
        @Argument(name: "email", help: "the member's email") var email: String
        @Argument(name: "role", help: "arbiter or admin") var role: String
    }

    var help: String { "Grant or revoke a member's arbiter or admin role: guild admin grant EMAIL arbiter|admin" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let role = MemberRole(rawValue: signature.role), role != .member else {
            throw GuildCommandError("The role must be arbiter or admin (got \(signature.role))")
        }
        let email = AccountRules.normalizeEmail(signature.email)
        guard let user = try await User.query(on: context.application.db).filter(\.$email == email).first() else {
            throw GuildCommandError("No member has the email \(email)")
        }
        switch signature.action {
        case "grant":
            if !user.has(role) { user.roles.append(role.rawValue) }
        case "revoke":
            user.roles.removeAll { $0 == role.rawValue }
        default:
            throw GuildCommandError("The action must be grant or revoke (got \(signature.action))")
        }
        try await user.save(on: context.application.db)
        try await AuditLog.record(signature.action == "grant" ? .roleGranted : .roleRevoked, member: user.requireID(),
                                  detail: "\(role.rawValue), by the operator", at: context.application.clock.now(), on: context.application.db)
        context.console.print("\(email) now has the roles: \(user.roles.joined(separator: ", "))")
    }
}

struct GuildCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
