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

        /// One thing waiting on an arbiter, dispute or flagged review, with the deadline that applies next.
        struct Due: Encodable {
            var what: String
            var title: String
            var link: String
            var dueBy: Date
            var deadline: String
        }

        var disputes: [Row]
        /// Open disputes and open review flags together, soonest deadline first: the arbiter's queue.
        var due: [Due] = []
        /// The open review flags with their reviews and decision forms (decided here, or on the flag queue).
        var flags: [FlagQueuePage.Row] = []
        var answerWindow = DisputeRules.answerWindowText
        var arbiterWindow = DisputeRules.arbiterWindowText

        /// Adds the open review flags to the queue and sorts it by deadline.
        mutating func queue(flags: [ReviewFlagRecord]) {
            due = disputes.map { d in
                Due(what: "Dispute", title: d.orderTitle, link: "/orders/\(d.orderId)", dueBy: d.decideBy ?? d.answerBy,
                    deadline: d.decideBy == nil ? "the other side answers by" : "an arbiter decides by")
            } + flags.filter { $0.flagOutcome == .open }.map { f in
                Due(what: "Flagged review", title: f.reason, link: "#flag-\(f.id?.uuidString ?? "")", dueBy: f.decideBy, deadline: "an arbiter decides by")
            }
            due.sort { $0.dueBy < $1.dueBy }
        }

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
