// GET /orders/custom/new and POST /orders/custom: a buyer proposes a custom order, paid milestone by milestone.
// The form's rows are checked by the same MilestoneRules as the API, and each error lands on its own row.
import Vapor
import GuildCore

struct CustomOrderPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("orders", "custom", "new", use: form)
        member.post("orders", "custom", use: propose)
    }

    func form(req: Request) async throws -> Response {
        let user = try req.member()
        let seller = try await AccountWorkflow.find(try? req.query.get(String.self, at: "seller"), on: req.db)
        var model = try Model(seller: seller, title: "", rows: Model.emptyRows, settings: req.guild.payments, now: req.application.clock.now(),
                              zone: SpokenDate.timeZone(user.timezone))
        if seller.id == user.id { model.errors["sellerId"] = "is you; a member cannot buy from themselves" }
        model.hasErrors = !model.errors.isEmpty
        return try await render(req, model)
    }

    private func render(_ req: Request, _ model: Model, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render("orders/custom-new", title: "Propose a custom order to \(model.sellerName)", model, form: true, status: status)
    }

    func propose(req: Request) async throws -> Response {
        let user = try req.member()
        let fields = try req.content.decode([String: String].self)
        let seller = try await AccountWorkflow.find(fields["sellerId"], on: req.db)
        let now = req.application.clock.now()
        var model = try Model(seller: seller, title: (fields["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                              rows: [], settings: req.guild.payments, now: now, zone: SpokenDate.timeZone(user.timezone))
        let parsed = model.read(fields, now: now, zone: SpokenDate.timeZone(user.timezone))
        if parsed.failed {
            // Nothing is placed; collect what else is wrong so the member fixes everything at once.
            do {
                try MilestoneRules.validate(parsed.used.map { Milestone(title: $0.input.title, amountCents: $0.input.amountCents, dueDate: $0.input.dueDate) },
                                            maximumTotalCents: MoneyLimits.maximumAmountCents, now: now)
            } catch { model.absorb(error.errors, used: parsed.used.map(\.row)) }
            if model.title.isEmpty || model.title.count > MilestoneRules.maximumTitleLength {
                model.errors["title"] = "must be 1 to \(MilestoneRules.maximumTitleLength) characters"
            }
            model.hasErrors = true
            return try await render(req, model, status: .unprocessableEntity)
        }
        let body = CreateCustomOrderRequest(sellerId: try seller.requireID(), title: model.title, milestones: parsed.used.map(\.input))
        do {
            let order = try await MilestoneWorkflow.place(body, buyer: user, services: OrderServices(app: req.application), on: req.db)
            req.flash("Your proposal is placed. The seller can decline it; pay milestone 1 into escrow to start the work.")
            return req.redirect(to: "/orders/\(try order.requireID().uuidString)")
        } catch let e as ValidationErrors {
            model.absorb(e.errors, used: parsed.used.map(\.row))
        } catch let e as ValidationError {
            model.absorb([e], used: parsed.used.map(\.row))
        }
        model.hasErrors = true
        return try await render(req, model, status: .unprocessableEntity)
    }
}
