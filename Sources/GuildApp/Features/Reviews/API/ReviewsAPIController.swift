// /api/v1/orders/{id}/reviews, /users/{id}/reviews, /reviews/{id}/response and /flags, /review-flags: reviews over JSON.
import Vapor
import Fluent
import GuildCore

struct ReviewsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":userID", "reviews", use: aboutMember)
        let member = routes.grouped(RequireMemberAPI())
        member.post("orders", ":orderID", "reviews", use: submit)
        member.get("orders", ":orderID", "reviews", use: forOrder)
        member.post("reviews", ":reviewID", "response", use: respond)
        member.post("reviews", ":reviewID", "flags", use: flag)
        member.get("review-flags", use: flags)
        member.post("review-flags", ":flagID", "decision", use: decide)
    }

    func submit(req: Request) async throws -> Response {
        let draft = try req.content.decode(ReviewDraft.self)
        let review = try await ReviewWorkflow.submit(orderID: req.parameters.get("orderID", as: UUID.self), by: try req.member(),
                                                     draft: draft, now: req.application.clock.now(), on: req.db)
        return try await ReviewDTO(review).encodeResponse(status: .created, for: req)
    }

    func forOrder(req: Request) async throws -> OrderReviewsDTO {
        try await ReviewQueries.forOrder(req.parameters.get("orderID", as: UUID.self), viewer: try req.member(),
                                         now: req.application.clock.now(), on: req.db)
    }

    func aboutMember(req: Request) async throws -> MemberReviewsDTO {
        try await ReviewQueries.aboutMember(req.parameters.get("userID"), on: req.db)
    }

    func respond(req: Request) async throws -> Response {
        let body = try req.content.decode(ResponseRequest.self)
        let review = try await ReviewWorkflow.respond(to: req.parameters.get("reviewID", as: UUID.self), by: try req.member(),
                                                      text: body.text, now: req.application.clock.now(), on: req.db)
        return try await ReviewDTO(review).encodeResponse(status: .created, for: req)
    }

    func flag(req: Request) async throws -> Response {
        let body = try req.content.decode(FlagRequest.self)
        let flag = try await ReviewWorkflow.flag(req.parameters.get("reviewID", as: UUID.self), by: try req.member(),
                                                 reason: body.reason, now: req.application.clock.now(), on: req.db)
        return try await FlagDTO(flag).encodeResponse(status: .created, for: req)
    }

    func flags(req: Request) async throws -> [FlagDTO] {
        try await ReviewQueries.flags(for: try req.member(), on: req.db).map(FlagDTO.init)
    }

    func decide(req: Request) async throws -> FlagDTO {
        let body = try req.content.decode(FlagDecisionRequest.self)
        guard let upheld = body.upheld else { throw ValidationError(field: "upheld", reason: "is required: true removes the review, false keeps it") }
        return FlagDTO(try await ReviewWorkflow.decide(flag: req.parameters.get("flagID", as: UUID.self), by: try req.member(), upheld: upheld,
                                                       reason: body.reason, now: req.application.clock.now(), on: req.db))
    }
}
