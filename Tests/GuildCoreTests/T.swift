import Testing
@testable import GuildCore
@Test func placeholder() { #expect(GuildCoreVersion.name == "Guild") }
