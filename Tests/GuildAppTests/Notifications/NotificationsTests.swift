// The notification centre, driven by the real flows: each event notifies the member who must act, once, with a link;
// reruns of the timers post nothing new; settings decide the emails; nobody reads or marks another's notifications.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
import GuildCore
@testable import GuildApp

typealias NoteDTO = NotificationsAPIController.NotificationDTO

extension Application {
    /// Every notification Guild posted, of one kind, oldest first (hidden ones included).
    func notes(_ kind: NotificationKind) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: db).filter(\.$kind == kind.rawValue).sort(\.$createdAt).all()
    }

    func centre(_ member: TestMember, query: String = "") async throws -> [NoteDTO] {
        let res = try await send(.GET, "/api/v1/notifications\(query)", headers: member.bearer)
        #expect(res.status == .ok, "\(res.body.string)")
        return try res.decode([NoteDTO].self)
    }

    func outbox(for notification: UUID) async throws -> [OutboxEmailRecord] {
        try await OutboxEmailRecord.query(on: db).filter(\.$notificationID == notification).all()
    }
}

@Suite struct NotificationsTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: TestDatabase.all)
    func orderStepsNotifyTheSideThatMustActOnceWithALinkAndAnEmail(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let clock = GuildClock(fixed: Self.start)
            app.clock = clock
            let m = try await Market.make(app)
            let order = try await m.place()
            // when the buyer pays, retrying the same request with the same key
            let key = UUID().uuidString
            #expect(try await m.step("fund", order.id, by: m.buyer, key: key).status == .ok)
            #expect(try await m.step("fund", order.id, by: m.buyer, key: key).status == .ok)
            // then the seller is told once, linked to the order, and the buyer is not
            let funded = try await app.notes(.orderFunded)
            #expect(funded.count == 1 && funded.first?.memberID == m.seller.id)
            #expect(funded.first?.link == "/orders/\(order.id.uuidString)")
            #expect(funded.first?.text.contains("Bea Buyer paid for “A logo for your bakery”") == true, "\(funded.first?.text ?? "")")
            let sellerSees = try await app.centre(m.seller)
            #expect(sellerSees.map(\.kind) == ["order_funded"] && sellerSees.first?.read == false && sellerSees.first?.orderId == order.id)
            #expect(sellerSees.first?.subject == "Paid: “A logo for your bakery”")
            #expect(try await app.centre(m.buyer).isEmpty)
            // and the email waits in the outbox, rendered and addressed to the seller
            let mail = try await app.outbox(for: try #require(funded.first?.id))
            #expect(mail.count == 1 && mail.first?.toAddress == m.seller.email && mail.first?.state == "pending")
            #expect(mail.first?.body.contains("Hello Sam Seller,") == true)
            #expect(mail.first?.body.contains("http://127.0.0.1:8080/orders/\(order.id.uuidString)") == true)
            // when the seller delivers, the buyer is told, with the automatic acceptance date in words
            #expect(try await m.step("deliver", order.id, by: m.seller, json: ["message": "Here are the files"]).status == .ok)
            let delivered = try await app.notes(.orderDelivered)
            #expect(delivered.map(\.memberID) == [m.buyer.id])
            #expect(delivered.first?.text.contains("accepted automatically on ") == true && delivered.first?.text.contains("UTC") == true)
            // when the buyer asks for a revision and the seller delivers again, that second delivery is told too
            #expect(try await m.step("revisions", order.id, by: m.buyer, json: ["message": "The blue please"]).status == .ok)
            #expect(try await m.step("deliver", order.id, by: m.seller, json: ["message": "Blue now"]).status == .ok)
            #expect(try await app.notes(.orderDelivered).count == 2)
            // when the buyer opens a dispute, the seller (who must answer) is told, with the deadline
            let opened = try await m.step("disputes", order.id, by: m.buyer, json: ["reason": "Only two of three concepts"])
            #expect(opened.status == .created)
            let dispute = try opened.decode(DisputeDTO.self)
            let disputeNotes = try await app.notes(.disputeOpened)
            #expect(disputeNotes.map(\.memberID) == [m.seller.id])
            #expect(disputeNotes.first?.text.contains("Answer by Monday 18 January 2027 at 08:00 UTC") == true, "\(disputeNotes.first?.text ?? "")")
            // when the seller proposes a settlement, the buyer is told
            let proposed = try await app.send(.POST, "/api/v1/orders/\(order.id)/settlements", headers: m.seller.bearer,
                                              json: ["sellerCents": 6_000, "buyerCents": 4_000])
            #expect(proposed.status == .created, "\(proposed.body.string)")
            let settlement = try await app.notes(.settlementProposed)
            #expect(settlement.map(\.memberID) == [m.buyer.id])
            #expect(settlement.first?.text.contains("$60.00 to the seller and $40.00 back to the buyer") == true)

            // the dispute's answer reminder: nothing early; at a day before the deadline the seller is reminded once
            clock.advance(seconds: 48 * 3_600 - 60)
            #expect(try await NotificationReminders.runDue(app: app) == .init())
            clock.advance(seconds: 120)
            #expect(try await NotificationReminders.runDue(app: app).disputeAnswers == 1)
            #expect(try await NotificationReminders.runDue(app: app) == .init())
            #expect(try await app.notes(.disputeAnswerDue).map(\.memberID) == [m.seller.id])
            // once the seller answers, every arbiter who is not a party is reminded a day before the decision is due
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            let answered = try await app.send(.POST, "/api/v1/disputes/\(dispute.id)/answer", headers: m.seller.bearer,
                                              json: ["message": "The third concept was in the second file"])
            #expect(answered.status == .ok, "\(answered.body.string)")
            clock.advance(seconds: 6 * 86_400 + 60)
            #expect(try await NotificationReminders.runDue(app: app).disputeDecisions == 1)
            #expect(try await NotificationReminders.runDue(app: app).disputeDecisions == 0)
            let decision = try await app.notes(.disputeDecisionDue)
            #expect(decision.map(\.memberID) == [arbiter.id] && decision.first?.link == "/orders/\(order.id.uuidString)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAcceptanceReminderIsInTheCentreOnceAndARerunPostsNothing(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let clock = GuildClock(fixed: Self.start)
            app.clock = clock
            let m = try await Market.make(app)
            let order = try await m.delivered()
            clock.advance(seconds: 49 * 3_600)
            #expect(try await OrderTimers.runDue(app: app).reminded == 1)
            #expect(try await OrderTimers.runDue(app: app).reminded == 0)
            let reminders = try await app.notes(.acceptanceReminder)
            #expect(reminders.count == 1 && reminders.first?.memberID == m.buyer.id && reminders.first?.link == "/orders/\(order.id.uuidString)")
            #expect(reminders.first?.subject == "Accepted automatically tomorrow: “A logo for your bakery”")
            // the old table is no longer written
            #expect(try await OrderNotificationRecord.query(on: app.db).count() == 0)
            let unread = try await app.send(.GET, "/api/v1/notifications/unread-count", headers: m.buyer.bearer).decode(NotificationsAPIController.UnreadCountDTO.self)
            #expect(unread.count == 2) // delivered + reminder
            #expect(try await app.centre(m.buyer, query: "?unread=true").map(\.kind) == ["acceptance_reminder", "order_delivered"])
            #expect(try await app.send(.GET, "/api/v1/notifications?unread=maybe", headers: m.buyer.bearer).errorBody?.field == "unread")
        }
    }

    @Test(arguments: TestDatabase.all)
    func milestoneStepsNotifyToo(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let created = try await app.send(.POST, "/api/v1/orders", headers: m.buyer.bearer, json: MilestoneOrderTests.Plan(
                sellerId: m.seller.id, title: "A shop sign", milestones: [
                    MilestoneInput(title: "Sketch", amountCents: 5_000, dueDate: Date().addingTimeInterval(7 * 86_400)),
                    MilestoneInput(title: "Final sign", amountCents: 15_000, dueDate: Date().addingTimeInterval(21 * 86_400))]))
            try #require(created.status == .created, "\(created.body.string)")
            let order = try created.decode(OrderDTO.self)
            #expect(try await m.step("milestones/1/fund", order.id, by: m.buyer).status == .ok)
            #expect(try await m.step("milestones/1/deliver", order.id, by: m.seller).status == .ok)
            let funded = try await app.notes(.orderFunded)
            #expect(funded.map(\.memberID) == [m.seller.id] && funded.first?.subject.contains("milestone 1 (“Sketch”)") == true)
            let delivered = try await app.notes(.orderDelivered)
            #expect(delivered.map(\.memberID) == [m.buyer.id] && delivered.first?.link == "/orders/\(order.id.uuidString)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func reviewsRevealedAndFlagsDecidedNotifyBothSidesAndTheFlagger(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            app.clock = GuildClock(fixed: Self.start)
            let m = try await Market.make(app)
            let order = try await m.delivered()
            #expect(try await m.step("accept", order.id, by: m.buyer).status == .ok)
            #expect(try await app.send(.POST, "/api/v1/orders/\(order.id)/reviews", headers: m.buyer.bearer, json: ReviewBody(rating: 2, text: "Call me on 555 0100 instead")).status == .created)
            #expect(try await app.notes(.reviewRevealed).isEmpty)
            #expect(try await app.send(.POST, "/api/v1/orders/\(order.id)/reviews", headers: m.seller.bearer, json: ReviewBody(rating: 5, text: "Clear brief")).status == .created)
            // both sides hear once that both reviews are visible, linked to the order's review page
            let revealed = try await app.notes(.reviewRevealed)
            #expect(Set(revealed.map(\.memberID)) == [m.buyer.id, m.seller.id] && revealed.count == 2)
            #expect(revealed.allSatisfy { $0.link == "/orders/\(order.id.uuidString)/review" && $0.text.contains("Both reviews") })
            // review notices are not emailed unless chosen
            #expect(try await OutboxEmailRecord.query(on: app.db).filter(\.$notificationID ~~ revealed.compactMap(\.id)).count() == 0)
            // a flag decided: the flagger hears, and the author of the removed review
            let reviews = try await app.send(.GET, "/api/v1/orders/\(order.id)/reviews", headers: m.buyer.bearer).decode(OrderReviewsDTO.self)
            let buyers = try #require(reviews.reviews.first { $0.side == "buyer" })
            let flagger = try await app.member("Fran Flagger")
            let flag = try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/flags", headers: flagger.bearer, json: ["reason": "It shares a phone number"]).decode(FlagDTO.self)
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            #expect(try await app.send(.POST, "/api/v1/review-flags/\(flag.id)/decision", headers: arbiter.bearer,
                                       json: FlagDecisionRequest(upheld: true, reason: "Personal data shared")).status == .ok)
            let decided = try await app.notes(.reviewFlagDecided)
            #expect(Set(decided.map(\.memberID)) == [flagger.id, m.buyer.id] && decided.count == 2)
            #expect(decided.first { $0.memberID == flagger.id }?.text.contains("Personal data shared") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aLevelWarningAndAProDecisionReachTheSeller(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let clock = GuildClock(fixed: Self.start)
            app.clock = clock
            let seller = try await app.member("Rosa Rising")
            try await app.db.sql.raw("UPDATE users SET created_at = \(bind: clock.now().addingTimeInterval(-100 * 86_400)) WHERE id = \(bind: seller.id)").run()
            try await app.stats(seller.id, ratingSum: 20, ratingCount: 5, onTime: 2, delivered: 5)
            try await app.db.sql.raw("UPDATE seller_stats SET level = 'rising', completed_orders = 5, earned_cents = 50000 WHERE user_id = \(bind: seller.id)").run()
            #expect(try await LevelWorkflow.runIfDue(now: clock.now(), on: app.db)?.warned == 1)
            let warned = try await app.notes(.levelWarning)
            #expect(warned.map(\.memberID) == [seller.id] && warned.first?.link == "/me/level")
            #expect(warned.first?.text.contains("average rating") == true && warned.first?.text.contains("Rising") == true, "\(warned.first?.text ?? "")")
            // a second evaluation the same month changes nothing and tells nothing
            #expect(try await LevelWorkflow.runIfDue(now: clock.now(), on: app.db) == nil)
            #expect(try await app.notes(.levelWarning).count == 1)
            // Pro: the admin declines an application with a reason; the seller hears it
            let admin = try await app.member("Ada Admin")
            try await app.makeArbiter(admin, role: .admin)
            let applied = try await app.send(.POST, "/api/v1/pro/applications", headers: seller.bearer,
                                             json: ProApplicationRequest(qualifications: "Ten years of brand identity work for bakeries and cafés.",
                                                                         portfolioLinks: ["https://example.org/a", "https://example.org/b", "https://example.org/c"]))
            #expect(applied.status == .created, "\(applied.body.string)")
            let application = try applied.decode(ProApplicationDTO.self)
            #expect(try await app.send(.POST, "/api/v1/pro/applications/\(application.id)/decision", headers: admin.bearer,
                                       json: ProDecisionRequest(accept: false, reason: "Not enough completed orders yet")).status == .ok)
            let pro = try await app.notes(.proApplicationDecided)
            #expect(pro.map(\.memberID) == [seller.id] && pro.first?.link == "/pro" && pro.first?.text.contains("Not enough completed orders yet") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anInterviewRequestAndTheThankYouDueReachWhoeverMustAct(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let clock = GuildClock(fixed: Self.start)
            app.clock = clock
            let ada = try await app.member("Ada Explorer")
            let pat = try await app.member("Pat Practitioner")
            _ = try await app.send(.PATCH, "/api/v1/me", headers: pat.bearer, json: ["openToInterviews": true])
            let r = try await app.researchedInterview(ada, contact: ["name": "Pat Practitioner", "title": "Senior designer", "organisation": "Freelance",
                                                                     "email": "pat@example.org", "seniority": "senior", "preferredChannel": "email",
                                                                     "memberId": pat.id.uuidString])
            #expect(try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/platform-request", headers: ada.bearer).status == .ok)
            let requests = try await app.notes(.interviewRequest)
            #expect(requests.map(\.memberID) == [pat.id] && requests.first?.link == "/interviews/incoming")
            #expect(requests.first?.subject == "Ada Explorer asks for a conversation")
            // the conversation is held; 12 hours later the explorer is reminded of the thank-you, once
            #expect(try await app.moveStage(ada, r.interviewID, "scheduled", scheduledAt: "2027-01-15T09:00:00Z").status == .ok)
            #expect(try await app.moveStage(ada, r.interviewID, "held").status == .ok)
            clock.advance(seconds: 11 * 3_600)
            #expect(try await NotificationReminders.runDue(app: app).thankYous == 0)
            clock.advance(seconds: 2 * 3_600)
            // two passes at once (two instances) send it once between them
            async let first = NotificationReminders.runDue(app: app)
            async let second = NotificationReminders.runDue(app: app)
            let (a, b) = try await (first, second)
            #expect(a.thankYous + b.thankYous == 1)
            #expect(try await NotificationReminders.runDue(app: app).thankYous == 0)
            let due = try await app.notes(.thankYouDue)
            #expect(due.map(\.memberID) == [ada.id] && due.first?.link == "/interviews/\(r.interviewID.uuidString)/thank-you")
            #expect(due.first?.text.contains("Pat Practitioner") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func settingsDecideTheEmailAndTheCentre(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            // the defaults: everything in the centre, most by email
            let defaults = try await app.send(.GET, "/api/v1/notifications/settings", headers: m.seller.bearer).decode(NotificationsAPIController.SettingsDTO.self)
            #expect(defaults.settings.count == NotificationKind.settable.count)
            #expect(defaults.settings.first { $0.kind == "order_funded" }?.email == true)
            #expect(defaults.settings.first { $0.kind == "review_revealed" }?.email == false)
            // bad input names the field and changes nothing
            let hide = try await app.send(.PATCH, "/api/v1/notifications/settings", headers: m.seller.bearer, json: ["settings": [SettingPatch(kind: "order_funded", inApp: false)]])
            #expect(hide.status == .unprocessableEntity && hide.errorBody?.field == "settings[0].inApp")
            let unknown = try await app.send(.PATCH, "/api/v1/notifications/settings", headers: m.seller.bearer,
                                             json: ["settings": [SettingPatch(kind: "order_delivered", email: false), SettingPatch(kind: "sideways", email: false)]])
            #expect(unknown.status == .unprocessableEntity && unknown.errorBody?.field == "settings[1].kind")
            #expect(try await NotificationSettingRecord.query(on: app.db).count() == 0)
            // the seller stops the email of paid orders
            let changed = try await app.send(.PATCH, "/api/v1/notifications/settings", headers: m.seller.bearer, json: ["settings": [SettingPatch(kind: "order_funded", email: false)]])
            #expect(changed.status == .ok)
            #expect(try changed.decode(NotificationsAPIController.SettingsDTO.self).settings.first { $0.kind == "order_funded" }?.email == false)
            let order = try await m.place()
            #expect(try await m.step("fund", order.id, by: m.buyer).status == .ok)
            let funded = try #require(try await app.notes(.orderFunded).first)
            #expect(try await app.outbox(for: funded.requireID()).isEmpty)
            #expect(try await app.centre(m.seller).count == 1)
            // the buyer hides review notices from the centre: posted (so never twice) but not shown or counted
            #expect(try await app.send(.PATCH, "/api/v1/notifications/settings", headers: m.buyer.bearer,
                                       json: ["settings": [SettingPatch(kind: "review_revealed", inApp: false, email: true)]]).status == .ok)
            #expect(try await m.step("deliver", order.id, by: m.seller, json: ["message": "Files"]).status == .ok)
            #expect(try await m.step("accept", order.id, by: m.buyer).status == .ok)
            #expect(try await app.send(.POST, "/api/v1/orders/\(order.id)/reviews", headers: m.buyer.bearer, json: ReviewBody(rating: 5, text: "Lovely")).status == .created)
            #expect(try await app.send(.POST, "/api/v1/orders/\(order.id)/reviews", headers: m.seller.bearer, json: ReviewBody(rating: 5, text: "Clear brief")).status == .created)
            let buyersReveal = try #require(try await app.notes(.reviewRevealed).first { $0.memberID == m.buyer.id })
            #expect(buyersReveal.inApp == false)
            #expect(try await app.outbox(for: buyersReveal.requireID()).count == 1)
            #expect(try await app.centre(m.buyer).map(\.kind) == ["order_delivered"])
            #expect(try await Notifications.unreadCount(for: m.buyer.id, on: app.db) == 1)
        }
    }

    /// An order step reads both parties and the recipient's setting in one statement: the notice follows the recipient's
    /// own choice for its own kind, never the other side's nor another kind's, and speaks in the recipient's zone.
    @Test(arguments: TestDatabase.all)
    func anOrderStepsNoticeFollowsOnlyTheRecipientsOwnSettingForItsKind(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            app.clock = GuildClock(fixed: Self.start)
            let m = try await Market.make(app)
            // the buyer stops the emails of paid orders, the seller those of deliveries: neither is the other's notice
            for (member, kind) in [(m.buyer, "order_funded"), (m.seller, "order_delivered")] {
                #expect(try await app.send(.PATCH, "/api/v1/notifications/settings", headers: member.bearer,
                                           json: ["settings": [SettingPatch(kind: kind, email: false)]]).status == .ok)
            }
            try await app.db.sql.raw("UPDATE users SET timezone = 'Pacific/Auckland' WHERE id = \(bind: m.seller.id)").run()
            let order = try await m.place()
            #expect(try await m.step("fund", order.id, by: m.buyer).status == .ok)
            let funded = try #require(try await app.notes(.orderFunded).first)
            #expect(funded.memberID == m.seller.id && funded.inApp)
            #expect(funded.text.contains("(Pacific/Auckland time)"), "\(funded.text)")
            let fundedMail = try await app.outbox(for: funded.requireID())
            #expect(fundedMail.count == 1 && fundedMail.first?.toAddress == m.seller.email && fundedMail.first?.toName == "Sam Seller")
            #expect(try await m.step("deliver", order.id, by: m.seller, json: ["message": "Files"]).status == .ok)
            let delivered = try #require(try await app.notes(.orderDelivered).first)
            #expect(delivered.memberID == m.buyer.id && delivered.inApp)
            #expect(delivered.text.contains("UTC"), "\(delivered.text)")
            #expect(delivered.text.contains("Sam Seller"), "\(delivered.text)")
            let deliveredMail = try await app.outbox(for: delivered.requireID())
            #expect(deliveredMail.count == 1 && deliveredMail.first?.toAddress == m.buyer.email && deliveredMail.first?.body.contains("Hello Bea Buyer,") == true)
            // when the buyer then stops the delivery emails too, the next delivery (after a revision) is in the centre only
            #expect(try await app.send(.PATCH, "/api/v1/notifications/settings", headers: m.buyer.bearer,
                                       json: ["settings": [SettingPatch(kind: "order_delivered", email: false)]]).status == .ok)
            #expect(try await m.step("revisions", order.id, by: m.buyer, key: nil, json: ["message": "Bigger, please"]).status == .ok)
            #expect(try await m.step("deliver", order.id, by: m.seller, json: ["message": "Bigger"]).status == .ok)
            let again = try await app.notes(.orderDelivered)
            #expect(again.count == 2)
            #expect(try await app.outbox(for: try #require(again.last).requireID()).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aMemberReadsAndMarksOnlyTheirOwn(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.place()
            #expect(try await m.step("fund", order.id, by: m.buyer).status == .ok)
            let mine = try #require(try await app.centre(m.seller).first)
            // the buyer cannot mark the seller's notification, through the API or the page
            #expect(try await app.send(.POST, "/api/v1/notifications/\(mine.id)/read", headers: m.buyer.bearer).status == .notFound)
            let buyerPage = try await PageSession.loggedIn(app, m.buyer)
            #expect(try await buyerPage.post("/notifications/\(mine.id)/read", form: [:], from: "/notifications").status == .notFound)
            #expect(try await app.centre(m.seller).first?.read == false)
            #expect(try await app.send(.POST, "/api/v1/notifications/\(UUID())/read", headers: m.seller.bearer).status == .notFound)
            #expect(try await app.send(.POST, "/api/v1/notifications/\(mine.id)/read").status == .unauthorized)
            // the buyer's mark-all leaves the seller's alone
            #expect(try await app.send(.POST, "/api/v1/notifications/read-all", headers: m.buyer.bearer).decode(NotificationsAPIController.MarkedDTO.self).marked == 0)
            #expect(try await Notifications.unreadCount(for: m.seller.id, on: app.db) == 1)
            // the seller marks it read
            let read = try await app.send(.POST, "/api/v1/notifications/\(mine.id)/read", headers: m.seller.bearer)
            #expect(read.status == .ok)
            #expect(try read.decode(NoteDTO.self).read)
            #expect(try await Notifications.unreadCount(for: m.seller.id, on: app.db) == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theOrderTimersEarlierNoticesAreCopiedIntoTheCentre(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            let order = try await m.delivered()
            // a notice the order timers stored before the centre existed
            let old = OrderNotificationRecord()
            old.id = UUID(); old.memberID = m.buyer.id; old.orderID = order.id; old.kind = "acceptance_reminder"
            old.text = "The delivery of \"A logo for your bakery\" will be accepted automatically on Monday."; old.createdAt = Date(timeIntervalSince1970: 1_700_000_000)
            try await old.create(on: app.db)
            try await CopyOrderNotifications().prepare(on: app.db)
            let centre = try await app.centre(m.buyer)
            let copied = try #require(centre.first { $0.id == old.id })
            #expect(copied.kind == "acceptance_reminder" && copied.orderId == order.id && copied.text == old.text)
            #expect(copied.link == "/orders/\(order.id.uuidString)" && !copied.read && !copied.subject.isEmpty)
            #expect(try await OutboxEmailRecord.query(on: app.db).filter(\.$notificationID == old.id!).count() == 0)
        }
    }
}

struct ReviewBody: Content { var rating: Int; var text: String }
struct SettingPatch: Content { var kind: String; var inApp: Bool? = nil; var email: Bool? = nil }
