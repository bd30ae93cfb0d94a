// /income-statements/verify: anyone (a lender, a landlord) pastes a statement and learns whether this instance
// issued it unaltered. The same check as POST /api/v1/income-statements/verify.
import Vapor
import GuildCore

struct VerifyStatementPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("income-statements", "verify", use: form)
        routes.post("income-statements", "verify", use: check)
    }

    struct Model: Encodable {
        var statement: String
        var checked: Bool
        var valid: Bool
        var reason: String?
        var memberName: String?
        var period: String?
        var netCents: Int64?
        var keyId: String
        var publicKey: String
    }

    /// Statements are a few kilobytes; a pasted text past this is not one.
    static let maximumLength = 200_000

    func form(req: Request) async throws -> Response {
        let key = try await req.application.statementKey()
        return try await req.render("finances/verify", title: "Verify an income statement",
                                    Model(statement: "", checked: false, valid: false, keyId: key.keyID,
                                          publicKey: key.publicKey.rawRepresentation.base64EncodedString()), form: true)
    }

    struct Form: Content { var statement: String? }

    func check(req: Request) async throws -> Response {
        let key = try await req.application.statementKey()
        let text = (try req.content.decode(Form.self).statement ?? "")
        var model = Model(statement: String(text.prefix(Self.maximumLength)), checked: true, valid: false, keyId: key.keyID,
                          publicKey: key.publicKey.rawRepresentation.base64EncodedString())
        if text.count > Self.maximumLength {
            model.reason = "That is longer than any statement Guild issues."
        } else if let statement = try? JSONDecoder().decode(IncomeStatement.self, from: Data(text.utf8)) {
            let result = StatementVerifier.verify(statement, with: key.publicKey)
            model.valid = result.valid
            model.reason = result.reason
            if result.valid {
                let zone = SpokenDate.timeZone(statement.timeZone), now = req.application.clock.now()
                model.memberName = statement.member.name
                model.period = "\(StatementPage.Model.spokenDay(statement.from, zone: zone, now: now)) to \(StatementPage.Model.spokenDay(statement.to, zone: zone, now: now))"
                model.netCents = statement.totals.netCents
            }
        } else {
            model.reason = "That is not an income statement: paste the whole JSON file Guild issued."
        }
        return try await req.render("finances/verify", title: "Verify an income statement", model, form: true)
    }
}
