// `guild demo`: orders in every state, driven through the same workflow as real ones so the money is consistent.
import Vapor
import Fluent
import GuildCore

enum OrderDemo {
    /// The demo's gigs by id, in chunks: PostgreSQL takes at most 65,535 parameters in one statement, and a demo of
    /// 100,000 gigs has more.
    static func gigs(_ ids: [UUID], on db: any Database) async throws -> [Gig] {
        var out: [Gig] = []
        for chunk in ids.chunked(10_000) { out += try await Gig.query(on: db).filter(\.$id ~~ Array(chunk)).all() }
        return out
    }

    /// The paths to each state, as the events that lead there (actors implied by the event).
    static let paths: [(OrderState, [OrderEvent])] = [
        (.awaitingPayment, []),
        (.inProgress, [.fund]),
        (.delivered, [.fund, .deliver]),
        (.completed, [.fund, .deliver, .accept]),
        (.completed, [.fund, .deliver, .requestRevision, .deliver, .accept]),
        (.cancelled, [.fund, .proposeCancellation, .acceptCancellation]),
        (.cancelled, [.proposeCancellation]),
        (.disputed, [.fund, .deliver, .openDispute]),
        (.resolved, [.fund, .deliver, .openDispute, .resolveDispute]),
        (.expired, [.expire]),
    ]

