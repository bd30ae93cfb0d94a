import Foundation
import Fluent
import SQLKit

/// When each milestone was delivered: the anchor of its reminder and auto-accept timers (`MilestoneTimers`).
///
/// Milestones already waiting in `delivered` when this runs had no recorded time; their clock starts now, so their
/// buyers get the full reminder and delay instead of an immediate release they were never told about. Milestones
/// already settled keep NULL: no timer applies to them.
struct AddDeliveredAtToOrderMilestones: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("order_milestones").field("delivered_at", .datetime).update()
        try await database.sql.raw("UPDATE order_milestones SET delivered_at = \(bind: Date()) WHERE state = 'delivered' AND delivered_at IS NULL").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("order_milestones").deleteField("delivered_at").update()
    }
}
