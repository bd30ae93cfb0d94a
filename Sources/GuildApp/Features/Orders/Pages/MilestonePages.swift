// Milestone orders in pages: the form that proposes a custom order to a seller, and the fund / deliver / accept
// buttons of each milestone on the order page (the same workflow and idempotency as the API).
import Vapor
import Fluent
import GuildCore

struct MilestonePages: RouteCollection {
    /// Milestone rows on the proposal form; the API takes up to `MilestoneRules.countRange.upperBound`.
    static let formRows = 5

    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("orders", "custom", "new", use: proposal)
        member.post("orders", "custom", use: propose)
        member.post("orders", ":orderID", "milestones", ":n", ":action", use: step)
    }

    // MARK: the proposal form

    struct FormRow: Encodable {
        var index: Int
        var number: Int
        var title: String
        var amount: String
        var due: String
        /// Keyed by the API's field names: title, amountCents, dueDate.
        @EmptyAsNull var errors: [String: String] = [:]
    }

    struct FormView: Encodable {
        var sellerId: String
        var sellerName: String
        var title: String
        var rows: [FormRow]
        var feePercent: String
        var hasErrors: Bool
        /// Keyed by the API's field names: title, sellerId, milestones.
        @EmptyAsNull var errors: [String: String] = [:]
        var maxRows: Int
        var today: String
    }

    static let dayFormat: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f
    }()

    /// A due date typed as yyyy-MM-dd means the end of that day (UTC).
    static func parseDue(_ raw: String) -> Date? {
        guard raw.count == 10, let day = dayFormat.date(from: raw) else { return nil }
        return day.addingTimeInterval(86_399)
    }

    private func seller(_ req: Request, _ raw: String?) async throws -> User {
        guard let raw, let id = UUID(uuidString: raw), let user = try await User.find(id, on: req.db) else {
            throw APIError.notFound("That member")
        }
        return user
    }

    func proposal(req: Request) async throws -> Response {
        let user = try req.member()
        let seller = try await seller(req, try? req.query.get(String.self, at: "seller"))
        var errors: [String: String] = [:]
        if seller.id == user.id { errors["sellerId"] = "is you; a member cannot buy from themselves" }
        let rows = (0..<Self.formRows).map { FormRow(index: $0, number: $0 + 1, title: "", amount: "", due: "") }
        return try await render(req, seller: seller, title: "", rows: rows, errors: errors)
    }

    private func render(_ req: Request, seller: User, title: String, rows: [FormRow], errors: [String: String],
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let view = FormView(sellerId: try seller.requireID().uuidString, sellerName: seller.displayName, title: title, rows: rows,
                            feePercent: req.guild.payments.feePolicy.percentText,
                            hasErrors: !errors.isEmpty || rows.contains { !$0.errors.isEmpty }, errors: errors,
                            maxRows: Self.formRows, today: Self.dayFormat.string(from: req.application.clock.now()))
        return try await req.render("orders/custom-new", title: "Propose a custom order to \(seller.displayName)", view, form: true, status: status)
    }

    func propose(req: Request) async throws -> Response {
        let user = try req.member()
        let form = try req.content.decode([String: String].self)
        let seller = try await seller(req, form["sellerId"])
        let title = (form["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var rows: [FormRow] = []
        // The filled rows, with the form row each came from, so the API's milestones[i] errors land on the right row.
        var used: [(row: Int, input: MilestoneInput)] = []
        var parseFailed = false
        for i in 0..<Self.formRows {
            let t = (form["m\(i)title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let a = (form["m\(i)amount"] ?? "").trimmingCharacters(in: .whitespaces)
            let d = (form["m\(i)due"] ?? "").trimmingCharacters(in: .whitespaces)
            var row = FormRow(index: i, number: i + 1, title: t, amount: a, due: d)
            if !(t.isEmpty && a.isEmpty && d.isEmpty) {
                let cents = MoneyFormat.parse(a)
                let due = Self.parseDue(d)
                if cents == nil { row.errors["amountCents"] = "must be an amount in dollars like 450.00"; parseFailed = true }
                if due == nil { row.errors["dueDate"] = "must be a date like \(Self.dayFormat.string(from: req.application.clock.now()))"; parseFailed = true }
                // Stand-ins while a field does not parse, so the other rules still report on the rest.
                used.append((i, MilestoneInput(title: t, amountCents: cents ?? 1, dueDate: due ?? .distantFuture)))
            }
            rows.append(row)
        }
        var errors: [String: String] = [:]
        func absorb(_ list: [ValidationError]) {
            for e in list {
                if e.field.hasPrefix("milestones["), let close = e.field.firstIndex(of: "]"),
                   let n = Int(e.field[e.field.index(e.field.startIndex, offsetBy: 11)..<close]), used.indices.contains(n) {
                    let key = String(e.field[e.field.index(after: close)...].drop(while: { $0 == "." }))
                    if rows[used[n].row].errors[key] == nil { rows[used[n].row].errors[key] = e.reason }
                } else if errors[e.field] == nil {
                    errors[e.field] = e.reason
                }
            }
        }
        let body = CreateCustomOrderRequest(sellerId: try seller.requireID(), title: title, milestones: used.map(\.input))
        if parseFailed {
            // Nothing is placed; collect what else is wrong so the member fixes everything at once.
            do {
                try MilestoneRules.validate(used.map { Milestone(title: $0.input.title, amountCents: $0.input.amountCents, dueDate: $0.input.dueDate) },
                                            maximumTotalCents: MoneyLimits.maximumAmountCents, now: req.application.clock.now())
            } catch { absorb(error.errors) }
            if title.isEmpty || title.count > MilestoneRules.maximumTitleLength {
                errors["title"] = "must be 1 to \(MilestoneRules.maximumTitleLength) characters"
            }
            return try await render(req, seller: seller, title: title, rows: rows, errors: errors, status: .unprocessableEntity)
        }
        do {
            let order = try await MilestoneWorkflow.place(body, buyer: user, services: OrderServices(app: req.application), on: req.db)
            req.flash("Your proposal is placed. The seller can decline it; pay milestone 1 into escrow to start the work.")
            return req.redirect(to: "/orders/\(try order.requireID().uuidString)")
        } catch let e as ValidationErrors {
            absorb(e.errors)
        } catch let e as ValidationError {
            absorb([e])
        }
        return try await render(req, seller: seller, title: title, rows: rows, errors: errors, status: .unprocessableEntity)
    }

    // MARK: milestone rows on the order page

    struct Row: Encodable {
        var number: Int
        var title: String
        var state: String
        var amountCents: Int64
        var feeCents: Int64
        var netCents: Int64
        var dueDate: Date
        var canFund: Bool
        var canDeliver: Bool
        var canAccept: Bool
        /// A bank transfer for this milestone waits for an admin (manual provider).
        var awaitingTransfer: Bool
        /// Never funded, and the order has ended (cancelled, resolved, expired): it will not be.
        var lapsed: Bool
        /// Delivered and waiting for the buyer: when Guild accepts it (nil under a dispute, which stops the timer).
        var autoAcceptAt: Date?
    }

    /// Each milestone with the buttons its viewer may use: the buyer funds and accepts, the seller delivers, and only
    /// while the order takes milestone steps (not once disputed or ended).
    static func rows(_ order: OrderDTO, viewer: OrderActor?, pendingDeposits: [DepositDTO]) -> [Row] {
        guard let milestones = order.milestones else { return [] }
        let open = order.state == OrderState.awaitingPayment.rawValue || order.state == OrderState.inProgress.rawValue
        let waiting = Set(pendingDeposits.compactMap(\.milestone))
        return milestones.map { m in
            let awaiting = waiting.contains(m.index + 1)
            return Row(number: m.index + 1, title: m.title, state: m.state, amountCents: m.amountCents, feeCents: m.feeCents,
                       netCents: m.netCents, dueDate: m.dueDate,
                       canFund: open && viewer == .buyer && m.state == MilestoneProgress.State.awaitingFunding.rawValue && !awaiting,
                       canDeliver: open && viewer == .seller && m.state == MilestoneProgress.State.funded.rawValue,
                       canAccept: open && viewer == .buyer && (m.state == MilestoneProgress.State.funded.rawValue || m.state == MilestoneProgress.State.delivered.rawValue),
                       awaitingTransfer: awaiting,
                       lapsed: (OrderState(rawValue: order.state)?.isTerminal ?? false) && m.state == MilestoneProgress.State.awaitingFunding.rawValue,
                       autoAcceptAt: m.autoAcceptAt)
        }
    }

    struct StepForm: Content { var idem: String?; var message: String? }

    /// POST /orders/{id}/milestones/{n}/fund|deliver|accept from the order page.
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
        let back = req.redirect(to: "/orders/\(orderID.uuidString)")
        do {
            switch action {
            case .deliver:
                let message = String((form.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(5_000))
                let services = OrderServices(app: app)
                _ = try await WriteTransaction.run(on: req.db) { tx in
                    try await MilestoneWorkflow.step(.deliver, orderID: orderID, index: n - 1, by: .member(user), message: message,
                                                     services: services, on: tx)
                }
                req.flash("Milestone \(n) delivered. The buyer can now accept it; without an answer it is accepted automatically in \(MilestoneTimers.autoAccept.afterSeconds / OrderProcess.hourSeconds) hours.")
            case .fund where !app.paymentProvider.fundsInstantly:
                let key = try OrderPages.pageKey(form.idem)
                _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: OrderPages.fingerprint(req)) { tx in
                    (.accepted, DepositDTO(try await DepositWorkflow.announceMilestone(orderID: orderID, index: n - 1, buyer: user,
                                                                                       services: OrderServices(app: app), on: tx)))
                }
                req.flash(OrderPages.transferFlash)
            case .fund, .accept:
                // The hidden random key makes a double-submitted form move money once, as for the API's Idempotency-Key.
                let key = try OrderPages.pageKey(form.idem)
                _ = try await Idempotency.run(db: req.db, member: memberID, key: key, fingerprint: OrderPages.fingerprint(req)) { tx in
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
            req.flash(OrderPages.message(for: error))
        }
        return back
    }
}
