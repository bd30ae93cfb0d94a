// `guild backup PATH` and `guild restore PATH`: the operator's copy of the SQLite database and its return.
import Vapor
import GuildCore

struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "path", help: "where to write the copy (must not exist yet)") var path: String
    }

    var help: String { "Copy the live SQLite database to PATH, consistently, while guild serve keeps serving (PostgreSQL: pg_dump)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let bar = DemoProgress(title: "backup", total: 100, console: context.console)
        do {
            let bytes = try await DatabaseBackup.backup(context.application, to: signature.path) { done, total in
                bar.show(Int(done * 100 / max(total, 1)))
            }
            bar.finish()
            context.console.print("Backup written to \(signature.path) (\(bytes / 1024) KiB). Check it any time with: guild restore --check-only \(signature.path)")
        } catch let failure as DatabaseBackup.Failure {
            throw GuildCommandError(failure.description)
        }
    }
}

struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "path", help: "the backup to restore") var path: String
        @Flag(name: "check-only", help: "check the backup (integrity and ledger) without replacing anything") var checkOnly: Bool
    }

    var help: String { "Check a backup (integrity_check, guild ledger verify) and only then replace the SQLite database with it; stop guild serve first" }

    func run(using context: CommandContext, signature: Signature) async throws {
        do {
            if signature.checkOnly {
                let check = try await DatabaseBackup.check(context.application, file: signature.path)
                for line in check.lines { context.console.print(line) }
                guard check.ok else { throw GuildCommandError("\(signature.path) fails its checks") }
                return
            }
            let (check, kept) = try await DatabaseBackup.restore(context.application, from: signature.path)
            for line in check.lines { context.console.print(line) }
            guard check.ok else { throw GuildCommandError("\(signature.path) fails its checks: nothing was replaced") }
            context.console.print("Restored from \(signature.path)." + (kept.map { " The replaced database is kept as \($0)." } ?? ""))
        } catch let failure as DatabaseBackup.Failure {
            throw GuildCommandError(failure.description)
        }
    }
}
