// POST /orders/{id}/milestones/{n}/fund|deliver|accept: a milestone's steps from the order page, with the same
// workflow, text rules and idempotency as the API.
import Vapor
import GuildCore

struct MilestoneStepPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).post("orders", ":orderID", "milestones", ":n", ":action", use: step)
    }

    struct StepForm: Content { var idem: String?; var message: String? }

    func step(req: Request) async throws -> Response {
        let user = try req.member()
        guard let orderID = req.parameters.get("orderID", as: UUID.self),
              let n = req.parameters.get("n", as: Int.self), n >= 1, n <= MilestoneRules.countRange.upperBound,
              let action = req.parameters.get("action").flatMap(MilestoneStep.init(rawValue:)) else {
            throw APIError.notFound("That milestone step")
        }
        let form = try req.content.decode(StepForm.self)
        let app = req.application
        let memberID = try user.requireID()
        do {
            switch action {
            case .deliver:
                let message = try OrderTextRules.validateMilestoneMessage(form.message)
                let services = OrderServices(app: app)
                _ = try await WriteTransaction.run(on: req.db) { tx in
                    try await MilestoneWorkflow.step(.deliver, orderID: orderID, index: n - 1, by: .member(user), message: message,
                                                     services: services, on: tx)
                }
                let delay = SpokenDuration.of(seconds: MilestoneTimers.autoAccept.afterSeconds)
                req.flash("Milestone \(n) delivered. The buyer can now accept it; without an answer it is accepted automatically in \(delay).")
            case .fund where !app.paymentProvider.fundsInstantly:
                let key = try OrderPageForm.pageKey(form.idem)
                _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: OrderPageForm.fingerprint(req)) { tx in
                    (.accepted, DepositDTO(try await DepositWorkflow.announceMilestone(orderID: orderID, index: n - 1, buyer: user,
                                                                                       services: OrderServices(app: app), on: tx)))
                }
                req.flash(OrderPageForm.transferFlash)
            case .fund, .accept:
                // The hidden random key makes a double-submitted form move money once, as for the API's Idempotency-Key.
                let key = try OrderPageForm.pageKey(form.idem)
                _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: OrderPageForm.fingerprint(req)) { tx in
                    let order = try await MilestoneWorkflow.step(action, orderID: orderID, index: n - 1, by: .member(user),
                                                                 services: OrderServices(app: app), on: tx)
                    return (.ok, OrderDTO(order, viewer: order.actor(for: user)))
                }
                req.flash(action == .fund ? "Milestone \(n) is paid into escrow. The seller can start it."
                                          : "Milestone \(n) accepted. The seller has been paid for it.")
            }
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPageForm.message(for: error))
        }
        return req.redirect(to: "/orders/\(orderID.uuidString)")
    }
}
