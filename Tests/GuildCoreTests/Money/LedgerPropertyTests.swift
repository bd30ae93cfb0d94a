// Random marketplaces: sequences of order events and payouts over many members, checking every invariant after each step.
import Foundation
import PropertyBased
import Testing
@testable import GuildCore

/// One random step: what to do, which order or member it picks, and an amount to use.
struct MarketStep: Sendable, CustomStringConvertible {
    enum Kind: Int, CaseIterable, Sendable {
        case createOrder, fund, fundFromBalance, deliver, accept, autoAccept, requestRevision
        case proposeCancellation, acceptCancellation, cancelBySeller, expire
        case openDispute, arbiterSplit, defaultOutcome
        case requestPayout, payoutSent, payoutFailed, replayResolvedHold
    }

    let kind: Kind
    let pick: Int
    let amountCents: Int64

    var description: String { "\(kind)(pick: \(pick), amount: \(amountCents))" }
}

/// The simulated marketplace: orders driven by `OrderProcess`, money by `InMemoryLedger`, and an
/// independent tally of what the platform and the provider should show.
struct Marketplace {
    struct Order {
        let id: UUID
        let buyer: UUID
        let seller: UUID
        let priceCents: Int64
        let revisionsAllowed: Int
        var state: OrderState = .awaitingPayment
        var holdID: UUID?
        var revisionsUsed = 0
        var cancellationProposedBy: OrderActor?
        var delivered = false
        var disputeOpenedBy: OrderActor?
    }

    static let memberCount = 8
    static let members = (1...memberCount).map { MoneyFixtures.id($0) }
    static let provider = "sandbox"

    var ledger = InMemoryLedger(feePolicy: .standard, provider: provider)
    var orders: [Order] = []
    var requestedPayouts: [UUID] = []
    var resolvedHolds: [UUID] = []
    var now = MoneyFixtures.now
    var nextID = 10_000
    /// Tallied from the fee policy alone, not from the ledger.
    var expectedPlatformCents: Int64 = 0
    var expectedProviderCents: Int64 = 0

    mutating func newID() -> UUID {
        nextID += 1
        return MoneyFixtures.id(nextID)
    }

    /// Runs one step. Returns a description of anything that went wrong.
    mutating func run(_ step: MarketStep) -> [String] {
        now = now.addingTimeInterval(3_600)
        let before = ledger
        var problems: [String] = []
        switch step.kind {
        case .createOrder:
            let buyer = Self.members[step.pick % Self.memberCount]
            var seller = Self.members[(step.pick / Self.memberCount) % Self.memberCount]
            if seller == buyer { seller = Self.members[(step.pick + 1) % Self.memberCount] }
            orders.append(Order(id: newID(), buyer: buyer, seller: seller, priceCents: step.amountCents,
                                revisionsAllowed: step.pick % 3))
        case .fund: problems += orderEvent(.fund, by: .buyer, step: step)
        case .fundFromBalance: problems += orderEvent(.fund, by: .buyer, step: step, fromBalance: true)
        case .deliver: problems += orderEvent(.deliver, by: .seller, step: step)
        case .accept: problems += orderEvent(.accept, by: .buyer, step: step)
        case .autoAccept: problems += orderEvent(.autoAccept, by: .system, step: step)
        case .requestRevision: problems += orderEvent(.requestRevision, by: .buyer, step: step)
        case .proposeCancellation: problems += orderEvent(.proposeCancellation, by: step.pick % 2 == 0 ? .buyer : .seller, step: step)
        case .acceptCancellation: problems += orderEvent(.acceptCancellation, by: step.pick % 2 == 0 ? .buyer : .seller, step: step)
        case .cancelBySeller: problems += orderEvent(.cancelBySeller, by: .seller, step: step)
        case .expire: problems += orderEvent(.expire, by: .system, step: step)
        case .openDispute: problems += orderEvent(.openDispute, by: step.pick % 2 == 0 ? .buyer : .seller, step: step)
        case .arbiterSplit: problems += orderEvent(.resolveDispute, by: .arbiter, step: step)
        case .defaultOutcome: problems += orderEvent(.resolveDispute, by: .system, step: step)
        case .requestPayout: problems += requestPayout(step)
        case .payoutSent, .payoutFailed: problems += settlePayout(step, sent: step.kind == .payoutSent)
        case .replayResolvedHold: problems += replayResolvedHold(step)
        }
        if ledger != before, problems.isEmpty, step.kind == .createOrder || step.kind == .replayResolvedHold {
            problems.append("\(step) changed the ledger")
        }
        return problems + invariantProblems()
    }

