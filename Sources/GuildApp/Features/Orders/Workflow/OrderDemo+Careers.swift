// `guild demo`: a year of steady work for a few long-standing sellers, so that the monthly evaluations raise some to
// Established and one to Top by the published rules. Each order runs through the same workflow as any other (placed,
// paid, delivered, accepted), and both sides review it right after, so every rating is the sum of reviews. One
// smaller career slips this month (two late deliveries), and this month's evaluation warns it.
import Vapor
import Fluent
import GuildCore

extension OrderDemo {
    /// One seller's year: how many orders and the packages their clients buy.
    struct Career {
        var seller: User
        var joinedAt: Date
        var orders: Int
        /// (name, price, days): the signature gig's packages, offered alternately.
        var packages: [(String, Int64, Int)]
        /// Every n-th buyer gives four stars instead of five (people are not unanimous).
        var fourStarEvery: Int
        /// How many of the last orders slip: delivered late, and the buyers say so.
        var lateLast: Int
        var gig: Gig?
    }

    /// One planned order of a career, at the time it is placed.
    struct CareerOrder {
        var at: Date
        var career: Int
        var number: Int
    }

    /// Sizes of the careers: one heads for Top (75 completed orders, $20,000 earned), two for Established (25 orders,
    /// $4,000), and a smaller one whose last two orders this month arrive late. The rules decide what each reaches (and
    /// whether the slip costs a warning); these are only how busy they were and how the work went.
    static let careerPlans: [(orders: Int, packages: [(String, Int64, Int)], fourStarEvery: Int, lateLast: Int)] = [
        (78, [("Standard", 22_000, 5), ("Complete", 42_000, 9)], 6, 0),
        (27, [("Standard", 16_000, 4), ("Complete", 26_000, 7)], 5, 0),
        (27, [("Standard", 15_000, 4), ("Complete", 24_000, 6)], 4, 0),
        (9, [("Standard", 12_000, 5)], 3, 2),
    ]

    /// The longest-standing members with a published gig, other than the first (the demo's arbiter), who joined early
    /// enough for a year of work; their signature gig is made through the gigs workflow, as a seller's own would be.
    static func careers(_ demo: DemoContext, gigIDs: [UUID], joined: [UUID: Date], yearAgo: Date) async throws -> [Career] {
        let arbiterID = demo.members.first?.id
        let sellersWithGigs = Set(try await gigs(gigIDs, on: demo.db).filter { $0.status == GigStatus.published.rawValue }.map(\.$seller.id))
        let oldest = demo.members.filter { $0.id != arbiterID && sellersWithGigs.contains($0.id!) && (joined[$0.id!] ?? demo.realNow) < yearAgo }
            .sorted { (joined[$0.id!] ?? demo.realNow) < (joined[$1.id!] ?? demo.realNow) }
        var careers: [Career] = []
        for (seller, plan) in zip(oldest, careerPlans) {
            guard let template = try await Gig.query(on: demo.db).filter(\.$seller.$id == seller.id!)
                .filter(\.$status == GigStatus.published.rawValue).first() else { continue }
            let headline = seller.headline.isEmpty ? template.title : seller.headline
            let draft = GigDraft(
                title: String("\(headline): the full service".prefix(GigRules.titleLength.upperBound)),
                description: "My main service, refined over years of work for returning clients. We agree the brief on a short call, you see a first version within days, and I change it until it is right.",
                category: template.category, subcategory: template.subcategory, tags: template.tags,
                packages: plan.packages.enumerated().map { n, p in
                    PackageDraft(name: p.0, priceCents: p.1, deliveryDays: p.2, revisions: n + 1,
                                 includes: ["A short call to agree the brief", "Two rounds of changes", "Source files"].prefix(n + 2).map { $0 })
                })
            let gig = try await GigCatalog.create(sellerID: seller.id!, draft: draft, status: .published, on: demo.db)
            careers.append(Career(seller: seller, joinedAt: joined[seller.id!] ?? yearAgo, orders: plan.orders, packages: plan.packages,
                                  fourStarEvery: plan.fourStarEvery, lateLast: plan.lateLast, gig: gig))
        }
        return careers
    }

