// POST /me/income-statements: issues a signed statement for the period picked on the earnings page and shows it
// as a printable page, with the signed JSON to download for a lender.
import Vapor
import GuildCore

struct StatementPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).post("me", "income-statements", use: issue)
    }

    struct Form: Content { var from: String?; var to: String? }

    func issue(req: Request) async throws -> Response {
        let member = try req.member()
        let form = try req.content.decode(Form.self)
        do {
            let statement = try await IncomeStatements.issue(for: member, from: form.from, to: form.to, app: req.application, on: req.db)
            return try await req.render("finances/statement", title: "Income statement", Model(statement, app: req.application))
        } catch let errors as ValidationErrors {
            req.flash("Income statement: " + errors.errors.map { "\($0.field) \($0.reason)" }.joined(separator: "; "))
            return req.redirect(to: "/me/earnings#statement")
        }
    }
}

extension StatementPage {
    struct MonthRow: Encodable { var month: String; var grossCents: Int64; var feeCents: Int64; var netCents: Int64; var orders: Int }

    struct Model: Encodable {
        var memberName: String
        var period: String
        var issued: String
        var issuer: String
        var months: [MonthRow]
        var totals: IncomeStatement.Totals
        var keyId: String
        /// The signed JSON as a data: URL, so the download works without a second request or any script.
        var jsonHref: String
        var json: String

        init(_ s: IncomeStatement, app: Application) {
            let zone = SpokenDate.timeZone(s.timeZone)
            let now = app.clock.now()
            memberName = s.member.name
            period = "\(Self.spokenDay(s.from, zone: zone, now: now)) to \(Self.spokenDay(s.to, zone: zone, now: now))"
            issued = ISO8601DateFormatter().date(from: s.issuedAt).map { SpokenDate.moment($0, now: now, in: zone) } ?? s.issuedAt
            issuer = s.issuer
            months = s.months.map { MonthRow(month: $0.month.spoken, grossCents: $0.grossCents, feeCents: $0.feeCents, netCents: $0.netCents, orders: $0.orders) }
            totals = s.totals
            keyId = s.keyId
            let data = s.json()
            jsonHref = "data:application/json;base64," + data.base64EncodedString()
            json = String(decoding: data, as: UTF8.self)
        }

        /// "2026-03-01" → "Sunday 1 March 2026": statements are read long after they are issued, so the year stays.
        static func spokenDay(_ day: String, zone: TimeZone, now: Date) -> String {
            let parts = day.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let date = EarningsMonth.calendar(zone).date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return day }
            return spokenDay(date, zone: zone)
        }

        /// A moment's day with its year, in `zone`: "Friday 4 December 2026".
        static func spokenDay(_ date: Date, zone: TimeZone) -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_GB")
            f.timeZone = zone
            f.dateFormat = "EEEE d MMMM yyyy"
            return f.string(from: date)
        }
    }
}
