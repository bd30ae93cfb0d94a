// /api/v1/orders, /disputes, /me/balance, /me/ledger, /payouts and the admin's deposits and payouts, over JSON.
import Vapor
import Fluent
import GuildCore

struct OrdersAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberAPI())
        member.post("orders", use: create)
        member.get("orders", use: list)
        member.get("orders", ":orderID", use: show)
        member.post("orders", ":orderID", "fund", use: fund)
        member.post("orders", ":orderID", "deliver", use: deliver)
        member.post("orders", ":orderID", "accept", use: accept)
        member.post("orders", ":orderID", "revisions", use: requestRevision)
        member.post("orders", ":orderID", "cancellation", use: proposeCancellation)
        member.post("orders", ":orderID", "cancellation", "accept", use: acceptCancellation)
        member.post("orders", ":orderID", "cancellation", "decline", use: cancelBySeller)
        member.post("orders", ":orderID", "disputes", use: openDispute)
        member.post("orders", ":orderID", "milestones", ":index", ":action", use: milestoneStep)
        member.get("disputes", ":disputeID", use: showDispute)
        member.post("disputes", ":disputeID", "answer", use: answerDispute)
        member.post("disputes", ":disputeID", "resolution", use: resolveDispute)
        member.post("orders", ":orderID", "settlements", use: proposeSettlement)
        member.get("orders", ":orderID", "settlements", use: listSettlements)
        member.post("settlements", ":settlementID", "accept", use: acceptSettlement)
        member.post("settlements", ":settlementID", "decline", use: declineSettlement)
        member.post("settlements", ":settlementID", "withdraw", use: withdrawSettlement)
        member.get("me", "balance", use: balance)
        member.get("me", "ledger", use: ledger)
        member.post("payouts", use: payout)
        member.get("payouts", use: listPayouts)
        member.get("admin", "deposits", use: listDeposits)
        member.post("admin", "deposits", ":depositID", "confirm", use: confirmDeposit)
        member.post("admin", "payouts", ":payoutID", "sent", use: markPayoutSent)
        member.post("admin", "payouts", ":payoutID", "failed", use: markPayoutFailed)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.member()
        let body = try req.content.decode(CreateOrderRequest.self)
        if body.gigId == nil && (body.sellerId != nil || body.milestones != nil) {
            let custom = CreateCustomOrderRequest(sellerId: body.sellerId, title: body.title, milestones: body.milestones)
            let order = try await MilestoneWorkflow.place(custom, buyer: user, services: OrderServices(app: req.application), on: req.db)
            return try await OrderQueries.detail(order, viewer: .buyer, on: req.db).encodeResponse(status: .created, for: req)
        }
        let order = try await OrderPlacement.place(gigID: body.gigId, packageName: body.package, buyer: user,
                                                   services: OrderServices(app: req.application), on: req.db)
        return try await OrderDTO(order, viewer: .buyer).encodeResponse(status: .created, for: req)
    }

    func list(req: Request) async throws -> OrderListDTO {
        let user = try req.member()
        let orders = try await OrderQueries.mine(try user.requireID(), on: req.db)
        return OrderListDTO(orders: try await OrderQueries.list(orders, for: user, on: req.db))
    }

    func show(req: Request) async throws -> OrderDTO {
        let user = try req.member()
        let (order, viewer) = try await OrderQueries.visible(req.parameters.get("orderID", as: UUID.self), to: user, on: req.db)
        return try await OrderQueries.detail(order, viewer: viewer, on: req.db)
    }

    // MARK: steps

    /// A step that moves money: Idempotency-Key required, answer stored with the movement.
    private func moneyStep(_ req: Request, _ event: OrderEvent, input: OrderStepInput = .init()) async throws -> Response {
        let user = try req.member()
        let orderID = try requireOrderID(req)
        let app = req.application
        // A package order's step is illegal once its first attempt committed: the key may be looked up before the
        // write turn (`Idempotency.Lookup`).
        return try await Idempotency.run(req, member: try user.requireID(), lookup: .beforeTransaction) { tx in
            let result = try await OrderWorkflow.perform(event, orderID: orderID, by: .member(user), input: input,
                                                         services: OrderServices(app: app), on: tx)
            return (.ok, OrderDTO(result.order, viewer: result.order.actor(for: user)))
        }
    }

    /// A step that moves no money.
    private func plainStep(_ req: Request, _ event: OrderEvent, input: OrderStepInput = .init(), status: HTTPStatus = .ok) async throws -> OrderStepResult {
        let user = try req.member()
        let orderID = try requireOrderID(req)
        let services = OrderServices(app: req.application)
        return try await WriteTransaction.run(on: req.db) { tx in
            try await OrderWorkflow.perform(event, orderID: orderID, by: .member(user), input: input, services: services, on: tx)
        }
    }

    private func requireOrderID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("orderID", as: UUID.self) else { throw APIError.notFound("That order") }
        return id
    }

    func fund(req: Request) async throws -> Response {
        let app = req.application
        guard !app.paymentProvider.fundsInstantly else { return try await moneyStep(req, .fund) }
        // Manual provider: the buyer is told how to pay; the order is funded when an admin confirms the transfer.
        let user = try req.member()
        let orderID = try requireOrderID(req)
        return try await Idempotency.run(req, member: try user.requireID()) { tx in
            let deposit = try await DepositWorkflow.announce(orderID: orderID, buyer: user, services: OrderServices(app: app), on: tx)
            return (.accepted, DepositDTO(deposit))
        }
    }

    /// POST /orders/{id}/milestones/{n}/fund|deliver|accept (n counts from 1). Fund and accept move money: Idempotency-Key.
    func milestoneStep(req: Request) async throws -> Response {
        let user = try req.member()
        let orderID = try requireOrderID(req)
        guard let n = req.parameters.get("index", as: Int.self), n >= 1, n <= MilestoneRules.countRange.upperBound,
              let action = req.parameters.get("action").flatMap(MilestoneStep.init(rawValue:)) else {
            throw APIError.notFound("That milestone step")
        }
        let app = req.application
        let message = try OrderTextRules.validateMilestoneMessage((try? req.content.decode(NoteRequest.self))?.message)
        let run: @Sendable (any Database) async throws -> OrderDTO = { tx in
            let order = try await MilestoneWorkflow.step(action, orderID: orderID, index: n - 1, by: .member(user),
                                                         message: message, services: OrderServices(app: app), on: tx)
            return try await OrderQueries.detail(order, viewer: order.actor(for: user), on: tx)
        }
        if action == .deliver {
            return try await WriteTransaction.run(on: req.db, run).encodeResponse(for: req)
        }
        if action == .fund && !app.paymentProvider.fundsInstantly {
            // Manual provider: as for a package order, the buyer is told how to pay and an admin confirms the transfer.
            return try await Idempotency.run(req, member: try user.requireID()) { tx in
                (.accepted, DepositDTO(try await DepositWorkflow.announceMilestone(orderID: orderID, index: n - 1, buyer: user,
                                                                                   services: OrderServices(app: app), on: tx)))
            }
        }
        return try await Idempotency.run(req, member: try user.requireID()) { tx in (.ok, try await run(tx)) }
    }

    func deliver(req: Request) async throws -> OrderDTO {
        let body = try req.content.decode(DeliverRequest.self)
        let (message, links) = try OrderTextRules.validateDelivery(message: body.message, links: body.links ?? [])
        let user = try req.member()
        let result = try await plainStep(req, .deliver, input: .init(message: message, links: links))
        return OrderDTO(result.order, viewer: result.order.actor(for: user))
    }

    func accept(req: Request) async throws -> Response { try await moneyStep(req, .accept) }

    func requestRevision(req: Request) async throws -> OrderDTO {
        let note = try? req.content.decode(NoteRequest.self)
        let message = try OrderTextRules.validateNote(note?.message, field: "message")
        let user = try req.member()
        let result = try await plainStep(req, .requestRevision, input: .init(message: message))
        return OrderDTO(result.order, viewer: result.order.actor(for: user))
    }

    /// Proposing moves no money, except that a buyer withdrawing an unpaid order cancels it at once (still no money).
    func proposeCancellation(req: Request) async throws -> OrderDTO {
        let note = try? req.content.decode(NoteRequest.self)
        let user = try req.member()
        let result = try await plainStep(req, .proposeCancellation, input: .init(reason: try OrderTextRules.validateNote(note?.reason, field: "reason")))
        return OrderDTO(result.order, viewer: result.order.actor(for: user))
    }

    func acceptCancellation(req: Request) async throws -> Response { try await moneyStep(req, .acceptCancellation) }

    /// The seller declines (before payment) or cancels alone (after payment: a full refund that counts against them).
    func cancelBySeller(req: Request) async throws -> Response { try await moneyStep(req, .cancelBySeller) }

    func openDispute(req: Request) async throws -> Response {
        let note = try? req.content.decode(NoteRequest.self)
        let reason = try OrderTextRules.validateDisputeReason(note?.reason)
        let user = try req.member()
        let result = try await plainStep(req, .openDispute, input: .init(reason: reason))
        guard let dispute = result.dispute else { throw APIError.notFound("That dispute") }
        return try await DisputeDTO(dispute, order: OrderDTO(result.order, viewer: result.order.actor(for: user)))
            .encodeResponse(status: .created, for: req)
    }

    func showDispute(req: Request) async throws -> DisputeDTO {
        let user = try req.member()
        guard let id = req.parameters.get("disputeID", as: UUID.self), let dispute = try await DisputeRecord.find(id, on: req.db) else {
            throw APIError.notFound("That dispute")
        }
        let (order, viewer) = try await OrderQueries.visible(dispute.orderID, to: user, on: req.db)
        return DisputeDTO(dispute, order: OrderDTO(order, viewer: viewer))
    }

    /// The other side answers within 72 hours; from then an arbiter has 7 days.
    func answerDispute(req: Request) async throws -> DisputeDTO {
        let user = try req.member()
        let text = try OrderTextRules.validateDisputeAnswer((try? req.content.decode(NoteRequest.self))?.message)
        guard let id = req.parameters.get("disputeID", as: UUID.self) else { throw APIError.notFound("That dispute") }
        let now = req.application.clock.now()
        return try await WriteTransaction.run(on: req.db) { tx in
            let (dispute, order, side) = try await DisputeWorkflow.answer(id, by: user, text: text, now: now, on: tx)
            return DisputeDTO(dispute, order: OrderDTO(order, viewer: side))
        }
    }

    func resolveDispute(req: Request) async throws -> Response {
        let user = try req.member()
        guard user.has(.arbiter) else { throw APIError.forbidden("Only an arbiter can resolve a dispute") }
        let body = try req.content.decode(ResolutionRequest.self)
        guard let id = req.parameters.get("disputeID", as: UUID.self), let dispute = try await DisputeRecord.find(id, on: req.db) else {
            throw APIError.notFound("That dispute")
        }
        let app = req.application
        let disputeID = try dispute.requireID()
        return try await Idempotency.run(req, member: try user.requireID()) { tx in
            let (resolved, order) = try await DisputeWorkflow.resolve(disputeID, by: user, sellerCents: body.sellerCents, buyerCents: body.buyerCents,
                                                                      services: OrderServices(app: app), on: tx)
            return (.ok, DisputeDTO(resolved, order: OrderDTO(order, viewer: nil)))
        }
    }

    // MARK: settlements

    /// A proposal moves no money; accepting it does, so only `accept` takes an Idempotency-Key.
    func proposeSettlement(req: Request) async throws -> Response {
        let user = try req.member()
        let orderID = try requireOrderID(req)
        let body = try req.content.decode(SettlementRequest.self)
        let now = req.application.clock.now()
        let (record, order) = try await WriteTransaction.run(on: req.db) { tx in
            try await SettlementWorkflow.propose(orderID: orderID, by: user, sellerCents: body.sellerCents, buyerCents: body.buyerCents,
                                                 now: now, on: tx)
        }
        return try await SettlementDTO(record, order: OrderDTO(order, viewer: order.actor(for: user))).encodeResponse(status: .created, for: req)
    }

    func listSettlements(req: Request) async throws -> SettlementListDTO {
        let user = try req.member()
        let (order, _) = try await OrderQueries.visible(req.parameters.get("orderID", as: UUID.self), to: user, on: req.db)
        return SettlementListDTO(settlements: try await SettlementWorkflow.list(orderID: order.requireID(), on: req.db).map { SettlementDTO($0) })
    }

    func acceptSettlement(req: Request) async throws -> Response {
        let user = try req.member()
        let id = req.parameters.get("settlementID", as: UUID.self)
        let app = req.application
        return try await Idempotency.run(req, member: try user.requireID()) { tx in
            let (record, order) = try await SettlementWorkflow.accept(id, by: user, services: OrderServices(app: app), on: tx)
            return (.ok, SettlementDTO(record, order: OrderDTO(order, viewer: order.actor(for: user))))
        }
    }

    func declineSettlement(req: Request) async throws -> SettlementDTO {
        let user = try req.member()
        let id = req.parameters.get("settlementID", as: UUID.self)
        let now = req.application.clock.now()
        let (record, order) = try await WriteTransaction.run(on: req.db) { tx in try await SettlementWorkflow.decline(id, by: user, now: now, on: tx) }
        return SettlementDTO(record, order: OrderDTO(order, viewer: order.actor(for: user)))
    }

    func withdrawSettlement(req: Request) async throws -> SettlementDTO {
        let user = try req.member()
        let id = req.parameters.get("settlementID", as: UUID.self)
        let now = req.application.clock.now()
        let (record, order) = try await WriteTransaction.run(on: req.db) { tx in try await SettlementWorkflow.withdraw(id, by: user, now: now, on: tx) }
        return SettlementDTO(record, order: OrderDTO(order, viewer: order.actor(for: user)))
    }

    // MARK: balance, ledger, payouts

    func balance(req: Request) async throws -> BalanceDTO {
        try await BalanceQueries.balance(of: try req.memberID(), settings: req.guild.payments, now: req.application.clock.now(), on: req.db)
    }

    func ledger(req: Request) async throws -> LedgerPageDTO {
        let limit = try req.query.get(Int?.self, at: "limit") ?? 50
        guard (1...BalanceQueries.maximumPageSize).contains(limit) else {
            throw ValidationError(field: "limit", reason: "must be from 1 to \(BalanceQueries.maximumPageSize)")
        }
        var cursor: Int64?
        if let raw = try? req.query.get(String.self, at: "cursor") {
            guard let c = Int64(raw), c > 0 else { throw APIError.badRequest("The cursor is not one this API gave out", code: "malformed_cursor") }
            cursor = c
        }
        return try await BalanceQueries.ledger(of: try req.memberID(), limit: limit, cursor: cursor, on: req.db)
    }

    func payout(req: Request) async throws -> Response {
        let memberID = try req.memberID()
        let body = try req.content.decode(PayoutRequest.self)
        let app = req.application
        return try await Idempotency.run(req, member: memberID) { tx in
            let record = try await PayoutWorkflow.request(member: memberID, amountCents: body.amountCents,
                                                          services: OrderServices(app: app), on: tx)
            return (.created, PayoutDTO(record))
        }
    }

    func listPayouts(req: Request) async throws -> [PayoutDTO] {
        try await PayoutRecord.query(on: req.db).filter(\.$memberID == (try req.memberID()))
            .sort(\.$requestedAt, .descending).limit(100).all().map(PayoutDTO.init)
    }

    // MARK: admin (manual provider)

    private func requireAdmin(_ req: Request) throws -> User {
        let user = try req.member()
        guard user.has(.admin) else { throw APIError.forbidden("Only an administrator can do this") }
        return user
    }

    func listDeposits(req: Request) async throws -> [DepositDTO] {
        _ = try requireAdmin(req)
        return try await DepositRecord.query(on: req.db).filter(\.$state == DepositState.pending.rawValue).sort(\.$createdAt).limit(200).all().map(DepositDTO.init)
    }

    func confirmDeposit(req: Request) async throws -> OrderDTO {
        let admin = try requireAdmin(req)
        let id = req.parameters.get("depositID", as: UUID.self)
        let services = OrderServices(app: req.application)
        let adminID = try admin.requireID()
        let result = try await WriteTransaction.run(on: req.db) { tx in
            try await DepositWorkflow.confirm(id, admin: adminID, services: services, on: tx)
        }
        return OrderDTO(result.order, viewer: nil)
    }

    func markPayoutSent(req: Request) async throws -> PayoutDTO { try await settlePayout(req, sent: true) }
    func markPayoutFailed(req: Request) async throws -> PayoutDTO { try await settlePayout(req, sent: false) }

    private func settlePayout(_ req: Request, sent: Bool) async throws -> PayoutDTO {
        _ = try requireAdmin(req)
        let id = req.parameters.get("payoutID", as: UUID.self)
        let services = OrderServices(app: req.application)
        return PayoutDTO(try await WriteTransaction.run(on: req.db) { tx in
            try await PayoutWorkflow.settle(id, sent: sent, services: services, on: tx)
        })
    }
}
