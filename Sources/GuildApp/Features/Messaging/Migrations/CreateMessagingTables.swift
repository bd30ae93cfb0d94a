// Messaging's tables. Attachments are kept in the database, so that every app instance can serve them.
import Fluent
import SQLKit

struct CreateConversations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conversations")
            .id()
            .field("kind", .string, .required)
            // What the conversation is attached to; a direct one is keyed by its two members, smaller id first.
            .field("order_id", .uuid, .references("orders", "id", onDelete: .cascade))
            .field("interview_id", .uuid, .references("interviews", "id", onDelete: .cascade))
            .field("direct_key", .string)
            .field("started_by_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_message_at", .datetime)
            .field("last_seq", .int, .required)
            .unique(on: "order_id")
            .unique(on: "interview_id")
            .unique(on: "direct_key")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("conversations").delete() }
}

struct CreateConversationMembers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conversation_members")
            .id()
            .field("conversation_id", .uuid, .required, .references("conversations", "id", onDelete: .cascade))
            .field("member_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("joined_at", .datetime, .required)
            .field("last_read_seq", .int, .required)
            .unique(on: "conversation_id", "member_id")
            .create()
        try await database.sql.raw("CREATE INDEX conversation_members_member_idx ON conversation_members (member_id)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("conversation_members").delete() }
}

struct CreateMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("messages")
            .id()
            .field("conversation_id", .uuid, .required, .references("conversations", "id", onDelete: .cascade))
            .field("seq", .int, .required)
            .field("sender_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("text", .string, .required)
            // The sender's key for a retried send (the Idempotency-Key header, or the page's hidden field).
            .field("client_key", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "conversation_id", "seq")
            .unique(on: "sender_id", "client_key")
            .create()
        // The rate limit counts a sender's recent messages; the responsiveness pass reads recent opening messages.
        try await database.sql.raw("CREATE INDEX messages_sender_created_idx ON messages (sender_id, created_at)").run()
        try await database.sql.raw("CREATE INDEX messages_created_idx ON messages (created_at)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("messages").delete() }
}

struct CreateMessageAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("message_attachments")
            .id()
            .field("message_id", .uuid, .required, .references("messages", "id", onDelete: .cascade))
            .field("conversation_id", .uuid, .required, .references("conversations", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("file_name", .string, .required)
            .field("kind", .string, .required)
            .field("size_bytes", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .unique(on: "message_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("message_attachments").delete() }
}

struct CreateMemberBlocks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("member_blocks")
            .id()
            .field("blocker_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("blocked_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "blocker_id", "blocked_id")
            .create()
        try await database.sql.raw("CREATE INDEX member_blocks_blocked_idx ON member_blocks (blocked_id)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("member_blocks").delete() }
}

struct CreateMemberReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("member_reports")
            .id()
            .field("reporter_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("reported_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("conversation_id", .uuid, .references("conversations", "id", onDelete: .setNull))
            .field("message_id", .uuid, .references("messages", "id", onDelete: .setNull))
            .field("reason", .string, .required)
            .field("details", .string, .required)
            .field("created_at", .datetime, .required)
            .field("state", .string, .required)
            .field("decision_note", .string)
            .field("decided_by_id", .uuid)
            .field("decided_at", .datetime)
            .create()
        try await database.sql.raw("CREATE INDEX member_reports_state_idx ON member_reports (state, created_at)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("member_reports").delete() }
}