    /// Each career's orders spread evenly from a year ago (or the week after the seller joined) to `end`; the orders
    /// that slip come in the last weeks, a week apart, after the previous month's evaluation.
    static func schedule(_ careers: [Career], from start: Date, to end: Date) -> [CareerOrder] {
        careers.enumerated().flatMap { c, career in
            let first = max(start, career.joinedAt.addingTimeInterval(7 * 86_400))
            let steady = career.orders - career.lateLast
            let steadyEnd = career.lateLast > 0 ? end.addingTimeInterval(-30 * 86_400) : end
            let step = steadyEnd.timeIntervalSince(first) / Double(max(1, steady))
            return (0..<career.orders).map { n in
                let at = n < steady ? first.addingTimeInterval(Double(n) * step) : end.addingTimeInterval(-Double(career.orders - 1 - n) * 7 * 86_400)
                return CareerOrder(at: at, career: c, number: n)
            }
        }.sorted { $0.at < $1.at }
    }

    /// One career order through the workflow: paid within hours, delivered a day before the package's deadline,
    /// accepted the next day, then reviewed by both sides (both in, so both are revealed at once).
    static func runCareerOrder(_ planned: CareerOrder, _ career: Career, _ demo: DemoContext, joined: [UUID: Date]) async throws -> UUID? {
        guard let gig = career.gig else { return nil }
        let package = career.packages[planned.number % career.packages.count]
        let late = planned.number >= career.orders - career.lateLast
        let buyers = demo.members.filter { $0.id != career.seller.id && (joined[$0.id!] ?? demo.realNow) < planned.at.addingTimeInterval(-86_400) }
        guard !buyers.isEmpty else { return nil }
        let buyer = buyers[Int(demo.rng.next() % UInt64(buyers.count))]
        demo.clock.set(planned.at)
        let app = demo.app
        let order = try await OrderPlacement.place(gigID: gig.id, packageName: package.0, buyer: buyer, services: OrderServices(app: app), on: demo.db)
        let id = try order.requireID()
        let steps: [(OrderEvent, User, TimeInterval, OrderStepInput)] = [
            (.fund, buyer, 2 * 3_600, OrderStepInput()),
            (.deliver, career.seller, Double(late ? package.2 + 2 : max(1, package.2 - 1)) * 86_400,
             OrderStepInput(message: "Here is the finished work, with the source files. Tell me if anything should change.")),
            (.accept, buyer, 20 * 3_600, OrderStepInput()),
        ]
        for (event, party, wait, input) in steps {
            demo.clock.advance(seconds: wait)
            let services = OrderServices(app: app)
            _ = try await WriteTransaction.run(on: demo.db) { tx in
                try await OrderWorkflow.perform(event, orderID: id, by: .member(party), input: input, services: services, on: tx)
            }
        }
        let stars = late ? 2 + planned.number % 2 : planned.number % career.fourStarEvery == career.fourStarEvery - 1 ? 4 : 5
        let text = ReviewsDemo.buyerTexts.first { $0.0 == stars }?.1 ?? ""
        demo.clock.advance(seconds: 86_400)
        _ = try await ReviewWorkflow.submit(orderID: id, by: buyer, draft: ReviewDraft(rating: stars, text: text, communication: stars, quality: stars,
                                                                                    onTime: late ? 1 : 5), now: demo.clock.now(), on: demo.db)
        demo.clock.advance(seconds: 3 * 3_600)
        let back = ReviewsDemo.sellerTexts[planned.number % ReviewsDemo.sellerTexts.count]
        _ = try await ReviewWorkflow.submit(orderID: id, by: career.seller, draft: ReviewDraft(rating: back.0, text: back.1),
                                            now: demo.clock.now(), on: demo.db)
        return id
    }
}
