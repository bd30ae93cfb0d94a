// Guild's settings, read once from the environment into one typed value.
import Vapor

public struct GuildConfig: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        /// The embedded default: one SQLite file.
        case sqlite(path: String)
        /// PostgreSQL for production and several instances; `searchPath` lets tests use a schema each.
        case postgres(url: String, searchPath: String?, connectionsPerEventLoop: Int = 4)
    }

    public var database: DatabaseChoice
    /// Bcrypt's work factor. 12 in production; tests may lower it (the hashing is still real Bcrypt).
    public var bcryptCost: Int
    /// The instance's public address, used in links that leave the site (profile links in drafts, .ics files).
    public var publicBaseURL: String
    /// Run migrations automatically at start.
    public var autoMigrate: Bool
    /// Orders: the payment provider ("sandbox" or "manual"), the platform fee and the smallest payout.
    public var payments: PaymentSettings
    /// Finances: the minimum hourly wage sellers' rates are compared with.
    public var finances: FinanceSettings
    /// Whether gig pages are kept per instance (`GigPageCache`); `GUILD_PAGE_CACHE=off` reads every page view afresh,
    /// which is how the benchmarks measure the page itself.
    public var pageCache: Bool

    public init(database: DatabaseChoice, bcryptCost: Int = 12, publicBaseURL: String = "http://127.0.0.1:8080", autoMigrate: Bool = true,
                payments: PaymentSettings = PaymentSettings(), finances: FinanceSettings = FinanceSettings(), pageCache: Bool = true) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.publicBaseURL = publicBaseURL
        self.autoMigrate = autoMigrate
        self.payments = payments
        self.finances = finances
        self.pageCache = pageCache
    }

    /// Reads `DATABASE_URL`, `SQLITE_PATH`, `BCRYPT_COST`, `PUBLIC_BASE_URL`, `GUILD_PAGE_CACHE` (on or off), and the payment settings
    /// (`PAYMENT_PROVIDER`, `PLATFORM_FEE_BPS`, `PAYOUT_MINIMUM_CENTS`, `ORDER_JOBS_INTERVAL_SECONDS`).
    public static func fromEnvironment() throws -> GuildConfig {
        var problems: [String] = []
        let database: DatabaseChoice
        if let url = Environment.get("DATABASE_URL"), !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw GuildConfigError(problems: ["DATABASE_URL must start with postgres:// (got \(url.prefix(12))…)"])
            }
            database = .postgres(url: url, searchPath: nil)
        } else {
            database = .sqlite(path: Environment.get("SQLITE_PATH").flatMap { $0.isEmpty ? nil : $0 } ?? "guild.sqlite")
        }
        var cost = 12
        if let raw = Environment.get("BCRYPT_COST") {
            if let c = Int(raw), (4...31).contains(c) { cost = c } else { problems.append("BCRYPT_COST must be a whole number from 4 to 31") }
        }
        var pageCache = true
        if let raw = Environment.get("GUILD_PAGE_CACHE"), !raw.isEmpty {
            switch raw.lowercased() {
            case "on": pageCache = true
            case "off": pageCache = false
            default: problems.append("GUILD_PAGE_CACHE must be on or off (got \(raw.prefix(12)))")
            }
        }
        let payments = PaymentSettings.fromEnvironment(problems: &problems)
        let finances = FinanceSettings.fromEnvironment(problems: &problems)
        if !problems.isEmpty { throw GuildConfigError(problems: problems) }
        return GuildConfig(database: database, bcryptCost: cost,
                           publicBaseURL: Environment.get("PUBLIC_BASE_URL") ?? "http://127.0.0.1:8080",
                           payments: payments, finances: finances, pageCache: pageCache)
    }
}

public struct GuildConfigError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "Guild's configuration has problems:\n" + problems.map { "- \($0)" }.joined(separator: "\n") }
}

extension Application {
    private struct GuildConfigKey: StorageKey { typealias Value = GuildConfig }
    public var guild: GuildConfig {
        get { guard let c = storage[GuildConfigKey.self] else { fatalError("configure(_:) has not run") }; return c }
        set { storage[GuildConfigKey.self] = newValue }
    }
}

extension Request {
    public var guild: GuildConfig { application.guild }
}
