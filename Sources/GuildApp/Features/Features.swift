// A feature area (gigs, orders, interviews…) brings its own migrations and routes; configure() asks each.
import Vapor
import Fluent

protocol Feature: Sendable {
    var migrations: [any Migration] { get }
    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws
}

enum Features {
    static let all: [any Feature] = []
}
