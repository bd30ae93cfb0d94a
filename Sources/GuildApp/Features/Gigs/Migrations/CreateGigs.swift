import Fluent

struct CreateGigs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("gigs")
            .id()
            .field("seller_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("category", .string, .required)
            .field("subcategory", .string)
            .field("tags", .array(of: .string), .required)
            .field("packages", .json, .required)
            .field("status", .string, .required)
            .field("starting_price_cents", .int64, .required)
            .field("fastest_delivery_days", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("gigs").delete()
    }
}
