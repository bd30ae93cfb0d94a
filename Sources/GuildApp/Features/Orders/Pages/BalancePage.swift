// GET /me/balance (what the member has, the ledger and a chart of net earnings) and POST /me/payouts.
import Vapor
import GuildCore

struct BalancePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("me", "balance", use: show)
        member.post("me", "payouts", use: payout)
    }

    func show(req: Request) async throws -> Response {
        let memberID = try req.memberID()
        let now = req.application.clock.now()
        let balance = try await BalanceQueries.balance(of: memberID, settings: req.guild.payments, now: now, on: req.db)
        let page = try await BalanceQueries.ledger(of: memberID, limit: 50, cursor: nil, on: req.db)
        let chart = try await EarningsChart.monthly(memberID: memberID, now: now, on: req.db)
        return try await req.render("orders/balance", title: "My balance",
                                    Model(balance: balance, entries: page.entries, idem: OrderPageForm.newKey(), chart: chart), form: true)
    }

    struct PayoutForm: Content { var amount: String; var idem: String? }

    func payout(req: Request) async throws -> Response {
        let memberID = try req.memberID()
        let form = try req.content.decode(PayoutForm.self)
        let app = req.application
        do {
            guard let cents = MoneyFormat.parse(form.amount) else {
                throw ValidationError(field: "amount", reason: "must be an amount like 45.50")
            }
            let key = try OrderPageForm.pageKey(form.idem)
            _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: OrderPageForm.fingerprint(req, body: String(cents))) { tx in
                (.created, PayoutDTO(try await PayoutWorkflow.request(member: memberID, amountCents: cents, services: OrderServices(app: app), on: tx)))
            }
            req.flash("Payout of \(MoneyFormat.format(cents: cents)) requested.")
        } catch {
            req.flash(OrderPageForm.message(for: error))
        }
        return req.redirect(to: "/me/balance")
    }
}
