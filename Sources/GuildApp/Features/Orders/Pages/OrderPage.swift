// GET /orders/{id} for the buyer, the seller and arbiters, and POST /orders/{id}/{action} for its order-level steps.
// The buttons are the steps OrderProcess.availableEvents allows; the text limits are OrderTextRules', as for the API.
import Vapor
import GuildCore

struct OrderPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("orders", ":orderID", use: show)
        member.post("orders", ":orderID", ":action", use: act)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, orderID: req.parameters.get("orderID", as: UUID.self))
    }

    /// The page, with the problem of a refused step and the text the member typed when there is one.
    func render(_ req: Request, orderID: UUID?, refused: Model.Refusal? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.member()
        let (order, viewer) = try await OrderQueries.visible(orderID, to: user, on: req.db)
        let dto = try await OrderQueries.detail(order, viewer: viewer, on: req.db)
        let deposits = viewer == .buyer ? try await OrderPageQueries.pendingDeposits(orderID: order.requireID(), on: req.db) : []
        let disputes = try await OrderPageQueries.disputes(of: order, on: req.db)
        let settlement = try await OrderPageQueries.settlement(of: order, on: req.db)
        var model = Model(order: order, dto: dto, viewer: viewer, user: user, deposits: deposits.map(DepositDTO.init),
                          disputes: disputes.records, escrowedCents: disputes.escrowedCents,
                          openSettlement: settlement.open, settlementEscrowCents: settlement.escrowedCents,
                          provider: req.application.paymentProvider.name, now: req.application.clock.now(), refused: refused)
        // The seller is warned before starting work that pays less than the operator's minimum hourly wage.
        if viewer == .seller, [.awaitingPayment, .inProgress].contains(order.orderState), let hours = order.estimatedHours, hours > 0,
           let minimum = req.guild.finances.minimum {
            let rate = HourlyRate(netCents: order.quote.netCents, hours: hours)
            if rate.isBelow(minimumCentsPerHour: minimum) { model.minimumWageWarning = MinimumWageWarning.text(rate: rate, minimumCentsPerHour: minimum) }
        }
        model.chat = try await ChatPanel.forOrder(order, viewer: viewer, user: user, on: req)
        return try await req.render("orders/show", title: "Order: \(order.title)", model, form: true, status: status)
    }

    /// The page's action names, as in its URLs.
    static let actions: [String: OrderEvent] = [
        "fund": .fund, "deliver": .deliver, "accept": .accept, "revision": .requestRevision,
        "cancel": .proposeCancellation, "cancel-accept": .acceptCancellation, "decline": .cancelBySeller, "dispute": .openDispute,
    ]

    struct ActForm: Content { var idem: String?; var message: String?; var reason: String? }

    func act(req: Request) async throws -> Response {
        let user = try req.member()
        guard let orderID = req.parameters.get("orderID", as: UUID.self) else { throw APIError.notFound("That order") }
        let actionName = req.parameters.get("action") ?? ""
        guard let event = Self.actions[actionName] else { throw APIError.notFound("That action") }
        let form = try req.content.decode(ActForm.self)
        let app = req.application
        let memberID = try user.requireID()
        let typed = form.message ?? form.reason ?? ""
        do {
            let input = try Self.input(for: event, form: form)
            if event == .fund && !app.paymentProvider.fundsInstantly {
                let key = try OrderPageForm.pageKey(form.idem)
                _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: OrderPageForm.fingerprint(req)) { tx in
                    (.accepted, DepositDTO(try await DepositWorkflow.announce(orderID: orderID, buyer: user, services: OrderServices(app: app), on: tx)))
                }
                req.flash(OrderPageForm.transferFlash)
            } else if [OrderEvent.fund, .accept, .acceptCancellation, .cancelBySeller].contains(event) {
                // The hidden random key makes a double-submitted form move money once.
                let key = try OrderPageForm.pageKey(form.idem)
                _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: OrderPageForm.fingerprint(req)) { tx in
                    let r = try await OrderWorkflow.perform(event, orderID: orderID, by: .member(user), input: input,
                                                            services: OrderServices(app: app), on: tx)
                    return (.ok, OrderDTO(r.order, viewer: r.order.actor(for: user)))
                }
                req.flash(Model.done(event))
            } else {
                let services = OrderServices(app: app)
                _ = try await WriteTransaction.run(on: req.db) { tx in
                    try await OrderWorkflow.perform(event, orderID: orderID, by: .member(user), input: input, services: services, on: tx)
                }
                req.flash(Model.done(event))
            }
        } catch let e as ValidationErrors {
            return try await render(req, orderID: orderID, refused: .init(action: actionName, problems: e.errors, typed: typed),
                                    status: .unprocessableEntity)
        } catch let e as ValidationError {
            return try await render(req, orderID: orderID, refused: .init(action: actionName, problems: [e], typed: typed),
                                    status: .unprocessableEntity)
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPageForm.message(for: error))
        }
        return req.redirect(to: "/orders/\(orderID.uuidString)")
    }

    /// The step's text, checked by the same rules as the API's: too long is refused, never cut short.
    static func input(for event: OrderEvent, form: ActForm) throws -> OrderStepInput {
        var input = OrderStepInput()
        switch event {
        case .deliver:
            let delivery = try OrderTextRules.validateDeliveryText(form.message ?? "")
            input.message = delivery.message
            input.links = delivery.links
        case .openDispute:
            input.reason = try OrderTextRules.validateDisputeReason(form.reason)
        case .proposeCancellation:
            input.reason = try OrderTextRules.validateNote(form.reason ?? form.message, field: "reason")
        default:
            input.message = try OrderTextRules.validateNote(form.message, field: "message")
        }
        return input
    }
}