    static func run(_ demo: DemoContext) async throws {
        var gigIDs = demo.created["gigs"] ?? []
        if gigIDs.isEmpty {
            gigIDs = try await Gig.query(on: demo.db).filter(\.$status == GigStatus.published.rawValue).limit(500).all().compactMap(\.id)
        }
        guard !gigIDs.isEmpty, demo.members.count >= 2 else {
            demo.console.print("orders: no published gigs yet, so no demo orders")
            return
        }
        let count = min(max(paths.count * 3, demo.gigCount / 2), 600)
        let arbiter = demo.members[0]
        let app = demo.app
        var made: [UUID] = []
        let joined = Dictionary(uniqueKeysWithValues: try await User.query(on: demo.db).all().map { ($0.id!, $0.createdAt ?? demo.realNow) })
        let yearAgo = demo.realNow.addingTimeInterval(-330 * 86_400)
        // A few long-standing sellers work steadily all year (their own gigs, their own orders); the rest of the orders
        // go to everyone else.
        let careers = try await careers(demo, gigIDs: gigIDs, joined: joined, yearAgo: yearAgo)
        let careerSellers = Set(careers.compactMap(\.seller.id))
        var plan = schedule(careers, from: yearAgo, to: demo.realNow.addingTimeInterval(-14 * 86_400))[...]
        let progress = demo.progress("orders", total: count + plan.count)
        // Half the orders go to a few busy sellers, as on any marketplace, so that some records grow enough to earn a level.
        let sellerOfGig = Dictionary(uniqueKeysWithValues: try await gigs(gigIDs, on: demo.db).map { ($0.id!, $0.$seller.id) })
        gigIDs = gigIDs.filter { sellerOfGig[$0].map { !careerSellers.contains($0) } ?? false }
        guard !gigIDs.isEmpty else { return }
        let busySellers = Set(gigIDs.compactMap { sellerOfGig[$0] }.prefix(3))
        let busyGigs = gigIDs.filter { sellerOfGig[$0].map(busySellers.contains) ?? false }
        var sellersSoFar: Set<UUID> = careerSellers
        // The monthly level evaluation runs on the published schedule (midnight UTC on the first of each month) on the
        // demo's clock, through the same run as `serve`'s timer; this month's runs in the levels step, after the reviews.
        let thisMonth = LevelRules.nextEvaluation(after: LevelRules.nextEvaluation(after: demo.realNow).addingTimeInterval(-40 * 86_400))
        var nextRun = LevelRules.nextEvaluation(after: yearAgo)
        func evaluateMonthsUntil(_ date: Date) async throws {
            while nextRun <= date && nextRun < thisMonth {
                demo.clock.set(nextRun)
                _ = try await LevelWorkflow.runIfDue(now: nextRun, on: demo.db)
                nextRun = LevelRules.nextEvaluation(after: nextRun)
            }
        }
        var done = 0
        // The career orders placed up to `date`, in time order, with the evaluations that fall between them.
        func runCareerOrders(until date: Date) async throws {
            while let next = plan.first, next.at <= date {
                plan = plan.dropFirst()
                try await evaluateMonthsUntil(next.at)
                if let id = try await runCareerOrder(next, careers[next.career], demo, joined: joined) { demo.created["careerOrders", default: []].append(id) }
                done += 1
                progress.show(done)
            }
        }
        for i in 0..<count {
            // Orders that end are spread over the year; the careers' orders and the month's evaluations fall in between.
            let nominal = yearAgo.addingTimeInterval(Double(i) / Double(count) * 300 * 86_400)
            try await runCareerOrders(until: nominal)
            try await evaluateMonthsUntil(nominal)
            let pool = (i % 3 != 0 && !busyGigs.isEmpty) ? busyGigs : gigIDs
            let gigID = pool[Int(demo.rng.next() % UInt64(pool.count))]
            // The gigs step also makes drafts and paused gigs; only a published gig can be ordered.
            guard let gig = try await Gig.find(gigID, on: demo.db), gig.gigStatus == .published, let package = gig.packages.first else { continue }
            var buyer = demo.members[Int(demo.rng.next() % UInt64(demo.members.count))]
            if buyer.id == gig.$seller.id { buyer = demo.members[(demo.members.firstIndex { $0.id == buyer.id }! + 1) % demo.members.count] }
            guard let seller = try await User.find(gig.$seller.id, on: demo.db), buyer.id != seller.id else { continue }
            let (finalState, events) = paths[i % paths.count]
            // Finished orders are spread over the past year; the last round, and every order still under way, are recent.
            let recent = !finalState.isTerminal || i >= count - paths.count
            // The time each step takes: a delivery within the package's days, except now and then a late one.
            let late = i % 7 == 6 && !busySellers.contains(seller.id!)
            let durations: [TimeInterval] = events.map { event in
                switch event {
                case .deliver: late ? Double(package.deliveryDays + 1) * 86_400 : Double(max(1, package.deliveryDays - 1)) * 86_400
                case .expire: 7 * 86_400 + 3_600
                default: 20 * 3_600
                }
            }
            let latestStart = demo.realNow.addingTimeInterval(-durations.reduce(3_600, +))
            var placedAt = recent ? latestStart : nominal
            placedAt = min(max(placedAt, (joined[seller.id!] ?? yearAgo) + 86_400, (joined[buyer.id!] ?? yearAgo) + 86_400), latestStart)
            demo.clock.set(placedAt)
            sellersSoFar.insert(seller.id!)
            let order = try await OrderPlacement.place(gigID: gigID, packageName: package.name, buyer: buyer, services: OrderServices(app: app), on: demo.db)
            for (event, duration) in zip(events, durations) {
                demo.clock.advance(seconds: duration)
                let services = OrderServices(app: app)
                let party: OrderParty
                var input = OrderStepInput()
                switch event {
                case .fund, .accept, .requestRevision, .acceptCancellation: party = .member(buyer)
                case .deliver, .proposeCancellation where i % paths.count != 6: party = .member(seller)
                case .proposeCancellation: party = .member(buyer)
                case .openDispute: party = .member(buyer); input.reason = "Part of the brief was not delivered."
                case .resolveDispute:
                    party = .member(arbiter)
                    let half = order.priceCents / 2
                    input.sellerCents = half
                    input.buyerCents = order.priceCents - half
                case .expire: party = .system
                default: party = .system
                }
                if event == .deliver { input.message = "Here is the work, as agreed. Tell me if anything should change." }
                if event == .resolveDispute && (arbiter.id == buyer.id || arbiter.id == seller.id) { break }
                let stepInput = input
                _ = try await WriteTransaction.run(on: demo.db) { tx in
                    try await OrderWorkflow.perform(event, orderID: order.id!, by: party, input: stepInput, services: services, on: tx)
                }
            }
            made.append(order.id!)
            done += 1
            progress.show(done)
        }
        try await runCareerOrders(until: demo.realNow)
        try await evaluateMonthsUntil(demo.realNow)
        made += try await settledOrders(demo, gigIDs: gigIDs)
        // Each seller's responsiveness, measured from the order history just made.
        for seller in sellersSoFar { try await SellerResponsiveness.refresh(seller: seller, now: demo.realNow, on: demo.db) }
        demo.clock.set(demo.realNow.addingTimeInterval(-2 * 86_400))
        made += try await milestoneOrders(demo, gigIDs: gigIDs)
        demo.clock.set(demo.realNow.addingTimeInterval(-86_400))
        // Some sellers withdraw part of what they earned.
        let earners = try await LedgerAccountRecord.query(on: demo.db).filter(\.$balanceCents >= 5_000).all()
        for account in earners.prefix(10) {
            guard case .member(let id) = try LedgerAccountRef(key: account.id!) else { continue }
            let services = OrderServices(app: app)
            _ = try await WriteTransaction.run(on: demo.db) { tx in
                try await PayoutWorkflow.request(member: id, amountCents: account.balanceCents / 2, services: services, on: tx)
            }
        }
        demo.created["orders"] = made
        progress.finish()
    }

