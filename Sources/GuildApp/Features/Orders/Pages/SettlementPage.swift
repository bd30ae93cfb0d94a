// POST /orders/{id}/settlements (propose, amounts in dollars) and /settlements/{id}/accept|decline|withdraw, from the
// order page, through the same workflow as the API; accepting moves money, so its form carries a random hidden key.
import Vapor
import GuildCore

struct SettlementPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.post("orders", ":orderID", "settlements", use: propose)
        member.post("settlements", ":settlementID", ":answer", use: answer)
    }

    struct ProposeForm: Content { var seller: String?; var buyer: String? }

    func propose(req: Request) async throws -> Response {
        let user = try req.member()
        guard let orderID = req.parameters.get("orderID", as: UUID.self) else { throw APIError.notFound("That order") }
        let form = try req.content.decode(ProposeForm.self)
        let now = req.application.clock.now()
        let typedSeller = form.seller ?? "", typedBuyer = form.buyer ?? ""
        do {
            var problems: [ValidationError] = []
            let seller = Self.dollars(typedSeller, field: "sellerCents", problems: &problems)
            let buyer = Self.dollars(typedBuyer, field: "buyerCents", problems: &problems)
            if !problems.isEmpty { throw ValidationErrors(problems) }
            _ = try await WriteTransaction.run(on: req.db) { tx in
                try await SettlementWorkflow.propose(orderID: orderID, by: user, sellerCents: seller, buyerCents: buyer, now: now, on: tx)
            }
            req.flash("Settlement proposed: \(MoneyFormat.format(cents: seller ?? 0)) to the seller, \(MoneyFormat.format(cents: buyer ?? 0)) back to the buyer. The other side can accept or decline it.")
        } catch let e as ValidationErrors {
            return try await refuse(req, orderID: orderID, problems: e.errors, seller: typedSeller, buyer: typedBuyer)
        } catch let e as ValidationError {
            return try await refuse(req, orderID: orderID, problems: [e], seller: typedSeller, buyer: typedBuyer)
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPageForm.message(for: error))
        }
        return req.redirect(to: "/orders/\(orderID.uuidString)")
    }

    /// A refused proposal: the order page again, with 422, each problem on its field and the amounts as typed.
    private func refuse(_ req: Request, orderID: UUID, problems: [ValidationError], seller: String, buyer: String) async throws -> Response {
        try await OrderPage().render(req, orderID: orderID,
                                     refused: .init(action: "settlements", problems: problems, typed: "", typedSeller: seller, typedBuyer: buyer),
                                     status: .unprocessableEntity)
    }

    /// An amount in dollars, as typed ("60", "60.50", "$1,200"); a problem on `field` otherwise.
    static func dollars(_ typed: String, field: String, problems: inout [ValidationError]) -> Int64? {
        guard !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
            problems.append(.init(field: field, reason: "is required: an amount in dollars like 40.00 (0 for nothing)"))
            return nil
        }
        guard let cents = MoneyFormat.parse(typed) else {
            problems.append(.init(field: field, reason: "must be an amount in dollars like 40.00 (0 for nothing)"))
            return nil
        }
        return cents
    }

    struct AnswerForm: Content { var idem: String? }

    func answer(req: Request) async throws -> Response {
        let user = try req.member()
        guard let id = req.parameters.get("settlementID", as: UUID.self),
              let record = try await SettlementRecord.find(id, on: req.db) else { throw APIError.notFound("That settlement") }
        // Strangers learn nothing: the same 404 as for an order that is not theirs.
        let (order, viewer) = try await OrderQueries.visible(record.orderID, to: user, on: req.db)
        guard viewer != nil else { throw APIError.notFound("That settlement") }
        let orderID = try order.requireID()
        let form = try req.content.decode(AnswerForm.self)
        let app = req.application
        let now = app.clock.now()
        do {
            switch req.parameters.get("answer") {
            case "accept":
                let key = try OrderPageForm.pageKey(form.idem)
                _ = try await Idempotency.run(db: req.db, member: try user.requireID(), key: key, fingerprint: OrderPageForm.fingerprint(req)) { tx in
                    let (accepted, order) = try await SettlementWorkflow.accept(id, by: user, services: OrderServices(app: app), on: tx)
                    return (.ok, SettlementDTO(accepted, order: OrderDTO(order, viewer: order.actor(for: user))))
                }
                req.flash("Settlement accepted: \(MoneyFormat.format(cents: record.sellerCents)) to the seller (before the fee), \(MoneyFormat.format(cents: record.buyerCents)) back to the buyer. The order has ended.")
            case "decline":
                _ = try await WriteTransaction.run(on: req.db) { tx in try await SettlementWorkflow.decline(id, by: user, now: now, on: tx) }
                req.flash("Settlement declined. The order goes on; either of you may propose another.")
            case "withdraw":
                _ = try await WriteTransaction.run(on: req.db) { tx in try await SettlementWorkflow.withdraw(id, by: user, now: now, on: tx) }
                req.flash("Settlement withdrawn.")
            default:
                throw APIError.notFound("That action")
            }
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPageForm.message(for: error))
        }
        return req.redirect(to: "/orders/\(orderID.uuidString)")
    }
}
