// The home page.
import Vapor

struct HomePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(req: Request) async throws -> Response {
        try await req.render("home", title: "Guild: fair, open work", Empty())
    }
}
