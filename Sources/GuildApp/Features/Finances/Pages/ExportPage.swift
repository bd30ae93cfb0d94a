// GET /me/export from the account page: the member's data export as a zip, downloaded with the session cookie.
import Vapor

struct ExportPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireMemberPage()).get("me", "export", use: download)
    }

    func download(req: Request) async throws -> Response {
        let member = try req.member()
        return MemberExport.download(try await MemberExport.zip(for: member, app: req.application, ip: req.remoteAddress?.ipAddress, on: req.db), for: member)
    }
}
