// `guild demo`: orders in every state, driven through the same workflow as real ones so the money is consistent.
import Vapor
import Fluent
import GuildCore

enum OrderDemo {
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
        let count = min(max(paths.count * 3, demo.gigCount / 4), 400)
        let progress = demo.progress("orders", total: count)
        let arbiter = demo.members[0]
        let app = demo.app
        var made: [UUID] = []
        for i in 0..<count {
            let gigID = gigIDs[Int(demo.rng.next() % UInt64(gigIDs.count))]
            guard let gig = try await Gig.find(gigID, on: demo.db), let package = gig.packages.first else { continue }
            var buyer = demo.members[Int(demo.rng.next() % UInt64(demo.members.count))]
            if buyer.id == gig.$seller.id { buyer = demo.members[(demo.members.firstIndex { $0.id == buyer.id }! + 1) % demo.members.count] }
            guard let seller = try await User.find(gig.$seller.id, on: demo.db), buyer.id != seller.id else { continue }
            let services = OrderServices(app: app)
            let order = try await OrderPlacement.place(gigID: gigID, packageName: package.name, buyer: buyer, services: services, on: demo.db)
            let (_, events) = paths[i % paths.count]
            for event in events {
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
            progress.show(i + 1)
        }
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
}
