import GuildApp
import Vapor
@main enum Entrypoint { static func main() async throws {} }
