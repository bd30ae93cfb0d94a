// Account operations shared by the API and the pages: sign up, check a password, change it, update a profile.
import Vapor
import Fluent
import GuildCore

enum AccountWorkflow {
    static func signUp(email: String, password: String, displayName: String, on req: Request) async throws -> User {
        let normalized = try AccountRules.validateSignUp(email: email, password: password, displayName: displayName)
        if try await User.query(on: req.db).filter(\.$email == normalized).first() != nil {
            throw ConflictError(code: "email_taken", message: "An account with this email already exists. Log in instead.")
        }
        let hash = try await req.password.async.hash(password)
        let user = User(email: normalized, passwordHash: hash,
                        displayName: displayName.trimmingCharacters(in: .whitespacesAndNewlines))
        do {
            try await user.create(on: req.db)
        } catch let e as any DatabaseError where e.isConstraintFailure {
            // Two sign-ups raced past the check above; the unique index decided.
            throw ConflictError(code: "email_taken", message: "An account with this email already exists. Log in instead.")
        }
        return user
    }

    /// The member with this email and password, or nil. The same answer for an unknown email and a wrong
    /// password, so that the response does not reveal who has an account.
    static func authenticate(email: String, password: String, on req: Request) async throws -> User? {
        let normalized = AccountRules.normalizeEmail(email)
        let attempts = req.loginAttempts
        if let wait = try await attempts.retryAfter(normalized, now: Date()) {
            throw APIError(status: .tooManyRequests, code: "too_many_attempts",
                           message: "Too many wrong passwords for this account. Try again in \(Int(wait / 60) + 1) minutes, or ask for help if you forgot it.")
        }
        let user = try await User.query(on: req.db).filter(\.$email == normalized).first()
        // Spend the time a real check takes even for an unknown email, so timing does not reveal who has an account.
        let matches = (try? await req.password.async.verify(password, created: user?.passwordHash ?? dummyHash)) ?? false
        guard let user, matches else {
            try await attempts.recordFailure(normalized, now: Date())
            // Only an existing account has a log to write to; unknown emails leave no trace.
            if let user { try await AuditLog.record(.failedLogIn, member: user.requireID(), for: req) }
            return nil
        }
        try await attempts.reset(normalized)
        try await AuditLog.record(.logIn, member: user.requireID(), for: req)
        return user
    }

    private static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5kkxyP9sQ0hnM6VfR8.Q8m8QbQ9XOaa"

    static func changePassword(_ user: User, current: String, new: String, on req: Request) async throws {
        guard try await req.password.async.verify(current, created: user.passwordHash) else {
            throw ValidationErrors([.init(field: "currentPassword", reason: "is not your current password")])
        }
        if let p = AccountRules.passwordProblem(new) { throw ValidationErrors([.init(field: "newPassword", reason: p)]) }
        user.passwordHash = try await req.password.async.hash(new)
        try await user.save(on: req.db)
        // Every other way in is closed: old API tokens stop working after a password change.
        try await UserToken.query(on: req.db).filter(\.$user.$id == user.requireID()).delete()
        try await AuditLog.record(.passwordChanged, member: user.requireID(), detail: "API tokens revoked", for: req)
    }

    static func updateProfile(_ user: User, with update: ProfileUpdate, on db: any Database) async throws {
        let cleaned = try ProfileRules.validate(update)
        user.apply(cleaned)
        try await user.save(on: db)
    }

    static func find(_ idString: String?, on db: any Database) async throws -> User {
        guard let idString, let id = UUID(uuidString: idString), let user = try await User.find(id, on: db) else {
            throw APIError.notFound("That member")
        }
        return user
    }

    /// The member's API tokens, newest first.
    static func tokens(of member: UUID, on db: any Database) async throws -> [UserToken] {
        try await UserToken.query(on: db).filter(\.$user.$id == member).sort(\.$createdAt, .descending).all()
    }

    /// A new named token for the member; the token itself is returned once and only its hash is stored.
    static func createToken(for member: UUID, name: String, on db: any Database) async throws -> (record: UserToken, token: String) {
        let (token, hash) = UserToken.generate()
        let record = UserToken(userID: member, tokenHash: hash, name: name)
        try await record.create(on: db)
        return (record, token)
    }

    /// Deletes one of the member's tokens; another member's token is "not found".
    static func revokeToken(_ id: UUID?, of member: UUID, on db: any Database) async throws -> UserToken {
        guard let id, let token = try await UserToken.find(id, on: db), token.$user.id == member else {
            throw APIError.notFound("That token")
        }
        try await token.delete(on: db)
        return token
    }
}
