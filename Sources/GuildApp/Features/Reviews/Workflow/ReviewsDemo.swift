// `guild demo`: reviews written through the same workflow as members' own, so every rating the demo shows is the sum of
// revealed reviews: both sides on most finished orders (revealed), one side on some (still sealed), a response, a flag.
import Vapor
import Fluent
import GuildCore

enum ReviewsDemo {
    static let buyerTexts = [
        (5, "Clear questions at the start, and the result was exactly what we needed. Would hire again."),
        (5, "Delivered early and explained every choice. A pleasure to work with."),
        (4, "Good work and friendly. One round of changes took a little longer than promised."),
        (4, "Solid result; the first draft missed the brief slightly but the revision fixed it."),
        (3, "The work was fine, but I had to chase for updates."),
        (2, "Late, and parts of the brief were left out until I asked twice."),
    ]
    static let sellerTexts = [
        (5, "A clear brief, quick answers and prompt payment."),
        (5, "Knew what they wanted and gave useful feedback."),
        (4, "Friendly; the brief changed halfway, which we sorted out together."),
    ]

    static func run(_ demo: DemoContext) async throws {
        let ids = demo.created["orders"] ?? []
        guard !ids.isEmpty else { return }
        let orders = try await OrderRecord.query(on: demo.db).filter(\.$id ~~ ids)
            .filter(\.$state ~~ [OrderState.completed.rawValue, OrderState.resolved.rawValue]).all()
        let progress = demo.progress("reviews", total: orders.count)
        let now = demo.realNow
        var written: [ReviewRecord] = []
        for (i, order) in orders.enumerated() {
            // Each side reviews a day or two after the order ended, on the demo's clock.
            let ended = order.completedAt ?? order.stateEnteredAt
            let recent = ended > now.addingTimeInterval(-Double(ReviewWindow.lengthDays - 1) * 86_400)
            demo.clock.set(min(ended.addingTimeInterval(86_400), now.addingTimeInterval(-3_600)))
            guard let buyer = try await User.find(order.buyerID, on: demo.db), let seller = try await User.find(order.sellerID, on: demo.db) else { continue }
            // Most buyers are happy (as on real marketplaces, where averages sit near 4.7); a few are not.
            let roll = Int(demo.rng.next() % 100)
            let b = buyerTexts[roll < 55 ? Int(demo.rng.next() % 2) : roll < 88 ? 2 + Int(demo.rng.next() % 2) : roll < 96 ? 4 : 5]
            // A dispute that refunded the buyer in full leaves nothing to review; the workflow says so, and the demo moves on.
            do {
                written.append(try await ReviewWorkflow.submit(orderID: order.id, by: buyer, draft: ReviewDraft(
                    rating: b.0, text: b.1, communication: max(1, b.0 - Int(demo.rng.next() % 2)), quality: b.0,
                    outsideSellerControl: i % 11 == 5), now: demo.clock.now(), on: demo.db))
                // Some sellers never review: recent orders then stay sealed until the window closes; older ones were
                // revealed when theirs closed.
                if recent ? i % 2 == 0 : i % 4 != 3 {
                    demo.clock.set(min(ended.addingTimeInterval(2 * 86_400), now.addingTimeInterval(-1_800)))
                    let s = sellerTexts[Int(demo.rng.next() % UInt64(sellerTexts.count))]
                    written.append(try await ReviewWorkflow.submit(orderID: order.id, by: seller, draft: ReviewDraft(rating: s.0, text: s.1),
                                                                   now: demo.clock.now(), on: demo.db))
                }
            } catch is ConflictError { }
            progress.show(i + 1)
        }
        // Reviews whose window closed one-sided are revealed, as the timers would have done.
        demo.clock.set(now)
        _ = try await ReviewWorkflow.revealDue(now: now, on: demo.db)
        // The seller of the first revealed buyer's review answers it, and another member flags one for an arbiter.
        let revealed = try await ReviewRecord.query(on: demo.db).filter(\.$id ~~ written.compactMap(\.id)).filter(\.$revealedAt != nil)
            .sort(\.$submittedAt).all()
        if let answered = revealed.first(where: { $0.reviewSide == .buyer }),
           let subject = try await User.find(answered.subjectID, on: demo.db) {
            _ = try await ReviewWorkflow.respond(to: answered.id, by: subject, text: "Thank you for the kind words, and for the clear brief.",
                                                 now: now, on: demo.db)
        }
        if let flagged = revealed.last(where: { $0.rating <= 4 }),
           let flagger = demo.members.first(where: { $0.id != flagged.authorID && $0.id != flagged.subjectID && !$0.has(.arbiter) }) {
            _ = try await ReviewWorkflow.flag(flagged.id, by: flagger, reason: "It complains about the platform rather than this order.",
                                              now: now, on: demo.db)
        }
        progress.finish()
    }
}
