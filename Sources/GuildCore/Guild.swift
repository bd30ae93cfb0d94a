public enum GuildCoreVersion { public static let name = "Guild" }
