// `guild ledger verify` and `guild jobs run`: the operator's checks on the money and a manual pass of the timers.
import Vapor
import Fluent
import GuildCore

struct LedgerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify") var action: String
    }

    var help: String { "Check every money invariant: guild ledger verify (exit status 0 only when all hold)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw GuildCommandError("The only ledger action is verify (got \(signature.action))") }
        let (lines, ok) = try await LedgerVerification.run(on: context.application.db)
        for line in lines { context.console.print(line) }
        guard ok else { throw GuildCommandError("The ledger breaks at least one invariant (see above)") }
    }
}

/// The verification as text, so that the command and the tests read the same result.
enum LedgerVerification {
    static func run(on db: any Database) async throws -> (lines: [String], ok: Bool) {
        let snapshot = try await LedgerStore.snapshot(on: db)
        let checks = LedgerInvariants.checks(snapshot: snapshot)
        var lines = ["Ledger: \(snapshot.transfers.count) transfers, \(snapshot.balances.count) accounts, \(snapshot.holds.count) holds"]
        for check in checks {
            lines.append("\(check.passed ? "pass" : "FAIL")  \(check.name): \(check.description)")
            for v in check.violations.prefix(50) { lines.append("      \(v.message)") }
            if check.violations.count > 50 { lines.append("      … and \(check.violations.count - 50) more") }
        }
        let ok = checks.allSatisfy(\.passed)
        lines.append(ok ? "All \(checks.count) invariants hold." : "\(checks.filter { !$0.passed }.count) of \(checks.count) invariants are broken.")
        return (lines, ok)
    }
}

struct JobsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "run") var action: String
    }

    var help: String { "Run every timer once: guild jobs run (order expiry, reminders, auto-accept, dispute defaults, review reveals, flag deadlines)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "run" else { throw GuildCommandError("The only jobs action is run (got \(signature.action))") }
        let done = await Features.runTimers(context.application)
        context.console.print(done.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    }
}
