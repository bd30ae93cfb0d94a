// The guild executable: make the application, configure it, run the command given (serve, demo, ledger…).
import Vapor
import Logging
import NIOCore
import NIOPosix
import GuildApp

@main
enum Entrypoint {
    static func main() async throws {
        _ = NIOCore.NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            try await configure(app)
            try await app.execute()
            // Stop taking requests before anything else stops: Vapor shuts its lifecycle handlers down (Fluent's
            // databases among them) before the HTTP server, and a request arriving in between would find no database.
            // Waits for the requests in flight (nothing is done when this command did not serve).
            await app.server.shutdown()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
