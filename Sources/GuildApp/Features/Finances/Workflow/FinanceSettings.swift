// The finances area's settings, read once into `GuildConfig.finances`.
import Vapor
import GuildCore

public struct FinanceSettings: Sendable, Equatable {
    /// The operator's minimum hourly wage, net of fees, in cents; 0 means none is set and nothing is compared.
    public var minimumHourlyWageCents: Int64 = 0

    public init(minimumHourlyWageCents: Int64 = 0) { self.minimumHourlyWageCents = minimumHourlyWageCents }

    /// The minimum when one is set.
    var minimum: Int64? { minimumHourlyWageCents > 0 ? minimumHourlyWageCents : nil }

    static let maximumWageCents: Int64 = 100_000

    static func fromEnvironment(problems: inout [String]) -> FinanceSettings {
        var settings = FinanceSettings()
        if let raw = Environment.get("MINIMUM_HOURLY_WAGE_CENTS"), !raw.isEmpty {
            if let v = Int64(raw), (0...maximumWageCents).contains(v) { settings.minimumHourlyWageCents = v }
            else { problems.append("MINIMUM_HOURLY_WAGE_CENTS must be a whole number of cents from 0 (none) to \(maximumWageCents)") }
        }
        return settings
    }
}
