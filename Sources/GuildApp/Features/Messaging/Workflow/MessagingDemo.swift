// `guild demo`: conversations written through the same workflow as members' own, on the demo's clock: buyers ask on
// their orders and sellers answer (some within minutes, some the next day, a few not at all), and a few members write
// to a seller before ordering. The sellers' reply times then count in their responsiveness, as anyone's would.
import Vapor
import Fluent
import GuildCore

enum MessagingDemo {
    static let questions = [
        "Hi! Before you start: could you use our existing colours, or would you suggest new ones?",
        "Thanks for taking this on. Is there anything else you need from me to begin?",
        "Quick question: can the final files come in both a print and a web version?",
        "Hello, I attached the brief in the order. Does the timeline still work for you?",
    ]
    static let answers = [
        "Thanks for the order! I have what I need and will send a first draft in two days.",
        "Happy to. Both versions are included; I will send them together with the final delivery.",
        "Yes, the timeline works. I will check in halfway through with a short update.",
        "Good question: I would keep your colours and suggest one accent. I will show both options.",
    ]
    static let thanks = ["Perfect, thank you!", "Great, looking forward to it.", "Thanks, that helps."]

    static func run(_ demo: DemoContext) async throws {
        let ids = demo.created["orders"] ?? []
        guard !ids.isEmpty else { return }
        let orders = try await OrderRecord.query(on: demo.db).filter(\.$id ~~ ids).filter(\.$fundedAt != nil)
            .sort(\.$fundedAt, .descending).limit(40).all()
        let progress = demo.progress("messages", total: orders.count)
        let now = demo.realNow
        var sellers: Set<UUID> = []
        for (i, order) in orders.enumerated() {
            guard let funded = order.fundedAt, let buyer = try await User.find(order.buyerID, on: demo.db),
                  let seller = try await User.find(order.sellerID, on: demo.db) else { continue }
            let asked = min(funded.addingTimeInterval(600), now.addingTimeInterval(-7_200))
            demo.clock.set(asked)
            let conversation = try await MessagingStore.forOrder(order.id, user: buyer, now: asked, on: demo.db)
            let access = try await MessagingStore.access(conversation.id, for: buyer, on: demo.db)
            _ = try await MessagingStore.send(access, from: buyer, text: questions[i % questions.count], files: [], clientKey: nil, now: asked, on: demo.db)
            sellers.insert(order.sellerID)
            // Most sellers answer within the hour, some the next day; one in eight has not answered yet.
            guard i % 8 != 7 else { progress.show(i + 1); continue }
            let minutes = [7, 15, 25, 40, 90, 200, 600, 1_300][Int(demo.rng.next() % 8)]
            let answered = min(asked.addingTimeInterval(Double(minutes) * 60), now.addingTimeInterval(-3_600))
            let sellerAccess = try await MessagingStore.access(conversation.id, for: seller, on: demo.db)
            _ = try await MessagingStore.send(sellerAccess, from: seller, text: answers[i % answers.count], files: [], clientKey: nil,
                                              now: answered, on: demo.db)
            if i % 3 == 0 {
                _ = try await MessagingStore.send(access, from: buyer, text: thanks[i % thanks.count], files: [], clientKey: nil,
                                                  now: answered.addingTimeInterval(900), on: demo.db)
                // The buyer has read everything; the seller's page shows the thank-you as new.
                _ = try await MessagingStore.markRead(try await MessagingStore.access(conversation.id, for: buyer, on: demo.db), by: buyer,
                                                      upTo: nil, app: demo.app, logger: demo.app.logger)
            }
            progress.show(i + 1)
        }
        // A member writes to a seller before ordering, and the seller answers.
        if let order = orders.first, let seller = try await User.find(order.sellerID, on: demo.db),
           let asker = demo.members.first(where: { $0.id != order.sellerID && $0.id != order.buyerID && !$0.has(.admin) }) {
            let at = now.addingTimeInterval(-5 * 3_600)
            let (c, _) = try await MessagingStore.direct(from: asker, to: order.sellerID, now: at, on: demo.db)
            _ = try await MessagingStore.send(try await MessagingStore.access(c.id, for: asker, on: demo.db), from: asker,
                                              text: "Hello! Do you take on small jobs, a single page or two? I would like to ask before ordering.",
                                              files: [], clientKey: nil, now: at, on: demo.db)
            _ = try await MessagingStore.send(try await MessagingStore.access(c.id, for: seller, on: demo.db), from: seller,
                                              text: "Yes, gladly. The Basic package covers one page; tell me a little about it and I will say if it fits.",
                                              files: [], clientKey: nil, now: at.addingTimeInterval(35 * 60), on: demo.db)
            sellers.insert(order.sellerID)
        }
        demo.clock.set(now)
        for seller in sellers { try await SellerResponsiveness.refresh(seller: seller, now: now, on: demo.db) }
        progress.finish()
    }
}
