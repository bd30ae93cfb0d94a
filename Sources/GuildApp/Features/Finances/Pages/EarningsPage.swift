// GET /me/earnings: the member's earnings dashboard (chart, escrow, forecast, gaps, hourly rate) and the form that
// issues an income statement.
import Vapor
import GuildCore

struct EarningsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).get("me", "earnings", use: show)
    }

    func show(req: Request) async throws -> Response {
        let member = try req.member()
        let (summary, dto) = try await EarningsDashboard.load(for: member, app: req.application, on: req.db)
        let model = Model(summary: summary, dto: dto, zone: SpokenDate.timeZone(member.timezone), now: req.application.clock.now(),
                          minimumWageCents: req.guild.finances.minimum)
        return try await req.render("finances/earnings", title: "My earnings", model, form: true)
    }
}
