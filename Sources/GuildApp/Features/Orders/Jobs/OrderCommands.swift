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

    var help: String { "Run the order timers once: guild jobs run (expiry, reminders, auto-accept of deliveries and milestones, dispute defaults)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "run" else { throw GuildCommandError("The only jobs action is run (got \(signature.action))") }
        let s = try await OrderTimers.runDue(app: context.application)
        context.console.print("expired \(s.expired), reminded \(s.reminded), auto-accepted \(s.autoAccepted), disputes decided \(s.disputesDecided), "
                              + "milestones reminded \(s.milestonesReminded), milestones auto-accepted \(s.milestonesAutoAccepted), skipped \(s.failed)")
    }
}

/// Runs the timers every few seconds inside `guild serve`.
final class OrderTimerLoop: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?
    let intervalSeconds: Int

    init(intervalSeconds: Int) { self.intervalSeconds = intervalSeconds }

    func didBootAsync(_ app: Application) async throws {
        let interval = UInt64(intervalSeconds)
        task = Task { [app] in
            while !Task.isCancelled {
                do { _ = try await OrderTimers.runDue(app: app) } catch { app.logger.error("Order timers failed: \(error)") }
                try? await Task.sleep(nanoseconds: interval * 1_000_000_000)
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        await task?.value
    }
}
