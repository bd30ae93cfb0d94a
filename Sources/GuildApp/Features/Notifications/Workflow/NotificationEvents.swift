// Where each workflow's event becomes a notification: one call from the workflow, inside its transaction, so the
// notification is written with the event or not at all. Dedupe keys name the event, so a retried request or a rerun
// timer posts nothing new.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum NotificationEvents {
    // MARK: Orders

    /// The kind an order step may notify of (`orderStepped`), so that the step can read its parties with its order.
    static func orderKind(for event: OrderEvent) -> NotificationKind? {
        switch event {
        case .fund: .orderFunded
        case .deliver: .orderDelivered
        case .openDispute: .disputeOpened
        default: nil
        }
    }

    /// After an order step (`OrderWorkflow.perform`): paid → the seller, delivered → the buyer, dispute opened → the other side.
    /// `parties`: both parties with their setting for `orderKind(for: event)`, when the step read them with its order
    /// (inside the same transaction); read here otherwise.
    static func orderStepped(_ order: OrderRecord, event: OrderEvent, from: OrderState, to: OrderState, actor: OrderActor,
                             dispute: DisputeRecord?, parties known: [UUID: Notifications.Party]? = nil, now: Date, on tx: any Database) async throws {
        guard from != to || event == .openDispute, let kind = orderKind(for: event) else { return }
        if event == .openDispute, dispute?.id == nil { return }
        let orderID = try order.requireID()
        let link = "/orders/\(orderID.uuidString)"
        // Both parties in one plain read, with the recipient's setting for this kind: one is named, the other is told
        // (in their zone, at their address, as they chose).
        precondition(known?.values.allSatisfy { $0.kind == kind } ?? true, "the parties read for this kind")
        let parties: [UUID: Notifications.Party]
        if let known { parties = known } else { parties = try await Notifications.parties([order.buyerID, order.sellerID], kind: kind, on: tx) }
        let buyer = parties[order.buyerID]
        let seller = parties[order.sellerID]
        switch event {
        case .fund:
            let message = NotificationWording.orderFunded(orderTitle: order.title, buyerName: buyer?.displayName ?? "The buyer", dueAt: order.dueAt,
                                                          zone: SpokenDate.timeZone(seller?.timezone))
            try await Notifications.post(.init(.orderFunded, to: order.sellerID, message, link: link, dedupeKey: "order:\(orderID):funded",
                                               orderID: orderID, at: now), to: seller, on: tx)
        case .deliver:
            let message = NotificationWording.orderDelivered(orderTitle: order.title, sellerName: seller?.displayName ?? "The seller",
                                                             autoAcceptAt: now.addingTimeInterval(TimeInterval(OrderProcess.autoAcceptSeconds)),
                                                             zone: SpokenDate.timeZone(buyer?.timezone))
            // One per delivery: a delivery after a revision request is a new one.
            try await Notifications.post(.init(.orderDelivered, to: order.buyerID, message, link: link,
                                               dedupeKey: "order:\(orderID):delivered:\(order.revisionsUsed)", orderID: orderID, at: now),
                                         to: buyer, on: tx)
        case .openDispute:
            guard let dispute, let disputeID = dispute.id else { return }
            let (opener, respondent) = actor == .seller ? (seller, buyer) : (buyer, seller)
            let message = NotificationWording.disputeOpened(orderTitle: order.title, openedByName: opener?.displayName ?? "The other side",
                                                            answerBy: DisputeRules.deadlines(openedAt: dispute.openedAt, answeredAt: nil).answerBy,
                                                            zone: SpokenDate.timeZone(respondent?.timezone))
            try await Notifications.post(.init(.disputeOpened, to: actor == .seller ? order.buyerID : order.sellerID, message, link: link,
                                               dedupeKey: "dispute:\(disputeID):opened", orderID: orderID, at: now), to: respondent, on: tx)
        default:
            break
        }
    }

    /// After a milestone step (`MilestoneWorkflow.step`): funded → the seller, delivered → the buyer.
    static func milestoneStepped(_ order: OrderRecord, action: MilestoneStep, milestone: MilestoneRecord, now: Date, on tx: any Database) async throws {
        let orderID = try order.requireID()
        let milestoneID = try milestone.requireID()
        let link = "/orders/\(orderID.uuidString)"
        let kind: NotificationKind
        switch action {
        case .fund: kind = .orderFunded
        case .deliver: kind = .orderDelivered
        default: return
        }
        let parties = try await Notifications.parties([order.buyerID, order.sellerID], kind: kind, on: tx)
        let buyer = parties[order.buyerID]
        let seller = parties[order.sellerID]
        switch action {
        case .fund:
            let message = NotificationWording.orderFunded(orderTitle: order.title, buyerName: buyer?.displayName ?? "The buyer",
                                                          milestone: milestone.position, milestoneTitle: milestone.title, dueAt: nil,
                                                          zone: SpokenDate.timeZone(seller?.timezone))
            try await Notifications.post(.init(.orderFunded, to: order.sellerID, message, link: link, dedupeKey: "milestone:\(milestoneID):funded",
                                               orderID: orderID, at: now), to: seller, on: tx)
        case .deliver:
            let message = NotificationWording.orderDelivered(orderTitle: order.title, sellerName: seller?.displayName ?? "The seller",
                                                             milestone: milestone.position, milestoneTitle: milestone.title,
                                                             autoAcceptAt: MilestoneTimers.autoAcceptAt(deliveredAt: now),
                                                             zone: SpokenDate.timeZone(buyer?.timezone))
            try await Notifications.post(.init(.orderDelivered, to: order.buyerID, message, link: link,
                                               dedupeKey: "milestone:\(milestoneID):delivered:\(Int(now.timeIntervalSince1970))", orderID: orderID, at: now),
                                         to: buyer, on: tx)
        default:
            break
        }
    }

    /// The order timers' reminder: the delivery is accepted automatically at `autoAcceptAt` (one per delivery).
    static func acceptanceReminder(_ order: OrderRecord, autoAcceptAt: Date, now: Date, on tx: any Database) async throws {
        let orderID = try order.requireID()
        let message = NotificationWording.acceptanceReminder(orderTitle: order.title, autoAcceptAt: autoAcceptAt,
                                                             zone: try await Notifications.zone(of: order.buyerID, on: tx))
        try await Notifications.post(.init(.acceptanceReminder, to: order.buyerID, message, link: "/orders/\(orderID.uuidString)",
                                           dedupeKey: "order:\(orderID):acceptance-reminder:\(Int(order.stateEnteredAt.timeIntervalSince1970))",
                                           orderID: orderID, at: now), on: tx)
    }

    /// The same for a delivered milestone.
    static func milestoneAcceptanceReminder(_ order: OrderRecord, milestone: MilestoneRecord, autoAcceptAt: Date, now: Date, on tx: any Database) async throws {
        let orderID = try order.requireID()
        let message = NotificationWording.milestoneAcceptanceReminder(position: milestone.position, milestoneTitle: milestone.title, orderTitle: order.title,
                                                                      autoAcceptAt: autoAcceptAt, zone: try await Notifications.zone(of: order.buyerID, on: tx))
        try await Notifications.post(.init(.milestoneAcceptanceReminder, to: order.buyerID, message, link: "/orders/\(orderID.uuidString)",
                                           dedupeKey: "milestone:\(try milestone.requireID()):acceptance-reminder:\(Int(autoAcceptAt.timeIntervalSince1970))",
                                           orderID: orderID, at: now), on: tx)
    }

    /// A settlement proposed: to the other side.
    static func settlementProposed(_ record: SettlementRecord, order: OrderRecord, proposer: User, now: Date, on tx: any Database) async throws {
        let orderID = try order.requireID()
        let other = record.proposedByID == order.buyerID ? order.sellerID : order.buyerID
        let message = NotificationWording.settlementProposed(orderTitle: order.title, proposerName: proposer.displayName,
                                                             sellerCents: record.sellerCents, buyerCents: record.buyerCents)
        try await Notifications.post(.init(.settlementProposed, to: other, message, link: "/orders/\(orderID.uuidString)",
                                           dedupeKey: "settlement:\(try record.requireID()):proposed", orderID: orderID, at: now), on: tx)
    }

    // MARK: Reviews

    /// Reviews just revealed: each side of the order hears once per order which became visible.
    static func reviewsRevealed(_ reviews: [ReviewRecord], at now: Date, on tx: any Database) async throws {
        for (orderID, revealed) in Dictionary(grouping: reviews, by: \.orderID) {
            guard let order = try await OrderRecord.find(orderID, on: tx) else { continue }
            for member in [order.buyerID, order.sellerID] {
                let ofYou = revealed.contains { $0.subjectID == member }
                let yours = revealed.contains { $0.authorID == member }
                guard ofYou || yours else { continue }
                try await Notifications.post(.init(.reviewRevealed, to: member,
                                                   NotificationWording.reviewRevealed(orderTitle: order.title, ofYou: ofYou, yours: yours),
                                                   link: "/orders/\(orderID.uuidString)/review",
                                                   dedupeKey: "review:\(orderID):revealed:\(member):\(ofYou ? "of" : "")\(yours ? "by" : "")",
                                                   orderID: orderID, at: now), on: tx)
            }
        }
    }

    /// An arbiter decided the flags on a review: each member who flagged it hears, and the author when it is removed.
    static func flagsDecided(_ flags: [ReviewFlagRecord], review: ReviewRecord, order: OrderRecord, upheld: Bool, reason: String, now: Date,
                             on tx: any Database) async throws {
        let reviewID = try review.requireID()
        for flag in flags {
            try await Notifications.post(.init(.reviewFlagDecided, to: flag.flaggedByID,
                                               NotificationWording.reviewFlagDecided(orderTitle: order.title, upheld: upheld, reason: reason, asAuthor: false),
                                               link: "/users/\(review.subjectID.uuidString)", dedupeKey: "flag:\(try flag.requireID()):decided", at: now), on: tx)
        }
        if upheld {
            try await Notifications.post(.init(.reviewFlagDecided, to: review.authorID,
                                               NotificationWording.reviewFlagDecided(orderTitle: order.title, upheld: true, reason: reason, asAuthor: true),
                                               link: "/orders/\(review.orderID.uuidString)/review", dedupeKey: "review:\(reviewID):removed",
                                               orderID: review.orderID, at: now), on: tx)
        }
    }

    // MARK: Levels, Pro, interviews

    /// The level evaluation wrote a warning to the seller's history.
    static func levelWarned(_ event: LevelEventRecord, now: Date, on tx: any Database) async throws {
        let level = SellerLevel(rawValue: event.fromLevel)?.label ?? event.fromLevel
        let unmet = event.unmet.split(separator: ",").map { LevelPage.Model.label(String($0)) }
        let message = NotificationWording.levelWarning(level: level, unmet: unmet, noticeEndsAt: event.noticeEndsAt,
                                                       zone: try await Notifications.zone(of: event.sellerID, on: tx))
        try await Notifications.post(.init(.levelWarning, to: event.sellerID, message, link: "/me/level",
                                           dedupeKey: "level-event:\(try event.requireID()):warned", at: now), on: tx)
    }

    static func proApplicationDecided(_ application: ProApplicationRecord, accepted: Bool, reason: String, now: Date, on tx: any Database) async throws {
        try await Notifications.post(.init(.proApplicationDecided, to: application.sellerID,
                                           NotificationWording.proApplicationDecided(accepted: accepted, reason: reason), link: "/pro",
                                           dedupeKey: "pro-application:\(try application.requireID()):decided", at: now), on: tx)
    }

    /// An on-platform interview request reached a practitioner.
    static func interviewRequested(_ interview: InterviewRecord, practitioner: UUID, explorer: User, topic: String, now: Date, on tx: any Database) async throws {
        let id = try interview.requireID()
        try await Notifications.post(.init(.interviewRequest, to: practitioner,
                                           NotificationWording.interviewRequest(explorerName: explorer.displayName, minutes: interview.minutes, topic: topic),
                                           link: "/interviews/incoming", dedupeKey: "interview:\(id):requested:\(Int(now.timeIntervalSince1970))", at: now), on: tx)
    }
}
