// Issues a member's signed income statement for a period: the released work by month, from the same facts as
// the earnings dashboard.
import Vapor
import Fluent
import GuildCore

enum IncomeStatements {
    static func issue(for member: User, from: String?, to: String?, app: Application, on db: any Database) async throws -> IncomeStatement {
        let zone = SpokenDate.timeZone(member.timezone)
        let now = app.clock.now()
        let period = try StatementPeriod.parse(from: from, to: to, zone: zone, now: now)
        let facts = try await EarningsQueries.facts(of: member.requireID(), on: db)
        let (months, totals) = IncomeStatement.figures(facts.releases, period: period, zone: zone)
        let key = try await app.statementKey()
        let statement = IncomeStatement(
            id: UUID(), issuer: app.guild.publicBaseURL, member: .init(id: try member.requireID(), name: member.displayName),
            from: period.fromDay, to: period.toDay, timeZone: zone.identifier, issuedAt: StatementPeriod.stamp(now),
            months: months, totals: totals, keyId: key.keyID)
        return try key.sign(statement)
    }
}
