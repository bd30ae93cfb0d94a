// A bare Vapor 4 app for the search benchmark's baseline: `GET /health` and nothing else, no middleware (not even
// Vapor's default error middleware), built with Guild's settings. `guild-bare-vapor serve --env production --port N`.
import Vapor

let app = try await Application.make(try Environment.detect())
app.middleware = .init()
app.get("health") { _ in HTTPStatus.ok }
do {
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()
