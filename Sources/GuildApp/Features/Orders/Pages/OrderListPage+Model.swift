// A member's orders in words (their side, the state as a person says it) and their latest reminders.
import Foundation
import GuildCore

extension OrderListPage {
    struct Model: Encodable {
        struct Row: Encodable {
            var id: String
            var title: String
            var packageName: String
            var role: String
            var state: String
            var stateText: String
            var priceCents: Int64
            var netCents: Int64
        }

        struct Reminder: Encodable {
            var text: String
            var orderId: String
            var createdAt: Date
        }

        var orders: [Row]
        var notifications: [Reminder]

        init(orders: [OrderDTO], memberID: UUID, notifications: [NotificationRecord]) {
            self.orders = orders.map { o in
                Row(id: o.id.uuidString, title: o.title, packageName: o.packageName,
                    role: o.buyerId == memberID ? "buyer" : "seller", state: o.state,
                    stateText: OrderState(rawValue: o.state)?.spoken ?? o.state,
                    priceCents: o.priceCents, netCents: o.netCents)
            }
            self.notifications = notifications.map { Reminder(text: $0.text, orderId: $0.orderID?.uuidString ?? "", createdAt: $0.createdAt) }
        }
    }
}