    private mutating func orderEvent(_ event: OrderEvent, by actor: OrderActor, step: MarketStep, fromBalance: Bool = false) -> [String] {
        guard !orders.isEmpty else { return [] }
        let index = step.pick % orders.count
        var order = orders[index]
        let before = ledger
        let facts = OrderFacts(revisionsUsed: order.revisionsUsed, revisionsAllowed: order.revisionsAllowed,
                               cancellationProposedBy: order.cancellationProposedBy)
        let next: OrderState
        do {
            next = try OrderProcess.apply(event: event, actor: actor, from: order.state, facts: facts)
        } catch {
            // A refused event must move no money.
            return ledger == before ? [] : ["refused \(event.rawValue) still changed the ledger"]
        }
        let transition = OrderProcess.transition(from: order.state, event: event)!
        do {
            try moveMoney(transition.money, for: &order, fromBalance: fromBalance, step: step)
        } catch let error as ValidationError where fromBalance && error.field == "amountCents" {
            // Paying from a balance that is too small is refused, and nothing moves.
            return ledger == before ? [] : ["refused funding still changed the ledger"]
        } catch {
            return ["\(event.rawValue) from \(order.state.rawValue) failed to move money: \(error)"]
        }
        order.state = next
        switch event {
        case .requestRevision: order.revisionsUsed += 1
        case .proposeCancellation: order.cancellationProposedBy = actor
        case .deliver: order.delivered = true
        case .openDispute: order.disputeOpenedBy = actor
        default: break
        }
        if next != .inProgress && next != .delivered { order.cancellationProposedBy = nil }
        orders[index] = order
        return holdMatchesOrder(order)
    }

    private mutating func moveMoney(_ effect: OrderMoneyEffect, for order: inout Order, fromBalance: Bool, step: MarketStep) throws {
        switch effect {
        case .none:
            return
        case .fundEscrow:
            let holdID = newID()
            if fromBalance {
                try ledger.fundFromBalance(holdID: holdID, orderID: order.id, buyer: order.buyer, seller: order.seller,
                                           amountCents: order.priceCents, now: now)
            } else {
                try ledger.fund(holdID: holdID, orderID: order.id, buyer: order.buyer, seller: order.seller,
                                amountCents: order.priceCents, now: now)
                expectedProviderCents -= order.priceCents
            }
            order.holdID = holdID
        case .releaseToSeller:
            try settle(order, sellerCents: order.priceCents) { try $0.release(holdID: $1, now: $2) }
        case .refundToBuyer:
            try settle(order, sellerCents: 0) { try $0.refund(holdID: $1, now: $2) }
        case .divideByOutcome:
            let outcome: DisputeOutcome
            if step.kind == .defaultOutcome {
                let facts = DisputeFacts(openedBy: order.disputeOpenedBy ?? .buyer, openedAt: now.addingTimeInterval(-80 * 3_600),
                                         answeredAt: step.pick % 2 == 0 ? nil : now.addingTimeInterval(-79 * 3_600),
                                         sellerDelivered: order.delivered, escrowedCents: order.priceCents)
                outcome = DisputeRules.defaultOutcome(for: facts, now: now.addingTimeInterval(8 * 86_400))!
            } else {
                let sellerCents = step.amountCents % (order.priceCents + 1)
                outcome = try DisputeRules.outcome(sellerCents: sellerCents, buyerCents: order.priceCents - sellerCents,
                                                   escrowedCents: order.priceCents, actor: .arbiter)
            }
            try settle(order, sellerCents: outcome.sellerCents) { try $0.resolve(holdID: $1, outcome: outcome, now: $2) }
        }
    }

    private mutating func settle(_ order: Order, sellerCents: Int64,
                                 _ resolve: (inout InMemoryLedger, UUID, Date) throws -> EscrowHold) throws {
        guard let holdID = order.holdID else { return }
        _ = try resolve(&ledger, holdID, now)
        expectedPlatformCents += FeePolicy.standard.feeCents(on: sellerCents)
        resolvedHolds.append(holdID)
    }

    private mutating func requestPayout(_ step: MarketStep) -> [String] {
        let member = Self.members[step.pick % Self.memberCount]
        let available = ledger.balance(of: .member(member))
        // Half the time ask for at most the balance, so payouts succeed often enough to matter.
        let amount = step.pick % 2 == 0 && available > 0 ? step.amountCents % available + 1 : step.amountCents
        let shouldSucceed = amount >= 100 && amount <= available
        let before = ledger
        do {
            try ledger.requestPayout(id: newID(), member: member, amountCents: amount, minimumCents: 100, now: now)
            requestedPayouts.append(MoneyFixtures.id(nextID))
            return shouldSucceed ? [] : ["payout of \(amount) from \(available) was accepted"]
        } catch let error as ValidationError {
            var problems = shouldSucceed ? ["payout of \(amount) from \(available) was refused: \(error)"] : []
            if error.field != "amountCents" { problems.append("payout error named \(error.field)") }
            if ledger != before { problems.append("refused payout changed the ledger") }
            return problems
        } catch {
            return ["unexpected payout error \(error)"]
        }
    }

