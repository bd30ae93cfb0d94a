import Testing
import VaporTesting
@testable import GuildApp
