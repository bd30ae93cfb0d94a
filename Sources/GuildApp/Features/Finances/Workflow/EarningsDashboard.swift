// The member's earnings as the API and the page show them.
import Vapor
import Fluent
import GuildCore

enum EarningsDashboard {
    static func load(for member: User, app: Application, on db: any Database) async throws -> (EarningsSummary, EarningsDTO) {
        let id = try member.requireID()
        let facts = try await EarningsQueries.facts(of: id, on: db)
        let summary = EarningsSummary.summarize(facts, now: app.clock.now(), zone: SpokenDate.timeZone(member.timezone))
        let available = try await LedgerStore.balance(of: .member(id), on: db)
        return (summary, EarningsDTO(summary, availableCents: available, minimumWageCents: app.guild.finances.minimum))
    }
}
