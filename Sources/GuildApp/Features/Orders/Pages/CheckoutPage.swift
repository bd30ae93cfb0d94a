// GET and POST /gigs/{id}/order: the price breakdown of one package, and placing the order.
import Vapor
import GuildCore

struct CheckoutPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("gigs", ":gigID", "order", use: show)
        member.post("gigs", ":gigID", "order", use: place)
    }

    func show(req: Request) async throws -> Response {
        let user = try req.member()
        let gig = try await GigCatalog.orderable(req.parameters.get("gigID"), on: req.db)
        let wanted = (try? req.query.get(String.self, at: "package")) ?? gig.packages.first?.name ?? ""
        guard let package = gig.packages.first(where: { $0.name.caseInsensitiveCompare(wanted) == .orderedSame }) ?? gig.packages.first else {
            throw APIError.notFound("That package")
        }
        if gig.$seller.id == user.id { req.flash("This is your own gig: you cannot order it.") }
        let model = try Model(gig: gig, package: package, policy: req.guild.payments.feePolicy)
        return try await req.render("orders/checkout", title: "Order: \(gig.title)", model, form: true)
    }

    struct PlaceForm: Content { var package: String }

    func place(req: Request) async throws -> Response {
        let user = try req.member()
        let gigID = req.parameters.get("gigID", as: UUID.self)
        let form = try req.content.decode(PlaceForm.self)
        do {
            let order = try await OrderPlacement.place(gigID: gigID, packageName: form.package, buyer: user,
                                                       services: OrderServices(app: req.application), on: req.db)
            req.flash("Your order is placed. Pay into escrow to start the work.")
            return req.redirect(to: "/orders/\(try order.requireID().uuidString)")
        } catch {
            req.flash(OrderPageForm.message(for: error))
            let package = form.package.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
            return req.redirect(to: "/gigs/\(gigID?.uuidString ?? "")/order?package=\(package)")
        }
    }
}
