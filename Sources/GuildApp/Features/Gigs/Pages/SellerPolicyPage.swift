// /policies/levels, /policies/reviews and /policies/pro: the rules on a seller's standing, printed from the data the
// code enforces.
import Vapor
import GuildCore

struct SellerPolicyPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        for (path, model) in [("levels", Model.levels), ("reviews", Model.reviews), ("pro", Model.pro)] {
            routes.get("policies", "\(path)") { req in try await req.render("gigs/policy", title: model.heading, model) }
        }
    }
}
