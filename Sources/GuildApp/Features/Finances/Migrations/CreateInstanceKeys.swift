import Fluent

/// The instance's signing keys, one row per purpose. In the database rather than a file beside it so that every
/// instance sharing one PostgreSQL database signs with the same key, and a backup carries the key with the data
/// it vouches for.
struct CreateInstanceKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("instance_keys")
            .field("purpose", .string, .identifier(auto: false))
            .field("algorithm", .string, .required)
            .field("private_key", .string, .required)
            .field("public_key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("instance_keys").delete()
    }
}
