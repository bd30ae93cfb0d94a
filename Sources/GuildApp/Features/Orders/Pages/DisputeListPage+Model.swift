// The open disputes an arbiter works through, with the published deadlines in words.
import Foundation
import GuildCore

extension DisputeListPage {
    struct Model: Encodable {
        struct Row: Encodable {
            var orderId: String
            var orderTitle: String
            var isMilestoneOrder: Bool
            var openedBy: String
            var openedAt: Date
            var answerBy: Date
            var answered: Bool
            var decideBy: Date?
        }

        var disputes: [Row]
        var answerWindow = DisputeRules.answerWindowText
        var arbiterWindow = DisputeRules.arbiterWindowText

        init(_ open: [(DisputeRecord, OrderRecord)]) {
            disputes = open.map { d, o in
                let deadlines = DisputeRules.deadlines(openedAt: d.openedAt, answeredAt: d.answeredAt)
                return Row(orderId: d.orderID.uuidString, orderTitle: o.title, isMilestoneOrder: o.orderKind == .custom,
                           openedBy: OrderActor(rawValue: d.openedBy)?.spoken ?? d.openedBy, openedAt: d.openedAt,
                           answerBy: deadlines.answerBy, answered: d.answeredAt != nil, decideBy: deadlines.decideBy)
            }
        }
    }
}
