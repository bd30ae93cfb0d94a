// /api/v1/users/{id}/level (public), /me/level/appeals and /level-appeals (admins answer), over JSON.
import Vapor
import Fluent
import GuildCore

struct LevelsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", ":userID", "level", use: level)
        let member = routes.grouped(RequireMemberAPI())
        member.post("me", "level", "appeals", use: appeal)
        member.get("level-appeals", use: appeals)
        member.post("level-appeals", ":appealID", "answer", use: answer)
    }

    func level(req: Request) async throws -> LevelDTO {
        try await LevelQueries.report(req.parameters.get("userID"), now: req.application.clock.now(), on: req.db)
    }

    func appeal(req: Request) async throws -> Response {
        let body = try req.content.decode(AppealRequest.self)
        guard body.eventId != nil else { throw ValidationError(field: "eventId", reason: "is required: the warning or move down you appeal") }
        let appeal = try await LevelWorkflow.appeal(event: body.eventId, by: try req.member(), text: body.text,
                                                    now: req.application.clock.now(), on: req.db)
        return try await LevelAppealDTO(appeal).encodeResponse(status: .created, for: req)
    }

    func appeals(req: Request) async throws -> [LevelAppealDTO] {
        try await LevelQueries.appeals(for: try req.member(), on: req.db).map(LevelAppealDTO.init)
    }

    func answer(req: Request) async throws -> LevelAppealDTO {
        let body = try req.content.decode(AppealAnswerRequest.self)
        guard let upheld = body.upheld else { throw ValidationError(field: "upheld", reason: "is required: true restores the level, false dismisses the appeal") }
        return LevelAppealDTO(try await LevelWorkflow.answer(appeal: req.parameters.get("appealID", as: UUID.self), by: try req.member(),
                                                             upheld: upheld, reason: body.reason, now: req.application.clock.now(), on: req.db))
    }
}
