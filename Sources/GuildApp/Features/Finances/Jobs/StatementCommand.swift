// `guild statement verify FILE --public-key KEY`: checks a statement offline, with the instance's public key
// (base64, or the JSON of GET /api/v1/income-statements/public-key, given inline or as a file).
import Vapor
import Crypto
import GuildCore

struct StatementCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify") var action: String
        @Argument(name: "file", help: "the statement's JSON file") var file: String
        @Option(name: "public-key", help: "the instance's public key: base64, or a file holding it or the public-key JSON") var publicKey: String?
    }

    var help: String { "Check an income statement: guild statement verify FILE [--public-key KEY] (exit status 0 only when it is genuine)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw GuildCommandError("The only statement action is verify (got \(signature.action))") }
        guard let data = FileManager.default.contents(atPath: signature.file) else { throw GuildCommandError("Cannot read \(signature.file)") }
        guard let statement = try? JSONDecoder().decode(IncomeStatement.self, from: data) else {
            throw GuildCommandError("\(signature.file) is not an income statement")
        }
        let key: Curve25519.Signing.PublicKey
        if let given = signature.publicKey {
            let text = FileManager.default.contents(atPath: given).map { String(decoding: $0, as: UTF8.self) } ?? given
            key = try StatementVerifier.publicKey(fromText: text)
        } else {
            // Without a key, this instance's own (read from its database).
            key = try await context.application.statementKey().publicKey
        }
        let result = StatementVerifier.verify(statement, with: key)
        if result.valid {
            context.console.print("valid: issued by \(statement.issuer) to \(statement.member.name) for \(statement.from) to \(statement.to), "
                                  + "net \(MoneyFormat.format(cents: statement.totals.netCents))")
        } else {
            throw GuildCommandError("NOT valid: \(result.reason ?? "the signature does not match")")
        }
    }
}
