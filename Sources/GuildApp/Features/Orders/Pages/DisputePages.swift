// Disputes in pages: the dispute on the order page, the other side's answer form, the arbiter's split form,
// and the arbiters' list of open disputes.
import Vapor
import Fluent
import GuildCore

struct DisputePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("disputes", use: list)
        member.post("disputes", ":disputeID", "answer", use: answer)
        member.post("disputes", ":disputeID", "resolution", use: resolve)
    }

    struct DisputeView: Encodable {
        var id: String
        var state: String
        var openedBy: String
        var reason: String
        var openedAt: Date
        var answerBy: Date
        var answer: String?
        var answeredAt: Date?
        var decideBy: Date?
        var sellerCents: Int64?
        var buyerCents: Int64?
        var outcomeReason: String?
        /// The respondent, before the answer deadline.
        var canAnswer: Bool
        /// An arbiter who is not a party, while the dispute is open.
        var canResolve: Bool
        /// What the arbiter divides: the money still in escrow for this order.
        var escrowedCents: Int64
        var isMilestoneOrder: Bool
        var idem: String
    }

    static func views(for order: OrderRecord, viewer: OrderActor?, user: User, now: Date, on db: any Database) async throws -> [DisputeView] {
        let records = try await DisputeRecord.query(on: db).filter(\.$orderID == order.requireID()).sort(\.$openedAt).all()
        guard !records.isEmpty else { return [] }
        let escrowed = try await DisputeWorkflow.escrowedCents(of: order, on: db)
        return records.map { d in
            let dto = DisputeDTO(d)
            let open = d.state == DisputeState.open.rawValue
            return DisputeView(id: dto.id.uuidString, state: d.state, openedBy: d.openedBy, reason: d.reason, openedAt: d.openedAt,
                               answerBy: dto.answerBy, answer: d.answer, answeredAt: d.answeredAt, decideBy: dto.decideBy,
                               sellerCents: d.sellerCents, buyerCents: d.buyerCents, outcomeReason: d.outcomeReason,
                               canAnswer: open && viewer.map { side in (try? DisputeRules.requireCanAnswer(d.facts(on: order, escrowedCents: escrowed), actor: side, now: now)) != nil } ?? false,
                               canResolve: open && viewer == nil && user.has(.arbiter),
                               escrowedCents: open ? escrowed : 0, isMilestoneOrder: order.orderKind == .custom, idem: OrderPages.newKey())
        }
    }

    // MARK: the arbiters' list

    struct OpenDispute: Encodable {
        var orderId: String; var orderTitle: String; var kind: String; var openedBy: String; var openedAt: Date
        var answerBy: Date; var answered: Bool; var decideBy: Date?
    }
    struct ListView: Encodable { var disputes: [OpenDispute] }

    /// Arbiters only; anyone else gets a 404, so the page does not advertise itself.
    func list(req: Request) async throws -> Response {
        let user = try req.member()
        guard user.has(.arbiter) else { throw APIError.notFound("That page") }
        let open = try await DisputeRecord.query(on: req.db).filter(\.$state == DisputeState.open.rawValue).sort(\.$openedAt).limit(200).all()
        let orders = try await OrderRecord.query(on: req.db).filter(\.$id ~~ open.map(\.orderID)).all()
        let byID = Dictionary(uniqueKeysWithValues: orders.compactMap { o in o.id.map { ($0, o) } })
        let rows = open.compactMap { d -> OpenDispute? in
            guard let o = byID[d.orderID] else { return nil }
            let dto = DisputeDTO(d)
            return OpenDispute(orderId: d.orderID.uuidString, orderTitle: o.title, kind: o.kind, openedBy: d.openedBy, openedAt: d.openedAt,
                               answerBy: dto.answerBy, answered: d.answeredAt != nil, decideBy: dto.decideBy)
        }
        return try await req.render("orders/disputes", title: "Open disputes", ListView(disputes: rows))
    }

    // MARK: forms

    struct AnswerForm: Content { var message: String? }

    func answer(req: Request) async throws -> Response {
        let user = try req.member()
        guard let id = req.parameters.get("disputeID", as: UUID.self), let dispute = try await DisputeRecord.find(id, on: req.db) else {
            throw APIError.notFound("That dispute")
        }
        // Strangers learn nothing: the same 404 as for an order that is not theirs.
        _ = try await OrderQueries.visible(dispute.orderID, to: user, on: req.db)
        let form = try req.content.decode(AnswerForm.self)
        let now = req.application.clock.now()
        do {
            let text = try DisputeWorkflow.validAnswer(form.message)
            _ = try await WriteTransaction.run(on: req.db) { tx in
                try await DisputeWorkflow.answer(id, by: user, text: text, now: now, on: tx)
            }
            req.flash("Your answer is recorded. An arbiter decides within 7 days.")
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPages.message(for: error))
        }
        return req.redirect(to: "/orders/\(dispute.orderID.uuidString)")
    }

    struct ResolutionForm: Content { var seller: String?; var buyer: String?; var idem: String? }

    func resolve(req: Request) async throws -> Response {
        let user = try req.member()
        guard let id = req.parameters.get("disputeID", as: UUID.self), let dispute = try await DisputeRecord.find(id, on: req.db) else {
            throw APIError.notFound("That dispute")
        }
        guard user.has(.arbiter) else { throw APIError.notFound("That dispute") }
        let form = try req.content.decode(ResolutionForm.self)
        let app = req.application
        do {
            guard let seller = MoneyFormat.parse(form.seller ?? "") else {
                throw ValidationError(field: "sellerCents", reason: "must be an amount in dollars like 40.00 (0 for nothing)")
            }
            guard let buyer = MoneyFormat.parse(form.buyer ?? "") else {
                throw ValidationError(field: "buyerCents", reason: "must be an amount in dollars like 40.00 (0 for nothing)")
            }
            let key = try OrderPages.pageKey(form.idem)
            let fingerprint = RequestFingerprint.of(method: "POST", path: req.url.path, body: Data("\(seller)/\(buyer)".utf8))
            _ = try await Idempotency.run(db: req.db, member: try user.requireID(), key: key, fingerprint: fingerprint) { tx in
                let (resolved, order) = try await DisputeWorkflow.resolve(id, by: user, sellerCents: seller, buyerCents: buyer,
                                                                         services: OrderServices(app: app), on: tx)
                return (.ok, DisputeDTO(resolved, order: OrderDTO(order, viewer: nil)))
            }
            req.flash("Resolved: \(MoneyFormat.format(cents: seller)) to the seller (before the fee), \(MoneyFormat.format(cents: buyer)) back to the buyer.")
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(OrderPages.message(for: error))
        }
        return req.redirect(to: "/orders/\(dispute.orderID.uuidString)")
    }
}
