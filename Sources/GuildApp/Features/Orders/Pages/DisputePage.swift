// POST /disputes/{id}/answer (the other side's answer) and /disputes/{id}/resolution (an arbiter's division of the
// escrow), both from the order page, with the API's rules and, for the money, its idempotency.
import Vapor
import GuildCore

struct DisputePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.post("disputes", ":disputeID", "answer", use: answer)
        member.post("disputes", ":disputeID", "resolution", use: resolve)
    }

    struct AnswerForm: Content { var message: String? }

    func answer(req: Request) async throws -> Response {
        let user = try req.member()
        let dispute = try await OrderPageQueries.dispute(req.parameters.get("disputeID", as: UUID.self), on: req.db)
        // Strangers learn nothing: the same 404 as for an order that is not theirs.
        _ = try await OrderQueries.visible(dispute.orderID, to: user, on: req.db)
        let form = try req.content.decode(AnswerForm.self)
        let now = req.application.clock.now()
        let id = try dispute.requireID()
        do {
            let text = try OrderTextRules.validateDisputeAnswer(form.message)
            _ = try await WriteTransaction.run(on: req.db) { tx in
                try await DisputeWorkflow.answer(id, by: user, text: text, now: now, on: tx)
            }
            req.flash("Your answer is recorded. An arbiter decides within \(DisputeRules.arbiterWindowText).")
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPageForm.message(for: error))
        }
        return req.redirect(to: "/orders/\(dispute.orderID.uuidString)")
    }

    struct ResolutionForm: Content { var seller: String?; var buyer: String?; var idem: String? }

    func resolve(req: Request) async throws -> Response {
        let user = try req.member()
        let dispute = try await OrderPageQueries.dispute(req.parameters.get("disputeID", as: UUID.self), on: req.db)
        guard user.has(.arbiter) else { throw APIError.notFound("That dispute") }
        let form = try req.content.decode(ResolutionForm.self)
        let app = req.application
        let id = try dispute.requireID()
        do {
            guard let seller = MoneyFormat.parse(form.seller ?? "") else {
                throw ValidationError(field: "sellerCents", reason: "must be an amount in dollars like 40.00 (0 for nothing)")
            }
            guard let buyer = MoneyFormat.parse(form.buyer ?? "") else {
                throw ValidationError(field: "buyerCents", reason: "must be an amount in dollars like 40.00 (0 for nothing)")
            }
            let key = try OrderPageForm.pageKey(form.idem)
            _ = try await Idempotency.run(db: req.db, member: try user.requireID(), key: key,
                                          fingerprint: OrderPageForm.fingerprint(req, body: "\(seller)/\(buyer)")) { tx in
                let (resolved, order) = try await DisputeWorkflow.resolve(id, by: user, sellerCents: seller, buyerCents: buyer,
                                                                         services: OrderServices(app: app), on: tx)
                return (.ok, DisputeDTO(resolved, order: OrderDTO(order, viewer: nil)))
            }
            req.flash("Resolved: \(MoneyFormat.format(cents: seller)) to the seller (before the fee), \(MoneyFormat.format(cents: buyer)) back to the buyer.")
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPageForm.message(for: error))
        }
        return req.redirect(to: "/orders/\(dispute.orderID.uuidString)")
    }
}
