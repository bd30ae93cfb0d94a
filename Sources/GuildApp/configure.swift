// The one composition root: the server, the tests and every command are built here.
import Vapor
import Fluent
import Leaf
import LeafKit
import GuildCore

/// Configures Guild from the environment.
public func configure(_ app: Application) async throws {
    try await configure(app, with: GuildConfig.fromEnvironment())
}

/// Configures Guild with explicit settings (the tests' way in).
public func configure(_ app: Application, with config: GuildConfig) async throws {
    app.guild = config
    app.clock = GuildClock()

    // Blocking work (SQLite statements, Bcrypt) runs on this pool; more threads than cores so that a
    // writer waiting on SQLite's lock never starves a password check.
    app.threadPool = NIOThreadPool(numberOfThreads: max(8, System.coreCount * 4))

    try DatabaseSetup.use(config.database, on: app)
    app.passwords.use(.bcrypt(cost: config.bcryptCost))

    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "guild_session"
    app.sessions.configuration.cookieFactory = { sessionID in
        HTTPCookies.Value(string: sessionID.string, expires: Date(timeIntervalSinceNow: 60 * 60 * 24 * 30), maxAge: nil,
                          domain: nil, path: "/", isSecure: config.publicBaseURL.hasPrefix("https://"),
                          isHTTPOnly: true, sameSite: .lax)
    }

    for migration in Migrations.all { app.migrations.add(migration) }

    app.directory.viewsDirectory = Resources.views
    app.directory.publicDirectory = Resources.publicFiles
    app.views.use(.leaf)
    // The templates live inside the build folder (.build/…), which Leaf's default limits refuse as "hidden".
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
                                                  sandboxDirectory: Resources.views, viewDirectory: Resources.views))
    app.leaf.cache.isEnabled = app.environment.isRelease
    LeafTags.register(on: app)

    app.middleware = .init()
    app.middleware.use(MetricsMiddleware(metrics: app.metrics))
    app.middleware.use(RouteLoggingMiddleware(logLevel: app.environment == .production ? .debug : .info))
    app.middleware.use(GuildErrorMiddleware())
    // Static files are listed once at start; any other path goes on without a file-system look-up.
    app.middleware.use(StaticFilesMiddleware(publicDirectory: Resources.publicFiles))

    app.routes.defaultMaxBodySize = "1mb"
    // `--hostname`/`--port` on `guild serve` win over these. HOSTNAME itself is not read: shells and
    // containers set it to the machine's name, which would expose the server beyond loopback.
    if let port = Environment.get("PORT").flatMap(Int.init) { app.http.server.configuration.port = port }
    if let host = Environment.get("GUILD_HOSTNAME"), !host.isEmpty { app.http.server.configuration.hostname = host }
    try routes(app)

    app.asyncCommands.use(AdminCommand(), as: "admin")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(SearchBenchCommand(), as: "search-bench")
    for feature in Features.all { try feature.boot(app) }

    try await DatabaseSetup.prepareSQLite(app)
    if config.autoMigrate {
        try await app.autoMigrate()
    }
}

/// Where the bundled templates and static files are.
enum Resources {
    static var root: String {
        Bundle.module.bundleURL.appendingPathComponent("Resources").path + "/"
    }
    static var views: String { root + "Views/" }
    static var publicFiles: String { root + "Public/" }
}

/// Serves the bundled static files (`Resources/Public`). The files are listed when the app starts, so a request for
/// anything else (every API call and page) costs a set look-up instead of a file-system `stat`.
struct StaticFilesMiddleware: Middleware {
    let files: Set<String>
    let serve: FileMiddleware

    init(publicDirectory: String) {
        var found = Set<String>()
        let root = URL(fileURLWithPath: publicDirectory)
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                let relative = url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count)
                found.insert(relative.hasPrefix("/") ? String(relative) : "/" + relative)
            }
        }
        files = found
        serve = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
    }

    /// Future-based: any other path passes straight on, without a task of its own.
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.method == .GET || request.method == .HEAD, files.contains(request.url.path) else {
            return next.respond(to: request)
        }
        return serve.respond(to: request, chainingTo: next)
    }
}
