// `guild levels evaluate`: applies the published level rules to every seller now, as the monthly run does.
import Vapor

struct LevelsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "evaluate") var action: String
    }

    var help: String { "Evaluate every seller's level now by the published rules: guild levels evaluate" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "evaluate" else { throw GuildCommandError("The only levels action is evaluate (got \(signature.action))") }
        let app = context.application
        let s = try await LevelWorkflow.evaluateAll(now: app.clock.now(), on: app.db)
        context.console.print("evaluated \(s.sellers) sellers: promoted \(s.promoted), warned \(s.warned), recovered \(s.recovered), moved down \(s.demoted)")
    }
}
