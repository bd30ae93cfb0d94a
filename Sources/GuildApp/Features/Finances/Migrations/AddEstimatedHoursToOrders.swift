import Fluent

/// The package's estimated hours, copied onto the order when it is placed (like its price), so that the seller's
/// hourly rate reads what was agreed, not a later edit of the gig. Gig packages keep theirs in the gig's JSON
/// `packages` column, which needs no change. Orders placed before this have none.
struct AddEstimatedHoursToOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("orders").field("estimated_hours", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("orders").deleteField("estimated_hours").update()
    }
}