    /// Two delivered orders the sides settle themselves: one partial refund proposed by the buyer and accepted by the
    /// seller, one proposal still waiting for an answer.
    static func settledOrders(_ demo: DemoContext, gigIDs: [UUID]) async throws -> [UUID] {
        var made: [UUID] = []
        for (n, gigID) in gigIDs.prefix(6).enumerated() where made.count < 2 {
            guard let gig = try await Gig.find(gigID, on: demo.db), gig.gigStatus == .published, let package = gig.packages.first,
                  let seller = try await User.find(gig.$seller.id, on: demo.db),
                  let buyer = demo.members.dropFirst(n + 1).first(where: { $0.id != seller.id }) else { continue }
            demo.clock.set(demo.realNow.addingTimeInterval(-4 * 86_400))
            let order = try await OrderPlacement.place(gigID: gigID, packageName: package.name, buyer: buyer, services: OrderServices(app: demo.app), on: demo.db)
            let id = try order.requireID()
            for (event, party, hours) in [(OrderEvent.fund, buyer, 2.0), (.deliver, seller, 30.0)] {
                demo.clock.advance(seconds: hours * 3_600)
                let services = OrderServices(app: demo.app)
                _ = try await WriteTransaction.run(on: demo.db) { tx in
                    try await OrderWorkflow.perform(event, orderID: id, by: .member(party),
                                                    input: .init(message: "Here is the work; the last part is shorter than we planned."),
                                                    services: services, on: tx)
                }
            }
            demo.clock.advance(seconds: 20 * 3_600)
            let refund = order.priceCents * 40 / 100
            let now = demo.clock.now()
            let (proposal, _) = try await WriteTransaction.run(on: demo.db) { tx in
                try await SettlementWorkflow.propose(orderID: id, by: buyer, sellerCents: order.priceCents - refund, buyerCents: refund, now: now, on: tx)
            }
            if made.isEmpty {
                demo.clock.advance(seconds: 5 * 3_600)
                let services = OrderServices(app: demo.app)
                _ = try await WriteTransaction.run(on: demo.db) { tx in try await SettlementWorkflow.accept(proposal.id, by: seller, services: services, on: tx) }
            }
            made.append(id)
        }
        return made
    }

    /// Custom orders in milestones: one waiting for payment, one part paid, one disputed, one split by an arbiter.
    static func milestoneOrders(_ demo: DemoContext, gigIDs: [UUID]) async throws -> [UUID] {
        let arbiter = demo.members[0]
        let app = demo.app
        var made: [UUID] = []
        for i in 0..<4 {
            let gigID = gigIDs[Int(demo.rng.next() % UInt64(gigIDs.count))]
            guard let gig = try await Gig.find(gigID, on: demo.db), let seller = try await User.find(gig.$seller.id, on: demo.db) else { continue }
            guard let buyer = demo.members.dropFirst().first(where: { $0.id != seller.id }), arbiter.id != seller.id, arbiter.id != buyer.id else { continue }
            let services = OrderServices(app: app)
            let now = services.now
            let body = CreateCustomOrderRequest(sellerId: seller.id, title: "\(gig.title): a larger project in stages", milestones: [
                MilestoneInput(title: "First draft", amountCents: 30_000, dueDate: now.addingTimeInterval(10 * 86_400)),
                MilestoneInput(title: "Final version", amountCents: 45_000, dueDate: now.addingTimeInterval(24 * 86_400)),
            ])
            let order = try await MilestoneWorkflow.place(body, buyer: buyer, services: services, on: demo.db)
            let id = try order.requireID()
            func step(_ action: MilestoneStep, _ n: Int, by user: User) async throws {
                _ = try await WriteTransaction.run(on: demo.db) { tx in
                    try await MilestoneWorkflow.step(action, orderID: id, index: n, by: .member(user), message: "Stage \(n + 1) is ready for review.",
                                                     services: services, on: tx)
                }
            }
            if i >= 1 { try await step(.fund, 0, by: buyer); try await step(.deliver, 0, by: seller); try await step(.accept, 0, by: buyer) }
            if i >= 2 {
                try await step(.fund, 1, by: buyer); try await step(.deliver, 1, by: seller)
                _ = try await WriteTransaction.run(on: demo.db) { tx in
                    try await OrderWorkflow.perform(.openDispute, orderID: id, by: .member(buyer),
                                                    input: .init(reason: "The final version leaves out the pages we agreed on."), services: services, on: tx)
                }
            }
            if i >= 3 {
                _ = try await WriteTransaction.run(on: demo.db) { tx in
                    try await OrderWorkflow.perform(.resolveDispute, orderID: id, by: .member(arbiter),
                                                    input: .init(sellerCents: 30_000, buyerCents: 15_000), services: services, on: tx)
                }
            }
            made.append(id)
        }
        return made
    }
}
