// /admin/money: under the manual provider, the admin confirms buyers' bank transfers and records payouts as sent or
// failed. The buttons run the same workflow as POST /api/v1/admin/deposits/{id}/confirm and /admin/payouts/{id}/….
import Vapor
import Fluent
import GuildCore

struct AdminMoneyPages: RouteCollection {
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

    struct DepositRow: Encodable {
        var id: String; var reference: String; var orderId: String; var orderTitle: String; var buyerName: String
        var amountCents: Int64; var milestone: Int?; var createdAt: Date
    }
    struct PayoutRow: Encodable {
        var id: String; var memberName: String; var amountCents: Int64; var provider: String; var requestedAt: Date
    }
    struct View: Encodable { var provider: String; var deposits: [DepositRow]; var payouts: [PayoutRow] }

    func show(req: Request) async throws -> Response {
        _ = try requireAdmin(req)
        let deposits = try await DepositRecord.query(on: req.db).filter(\.$state == DepositState.pending.rawValue).sort(\.$createdAt).limit(200).all()
        let payouts = try await PayoutRecord.query(on: req.db).filter(\.$state == Payout.State.requested.rawValue).sort(\.$requestedAt).limit(200).all()
        let orders = try await OrderRecord.query(on: req.db).filter(\.$id ~~ deposits.map(\.orderID)).all()
        let memberIDs = Set(deposits.map(\.buyerID) + payouts.map(\.memberID))
        let members = try await User.query(on: req.db).filter(\.$id ~~ Array(memberIDs)).all()
        let titles = Dictionary(uniqueKeysWithValues: orders.compactMap { o in o.id.map { ($0, o.title) } })
        let names = Dictionary(uniqueKeysWithValues: members.compactMap { u in u.id.map { ($0, u.displayName) } })
        let view = View(
            provider: req.application.paymentProvider.name,
            deposits: deposits.map { d in
                let dto = DepositDTO(d)
                return DepositRow(id: dto.id.uuidString, reference: dto.reference, orderId: d.orderID.uuidString, orderTitle: titles[d.orderID] ?? "",
                                  buyerName: names[d.buyerID] ?? "", amountCents: d.amountCents, milestone: dto.milestone, createdAt: d.createdAt)
            },
            payouts: payouts.map { p in
                PayoutRow(id: p.id!.uuidString, memberName: names[p.memberID] ?? "", amountCents: p.amountCents, provider: p.provider,
                          requestedAt: p.requestedAt)
            })
        return try await req.render("orders/admin-money", title: "Money to confirm", view, form: true)
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
            req.flash(OrderPages.message(for: error))
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
            req.flash(outcome == "sent"
                      ? "Payout of \(MoneyFormat.format(cents: record.amountCents)) marked sent."
                      : "Payout of \(MoneyFormat.format(cents: record.amountCents)) marked failed; the money is back in the member's balance.")
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPages.message(for: error))
        }
        return req.redirect(to: "/admin/money")
    }
}
