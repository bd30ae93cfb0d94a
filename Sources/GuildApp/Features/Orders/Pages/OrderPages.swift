// Checkout, the order page for buyer and seller, my orders, my balance with payouts, and the fee and dispute policies.
import Vapor
import Fluent
import GuildCore

struct OrderPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("policies", "fees", use: feesPolicy)
        routes.get("policies", "disputes", use: disputesPolicy)
        let member = routes.grouped(RequireMemberPage())
        member.get("gigs", ":gigID", "order", use: checkout)
        member.post("gigs", ":gigID", "order", use: placeOrder)
        member.get("orders", use: list)
        member.get("orders", ":orderID", use: show)
        member.post("orders", ":orderID", ":action", use: act)
        member.get("me", "balance", use: balance)
        member.post("me", "payouts", use: payout)
    }

    // MARK: policies

    struct PolicyView: Encodable { var heading: String; var paragraphs: [String]; var extra: [String] }

    func feesPolicy(req: Request) async throws -> Response {
        let settings = req.guild.payments
        return try await req.render("orders/policy", title: "Fees",
                                    PolicyView(heading: "Fees", paragraphs: settings.feePolicy.plainLanguage
                                                + settings.clearing.plainLanguage(minimumPayoutCents: settings.payoutMinimumCents), extra: []))
    }

    func disputesPolicy(req: Request) async throws -> Response {
        try await req.render("orders/policy", title: "Disputes",
                             PolicyView(heading: "Disputes", paragraphs: DisputeRules.plainLanguage + MilestoneDispute.plainLanguage + MilestoneTimers.plainLanguage,
                                        extra: OrderProcess.plainLanguage))
    }

    // MARK: checkout

    struct CheckoutView: Encodable {
        var gigID: String; var gigTitle: String; var package: String; var deliveryDays: Int; var revisions: Int
        var priceCents: Int64; var feeCents: Int64; var netCents: Int64; var feePercent: String; var includes: [String]
        var packages: [String]
    }

    func checkout(req: Request) async throws -> Response {
        let user = try req.member()
        guard let gig = try await Gig.find(req.parameters.get("gigID", as: UUID.self), on: req.db), gig.gigStatus == .published else {
            throw APIError.notFound("That gig")
        }
        let wanted = (try? req.query.get(String.self, at: "package")) ?? gig.packages.first?.name ?? ""
        guard let package = gig.packages.first(where: { $0.name.caseInsensitiveCompare(wanted) == .orderedSame }) ?? gig.packages.first else {
            throw APIError.notFound("That package")
        }
        if gig.$seller.id == user.id { req.flash("This is your own gig: you cannot order it.") }
        let policy = req.guild.payments.feePolicy
        let quote = try policy.quote(priceCents: package.priceCents)
        let view = CheckoutView(gigID: try gig.requireID().uuidString, gigTitle: gig.title, package: package.name,
                                deliveryDays: package.deliveryDays, revisions: package.revisions, priceCents: quote.priceCents,
                                feeCents: quote.feeCents, netCents: quote.netCents, feePercent: policy.percentText,
                                includes: package.includes, packages: gig.packages.map(\.name))
        return try await req.render("orders/checkout", title: "Order: \(gig.title)", view, form: true)
    }

    struct PlaceForm: Content { var package: String }

    func placeOrder(req: Request) async throws -> Response {
        let user = try req.member()
        let gigID = req.parameters.get("gigID", as: UUID.self)
        let form = try req.content.decode(PlaceForm.self)
        do {
            let order = try await OrderPlacement.place(gigID: gigID, packageName: form.package, buyer: user,
                                                       services: OrderServices(app: req.application), on: req.db)
            req.flash("Your order is placed. Pay into escrow to start the work.")
            return req.redirect(to: "/orders/\(order.id!.uuidString)")
        } catch {
            req.flash(Self.message(for: error))
            return req.redirect(to: "/gigs/\(gigID?.uuidString ?? "")/order?package=\(form.package.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")")
        }
    }

    // MARK: order pages

    struct ActionView: Encodable { var action: String; var label: String; var secondary: Bool; var field: String?; var fieldLabel: String? }
    struct OrderView: Encodable {
        var order: OrderDTO
        var role: String
        var actions: [ActionView]
        var idem: String
        var history: [OrderEventDTO]
        var deliveries: [DeliveryDTO]
        var provider: String
        /// Custom orders: each milestone with the steps the viewer may take on it.
        var isCustom: Bool
        var milestones: [MilestonePages.Row]
        /// Bank transfers the buyer announced that an admin has not confirmed yet (manual provider).
        var deposits: [DepositDTO]
        var disputes: [DisputePages.DisputeView]
    }

    func show(req: Request) async throws -> Response {
        let user = try req.member()
        let (order, viewer) = try await OrderQueries.visible(req.parameters.get("orderID", as: UUID.self), to: user, on: req.db)
        let dto = try await OrderQueries.detail(order, viewer: viewer, on: req.db)
        // The DTO's allowed events already leave out what a milestone order takes through its milestones.
        let allowed = Set(dto.allowedEvents)
        let events = (viewer.map { OrderProcess.allowedEvents(from: order.orderState, actor: $0) } ?? []).filter { allowed.contains($0.rawValue) }
        let deposits = viewer == .buyer
            ? try await DepositRecord.query(on: req.db).filter(\.$orderID == order.requireID()).filter(\.$state == DepositState.pending.rawValue).sort(\.$createdAt).all().map(DepositDTO.init)
            : []
        // While the buyer's bank transfer for the whole order is on its way, paying again is not offered.
        let transferPending = deposits.contains { $0.milestone == nil }
        let actions = events.filter { !(transferPending && $0 == .fund) }.compactMap { Self.action(for: $0, order: order, viewer: viewer) }
        let milestones = MilestonePages.rows(dto, viewer: viewer, pendingDeposits: deposits)
        let disputes = try await DisputePages.views(for: order, viewer: viewer, user: user, now: req.application.clock.now(), on: req.db)
        let view = OrderView(order: dto, role: viewer?.rawValue ?? "arbiter", actions: actions, idem: Self.newKey(),
                             history: dto.history ?? [], deliveries: dto.deliveries ?? [], provider: req.application.paymentProvider.name,
                             isCustom: order.orderKind == .custom, milestones: milestones, deposits: deposits, disputes: disputes)
        return try await req.render("orders/show", title: "Order: \(order.title)", view, form: true)
    }

    /// The button for each event the viewer may take: the process decides which appear.
    static func action(for event: OrderEvent, order: OrderRecord, viewer: OrderActor?) -> ActionView? {
        switch event {
        case .fund: return ActionView(action: "fund", label: "Pay into escrow", secondary: false)
        case .deliver: return ActionView(action: "deliver", label: "Deliver", secondary: false, field: "message", fieldLabel: "What you are delivering (and links, one per line)")
        case .accept: return ActionView(action: "accept", label: "Accept and release payment", secondary: false)
        case .requestRevision:
            guard order.revisionsUsed < order.revisionsAllowed else { return nil }
            return ActionView(action: "revision", label: "Request a revision", secondary: true, field: "message", fieldLabel: "What should change")
        case .proposeCancellation:
            guard order.cancellationProposedBy == nil else { return nil }
            return ActionView(action: "cancel", label: order.orderState == .awaitingPayment ? "Withdraw the order" : "Propose to cancel", secondary: true)
        case .acceptCancellation:
            guard let by = order.cancellationProposedBy, by != viewer?.rawValue else { return nil }
            return ActionView(action: "cancel-accept", label: "Agree to cancel (full refund to the buyer)", secondary: true)
        case .cancelBySeller:
            return ActionView(action: "decline", label: order.orderState == .awaitingPayment ? "Decline the order" : "Cancel and refund (counts against you)", secondary: true)
        case .openDispute: return ActionView(action: "dispute", label: "Open a dispute", secondary: true, field: "reason", fieldLabel: "What went wrong")
        default: return nil
        }
    }

    struct ActForm: Content { var idem: String?; var message: String?; var reason: String? }

    func act(req: Request) async throws -> Response {
        let user = try req.member()
        guard let orderID = req.parameters.get("orderID", as: UUID.self) else { throw APIError.notFound("That order") }
        let actionName = req.parameters.get("action") ?? ""
        let form = try req.content.decode(ActForm.self)
        let back = req.redirect(to: "/orders/\(orderID.uuidString)")
        let events: [String: OrderEvent] = ["fund": .fund, "deliver": .deliver, "accept": .accept, "revision": .requestRevision,
                                            "cancel": .proposeCancellation, "cancel-accept": .acceptCancellation,
                                            "decline": .cancelBySeller, "dispute": .openDispute]
        guard let event = events[actionName] else { throw APIError.notFound("That action") }
        let app = req.application
        let memberID = try user.requireID()
        do {
            var input = OrderStepInput()
            let text = (form.message ?? form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if event == .deliver {
                let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                input.links = Array(lines.filter { $0.hasPrefix("https://") || $0.hasPrefix("http://") }.prefix(10))
                input.message = lines.filter { !($0.hasPrefix("https://") || $0.hasPrefix("http://")) }.joined(separator: "\n")
                guard !text.isEmpty else { throw ValidationError(field: "message", reason: "is required: say what you delivered") }
                if input.message.isEmpty { input.message = "Delivered" }
            } else if event == .openDispute {
                guard !text.isEmpty else { throw ValidationError(field: "reason", reason: "is required: say what went wrong") }
                input.reason = String(text.prefix(5_000))
            } else {
                input.message = String(text.prefix(2_000))
            }
            let input2 = input
            let moves = [OrderEvent.fund, .accept, .acceptCancellation, .cancelBySeller].contains(event)
            if event == .fund && !app.paymentProvider.fundsInstantly {
                let key = try Self.pageKey(form.idem)
                _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: Self.fingerprint(req)) { tx in
                    (.accepted, DepositDTO(try await DepositWorkflow.announce(orderID: orderID, buyer: user, services: OrderServices(app: app), on: tx)))
                }
                req.flash(Self.transferFlash)
            } else if moves {
                // The hidden random key makes a double-submitted form move money once.
                let key = try Self.pageKey(form.idem)
                _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: Self.fingerprint(req)) { tx in
                    let r = try await OrderWorkflow.perform(event, orderID: orderID, by: .member(user), input: input2,
                                                            services: OrderServices(app: app), on: tx)
                    return (.ok, OrderDTO(r.order, viewer: r.order.actor(for: user)))
                }
                req.flash(Self.done(event))
            } else {
                let services = OrderServices(app: app)
                _ = try await WriteTransaction.run(on: req.db) { tx in
                    try await OrderWorkflow.perform(event, orderID: orderID, by: .member(user), input: input2, services: services, on: tx)
                }
                req.flash(Self.done(event))
            }
        } catch let e as APIError where e.status == .notFound {
            throw e
        } catch {
            req.flash(Self.message(for: error))
        }
        return back
    }

    static let transferFlash = "Thank you. Send the bank transfer shown below, quoting its reference; the work starts when an administrator confirms it arrived."

    static func done(_ event: OrderEvent) -> String {
        switch event {
        case .fund: "Paid into escrow. The seller can start."
        case .deliver: "Delivered. The buyer has 3 days to answer."
        case .accept: "Accepted. The seller has been paid."
        case .requestRevision: "Revision requested."
        case .proposeCancellation: "Done. If the order was paid, the other side must agree before it is cancelled."
        case .acceptCancellation: "Cancelled. The buyer has been refunded in full."
        case .cancelBySeller: "Cancelled."
        case .openDispute: "Dispute opened. The other side has 72 hours to answer."
        default: "Done."
        }
    }

    static func message(for error: any Error) -> String {
        switch error {
        case let e as ConflictError: return "That did not work: \(e.message)."
        case let e as ValidationError: return "\(e.field) \(e.reason)."
        case let e as ValidationErrors: return e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: "; ") + "."
        case let e as APIError: return e.message
        default: return "Something went wrong on our side; nothing was changed."
        }
    }

    static func newKey() -> String {
        [UInt8].random(count: 16).map { String(format: "%02x", $0) }.joined()
    }

    static func pageKey(_ raw: String?) throws -> String {
        guard let raw, raw.count == 32, raw.allSatisfy(\.isHexDigit) else {
            throw APIError.badRequest("This form has expired. Reload the page and try again.")
        }
        return "page:" + raw
    }

    static func fingerprint(_ req: Request) -> String {
        RequestFingerprint.of(method: "POST", path: req.url.path, body: Data())
    }

    struct ListView: Encodable { var orders: [OrderDTO]; var memberID: String; var notifications: [NotificationsAPIController.NotificationDTO] }

    func list(req: Request) async throws -> Response {
        let user = try req.member()
        let orders = try await OrderQueries.mine(try user.requireID(), on: req.db)
        let notifications = try await NotificationsAPIController.recent(for: user.requireID(), limit: 10, on: req.db)
        return try await req.render("orders/list", title: "My orders",
                                    ListView(orders: try await OrderQueries.list(orders, for: user, on: req.db), memberID: try user.requireID().uuidString,
                                             notifications: notifications))
    }

    // MARK: balance and payouts

    struct BalanceView: Encodable {
        var balance: BalanceDTO
        var entries: [LedgerLineDTO]
        var idem: String
        var chart: EarningsChart.Chart
    }

    func balance(req: Request) async throws -> Response {
        let memberID = try req.memberID()
        let balance = try await BalanceQueries.balance(of: memberID, settings: req.guild.payments, now: req.application.clock.now(), on: req.db)
        let page = try await BalanceQueries.ledger(of: memberID, limit: 50, cursor: nil, on: req.db)
        let chart = try await EarningsChart.monthly(memberID: memberID, now: req.application.clock.now(), on: req.db)
        return try await req.render("orders/balance", title: "My balance",
                                    BalanceView(balance: balance, entries: page.entries, idem: Self.newKey(), chart: chart), form: true)
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
            let key = try Self.pageKey(form.idem)
            let fingerprint = RequestFingerprint.of(method: "POST", path: req.url.path, body: Data(String(cents).utf8))
            _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: fingerprint) { tx in
                (.created, PayoutDTO(try await PayoutWorkflow.request(member: memberID, amountCents: cents, services: OrderServices(app: app), on: tx)))
            }
            req.flash("Payout of \(MoneyFormat.format(cents: cents)) requested.")
        } catch {
            req.flash(Self.message(for: error))
        }
        return req.redirect(to: "/me/balance")
    }
}
