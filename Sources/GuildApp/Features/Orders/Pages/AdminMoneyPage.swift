// /admin/money: under the manual provider, the admin confirms buyers' bank transfers and records payouts as sent or
// failed. The buttons run the same workflow as POST /api/v1/admin/deposits/{id}/confirm and /admin/payouts/{id}/….
import Vapor
import GuildCore

struct AdminMoneyPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("admin", "money", use: show)
        member.post("admin", "money", "deposits", ":depositID", "confirm", use: confirmDeposit)
        member.post("admin", "money", "payouts", ":payoutID", ":outcome", use: settlePayout)
    }

    /// Admins only; for anyone else the page does not exist (404), as for another member's order.
    private func requireAdmin(_ req: Request) throws -> User {
        let user = try req.member()
        guard user.has(.admin) else { throw APIError.notFound("That page") }
        return user
    }

    func show(req: Request) async throws -> Response {
        _ = try requireAdmin(req)
        let waiting = try await OrderPageQueries.moneyToConfirm(on: req.db)
        return try await req.render("orders/admin-money", title: "Money to confirm",
                                    Model(waiting, provider: req.application.paymentProvider.name), form: true)
    }

    func confirmDeposit(req: Request) async throws -> Response {
        let admin = try requireAdmin(req)
        let id = req.parameters.get("depositID", as: UUID.self)
        let services = OrderServices(app: req.application)
        let adminID = try admin.requireID()
        do {
            let result = try await WriteTransaction.run(on: req.db) { tx in
                try await DepositWorkflow.confirm(id, admin: adminID, services: services, on: tx)
            }
            req.flash("Transfer confirmed: \"\(result.order.title)\" is funded.")
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPageForm.message(for: error))
        }
        return req.redirect(to: "/admin/money")
    }

    func settlePayout(req: Request) async throws -> Response {
        _ = try requireAdmin(req)
        let id = req.parameters.get("payoutID", as: UUID.self)
        let outcome = req.parameters.get("outcome") ?? ""
        guard outcome == "sent" || outcome == "failed" else { throw APIError.notFound("That action") }
        let services = OrderServices(app: req.application)
        do {
            let record = try await WriteTransaction.run(on: req.db) { tx in
                try await PayoutWorkflow.settle(id, sent: outcome == "sent", services: services, on: tx)
            }
            let amount = MoneyFormat.format(cents: record.amountCents)
            req.flash(outcome == "sent" ? "Payout of \(amount) marked sent."
                                        : "Payout of \(amount) marked failed; the money is back in the member's balance.")
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPageForm.message(for: error))
        }
        return req.redirect(to: "/admin/money")
    }
}