    private mutating func settlePayout(_ step: MarketStep, sent: Bool) -> [String] {
        guard !requestedPayouts.isEmpty else { return [] }
        let id = requestedPayouts.remove(at: step.pick % requestedPayouts.count)
        do {
            let payout = sent ? try ledger.markPayoutSent(id: id, now: now) : try ledger.markPayoutFailed(id: id, now: now)
            if sent { expectedProviderCents += payout.amountCents }
            let again = Result { sent ? try ledger.markPayoutSent(id: id, now: now) : try ledger.markPayoutFailed(id: id, now: now) }
            if case .success = again { return ["payout \(id) settled twice"] }
            return []
        } catch {
            return ["settling payout failed: \(error)"]
        }
    }

    private mutating func replayResolvedHold(_ step: MarketStep) -> [String] {
        guard !resolvedHolds.isEmpty else { return [] }
        let holdID = resolvedHolds[step.pick % resolvedHolds.count]
        let now = self.now
        let attempts: [(inout InMemoryLedger) throws -> EscrowHold] = [
            { try $0.release(holdID: holdID, now: now) },
            { try $0.refund(holdID: holdID, now: now) },
        ]
        var problems: [String] = []
        for attempt in attempts {
            let before = ledger
            do {
                _ = try attempt(&ledger)
                problems.append("resolved hold \(holdID) resolved again")
            } catch let error as ConflictError where error.code == "hold_already_resolved" {
                if ledger != before { problems.append("refused replay changed the ledger") }
            } catch {
                problems.append("replay failed with \(error)")
            }
        }
        return problems
    }

    private func holdMatchesOrder(_ order: Order) -> [String] {
        guard let holdID = order.holdID else {
            return [.awaitingPayment, .cancelled, .expired].contains(order.state) ? [] : ["order in \(order.state.rawValue) has no hold"]
        }
        let state = ledger.holds[holdID]?.state
        let expected: Set<EscrowHold.State> = switch order.state {
        case .inProgress, .delivered, .disputed: [.open]
        case .completed: [.posted]
        case .cancelled: [.voided]
        case .resolved: [.posted, .voided, .split]
        case .awaitingPayment, .expired: []
        }
        return state.map(expected.contains) == true ? [] : ["order \(order.state.rawValue) has a hold in state \(String(describing: state))"]
    }

    private func invariantProblems() -> [String] {
        var problems = ledger.verify().map(\.description)
        if ledger.balances.values.reduce(0, +) != 0 { problems.append("balances do not sum to zero") }
        if ledger.balance(of: .platformRevenue) != expectedPlatformCents {
            problems.append("platform holds \(ledger.balance(of: .platformRevenue)), fees say \(expectedPlatformCents)")
        }
        if ledger.balance(of: .providerClearing(Self.provider)) != expectedProviderCents {
            problems.append("provider clearing is \(ledger.balance(of: .providerClearing(Self.provider))), expected \(expectedProviderCents)")
        }
        return problems
    }
}

@Suite struct LedgerPropertyTests {
    static let steps = zip(
        Gen.int(in: 0..<MarketStep.Kind.allCases.count), Gen.int(in: 0...1_000_000), Gen.int64(in: 1...250_000)
    ).map { MarketStep(kind: MarketStep.Kind(rawValue: $0)!, pick: $1, amountCents: $2) }

    @Test func everyInvariantHoldsAfterEveryStep() async {
        var reachedStates: Set<OrderState> = []
        var holdStates: Set<EscrowHold.State> = []
        await propertyCheck(count: 300, input: Self.steps.array(of: 1...80)) { steps in
            // given
            var market = Marketplace()

            for (number, step) in steps.enumerated() {
                // when
                let problems = market.run(step)

                // then
                #expect(problems.isEmpty, "step \(number + 1) \(step): \(problems.joined(separator: "; "))")
                if !problems.isEmpty { return }
                reachedStates.formUnion(market.orders.map(\.state))
            }
            holdStates.formUnion(market.ledger.holds.values.map(\.state))
        }
        // The random runs must reach the interesting places, or they prove little.
        #expect(reachedStates.isSuperset(of: [.completed, .cancelled, .resolved, .disputed, .expired]))
        #expect(holdStates == Set(EscrowHold.State.allCases))
    }

    @Test func aLongBusyMarketplaceStaysSound() throws {
        // given: a fixed, long script that reaches every kind of step many times
        var market = Marketplace()
        var reachedStates: Set<OrderState> = []
        var problems: [String] = []

        // when
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            // SplitMix64: a fixed, well-mixed stream, so the script is the same on every run.
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        for _ in 0..<3_000 {
            let kind = MarketStep.Kind.allCases[next() % MarketStep.Kind.allCases.count]
            let step = MarketStep(kind: kind, pick: next() % 1_000_000, amountCents: Int64(next() % 90_000 + 1))
            problems = market.run(step)
            if !problems.isEmpty { break }
            reachedStates.formUnion(market.orders.map(\.state))
        }

        // then
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(reachedStates == Set(OrderState.allCases))
        #expect(market.ledger.holds.values.contains { $0.state == .split })
        #expect(market.ledger.payouts.values.contains { $0.state == .sent })
        #expect(market.ledger.payouts.values.contains { $0.state == .failed })
        #expect(market.expectedPlatformCents > 0)
    }
}
