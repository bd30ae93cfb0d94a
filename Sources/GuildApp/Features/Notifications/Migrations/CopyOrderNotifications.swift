// The order timers' notices from before the notification centre, copied into it (unread, in the centre, never emailed).
// `order_notifications` itself stays as it shipped.
import Foundation
import Fluent
import SQLKit
import GuildCore

struct CopyOrderNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let old = try await database.sql.raw("SELECT * FROM order_notifications").all(decodingFluent: OrderNotificationRecord.self)
        for chunk in stride(from: 0, to: old.count, by: 200).map({ Array(old[$0..<min($0 + 200, old.count)]) }) {
            try await PlainSQL.insert(into: NotificationRecord.schema, columns: NotificationRecord.insertColumns, rows: try chunk.map { n in
                let id = try n.requireID()
                return [id, n.memberID, n.kind, NotificationWording.legacySubject(kind: n.kind), n.text, "/orders/\(n.orderID.uuidString)",
                        n.orderID, "legacy:\(id.uuidString)", true, n.createdAt, Date?.none]
            }, on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DELETE FROM notifications WHERE dedupe_key LIKE 'legacy:%'").run()
    }
}
