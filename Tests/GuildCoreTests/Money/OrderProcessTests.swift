import Foundation
import Testing
@testable import GuildCore

@Suite struct OrderProcessTests {
    /// The expected process, written out independently of `OrderProcess.transitions`.
    static let expected: [String: (to: OrderState, actors: Set<OrderActor>)] = [
        "awaiting_payment/fund": (.inProgress, [.buyer]),
        "awaiting_payment/propose_cancellation": (.cancelled, [.buyer]),
        "awaiting_payment/cancel_by_seller": (.cancelled, [.seller]),
        "awaiting_payment/expire": (.expired, [.system]),
        "in_progress/deliver": (.delivered, [.seller]),
        "in_progress/propose_cancellation": (.inProgress, [.buyer, .seller]),
        "in_progress/accept_cancellation": (.cancelled, [.buyer, .seller]),
        "in_progress/cancel_by_seller": (.cancelled, [.seller]),
        "in_progress/open_dispute": (.disputed, [.buyer, .seller]),
        "delivered/accept": (.completed, [.buyer]),
        "delivered/auto_accept": (.completed, [.system]),
        "delivered/request_revision": (.inProgress, [.buyer]),
        "delivered/propose_cancellation": (.delivered, [.buyer, .seller]),
        "delivered/accept_cancellation": (.cancelled, [.buyer, .seller]),
        "delivered/cancel_by_seller": (.cancelled, [.seller]),
        "delivered/open_dispute": (.disputed, [.buyer, .seller]),
        "disputed/resolve_dispute": (.resolved, [.arbiter, .system]),
        "in_progress/settle": (.resolved, [.buyer, .seller]),
        "delivered/settle": (.resolved, [.buyer, .seller]),
        "disputed/settle": (.resolved, [.buyer, .seller]),
    ]

    static let everyCombination: [(OrderState, OrderEvent, OrderActor)] =
        OrderState.allCases.flatMap { state in
            OrderEvent.allCases.flatMap { event in OrderActor.allCases.map { (state, event, $0) } }
        }

    @Test func theTableIsExactlyTheExpectedProcess() {
        // given
        let table = OrderProcess.transitions

        // when
        let keys = table.map { "\($0.from.rawValue)/\($0.event.rawValue)" }

        // then
        #expect(Set(keys) == Set(Self.expected.keys))
        #expect(keys.count == Set(keys).count, "one transition per state and event")
        for transition in table {
            let want = Self.expected["\(transition.from.rawValue)/\(transition.event.rawValue)"]
            #expect(transition.to == want?.to)
            #expect(transition.actors == want?.actors)
            #expect(!transition.description.isEmpty)
        }
    }

    @Test(arguments: everyCombination)
    func everyStateEventAndActor(state: OrderState, event: OrderEvent, actor: OrderActor) {
        // given
        let want = Self.expected["\(state.rawValue)/\(event.rawValue)"]

        // when
        let result = Result { () throws(ConflictError) -> OrderState in
            try OrderProcess.apply(event: event, actor: actor, from: state)
        }

        // then
        switch (want, result) {
        case (.some(let want), .success(let next)):
            #expect(want.actors.contains(actor))
            #expect(next == want.to)
        case (.some(let want), .failure(let error)):
            #expect(!want.actors.contains(actor))
            #expect(error.code == "forbidden_actor")
            #expect(error.message.contains(actor.rawValue))
        case (.none, .success(let next)):
            Issue.record("\(event.rawValue) by \(actor.rawValue) from \(state.rawValue) should be illegal, went to \(next.rawValue)")
        case (.none, .failure(let error)):
            #expect(error.code == "illegal_transition")
            #expect(error.message.contains(state.rawValue))
            #expect(error.message.contains(event.rawValue))
        }
    }

    @Test func terminalStatesHaveNoWayOut() {
        #expect(OrderState.allCases.filter(\.isTerminal) == [.completed, .cancelled, .resolved, .expired])
    }

    @Test func everyNonTerminalStateIsReachableFromAwaitingPayment() {
        // given
        var reached: Set<OrderState> = [.awaitingPayment]
        var frontier: [OrderState] = [.awaitingPayment]

        // when
        while let state = frontier.popLast() {
            for transition in OrderProcess.transitions(from: state) where !reached.contains(transition.to) {
                reached.insert(transition.to)
                frontier.append(transition.to)
            }
        }

        // then
        #expect(reached == Set(OrderState.allCases))
    }

    @Test func moneyMovesOnlyWhereTheTableSays() {
        // given
        let effects = Dictionary(uniqueKeysWithValues: OrderProcess.transitions.map { ("\($0.from.rawValue)/\($0.event.rawValue)", $0.money) })

        // then
        #expect(effects["awaiting_payment/fund"] == .fundEscrow)
        #expect(effects["delivered/accept"] == .releaseToSeller)
        #expect(effects["delivered/auto_accept"] == .releaseToSeller)
        #expect(effects["in_progress/accept_cancellation"] == .refundToBuyer)
        #expect(effects["delivered/cancel_by_seller"] == .refundToBuyer)
        #expect(effects["disputed/resolve_dispute"] == .divideByOutcome)
        #expect(effects["disputed/settle"] == .divideByOutcome && effects["in_progress/settle"] == .divideByOutcome)
        #expect(effects["awaiting_payment/propose_cancellation"] == OrderMoneyEffect.none)
        #expect(effects["delivered/request_revision"] == OrderMoneyEffect.none)
    }

    @Test func allowedEventsShowOnlyWhatAnActorCanDo() {
        #expect(OrderProcess.allowedEvents(from: .delivered, actor: .buyer) == [.accept, .requestRevision, .proposeCancellation, .acceptCancellation, .openDispute, .settle])
        #expect(OrderProcess.allowedEvents(from: .delivered, actor: .system) == [.autoAccept])
        #expect(OrderProcess.allowedEvents(from: .completed, actor: .buyer).isEmpty)
    }

    @Test(arguments: [(0, 1, true), (1, 1, false), (2, 3, true), (3, 3, false), (0, 0, false)])
    func revisionsAreLimitedByThePackage(used: Int, allowed: Int, permitted: Bool) {
        // given
        let facts = OrderFacts(revisionsUsed: used, revisionsAllowed: allowed)

        // when
        let result = Result { () throws(ConflictError) -> OrderState in
            try OrderProcess.apply(event: .requestRevision, actor: .buyer, from: .delivered, facts: facts)
        }

        // then
        switch result {
        case .success(let next):
            #expect(permitted)
            #expect(next == .inProgress)
        case .failure(let error):
            #expect(!permitted)
            #expect(error.code == "revision_limit_reached")
        }
    }

    @Test func aCancellationMustBeAcceptedByTheOtherSide() throws {
        // given
        let proposedBySeller = OrderFacts(cancellationProposedBy: .seller)

        // when
        let accepted = try OrderProcess.apply(event: .acceptCancellation, actor: .buyer, from: .inProgress, facts: proposedBySeller)

        // then
        #expect(accepted == .cancelled)
        let own = #expect(throws: ConflictError.self) {
            try OrderProcess.apply(event: .acceptCancellation, actor: .seller, from: .inProgress, facts: proposedBySeller)
        }
        #expect(own?.code == "forbidden_actor")
        let none = #expect(throws: ConflictError.self) {
            try OrderProcess.apply(event: .acceptCancellation, actor: .buyer, from: .delivered, facts: OrderFacts())
        }
        #expect(none?.code == "no_cancellation_proposed")
        let twice = #expect(throws: ConflictError.self) {
            try OrderProcess.apply(event: .proposeCancellation, actor: .buyer, from: .delivered, facts: proposedBySeller)
        }
        #expect(twice?.code == "cancellation_already_proposed")
        #expect(try OrderProcess.apply(event: .proposeCancellation, actor: .buyer, from: .delivered, facts: OrderFacts()) == .delivered)
    }

    @Test func factsDoNotLoosenTheTable() {
        // given: facts that would allow a revision
        let facts = OrderFacts(revisionsUsed: 0, revisionsAllowed: 5, cancellationProposedBy: .buyer)

        // when / then
        #expect(throws: ConflictError(code: "illegal_transition", message: "cannot request_revision an order that is in_progress")) {
            try OrderProcess.apply(event: .requestRevision, actor: .buyer, from: .inProgress, facts: facts)
        }
        let error = #expect(throws: ConflictError.self) {
            try OrderProcess.apply(event: .requestRevision, actor: .seller, from: .delivered, facts: facts)
        }
        #expect(error?.code == "forbidden_actor")
    }

    @Test func timersArePublishedWithTheirDurations() throws {
        // given
        let byName = Dictionary(uniqueKeysWithValues: OrderProcess.timers.map { ($0.name, $0) })
        let delivered = MoneyFixtures.now

        // then
        let autoAccept = try #require(byName["auto_accept"])
        #expect(autoAccept.state == .delivered && autoAccept.event == .autoAccept)
        #expect(autoAccept.dueAt(anchoredAt: delivered) == delivered.addingTimeInterval(72 * 3_600))
        #expect(byName["acceptance_reminder"]?.afterSeconds == 48 * 3_600)
        #expect(byName["acceptance_reminder"]?.remind == .buyer)
        #expect(byName["acceptance_reminder"]?.event == nil)
        #expect(byName["payment_expiry"]?.afterSeconds == 7 * 86_400)
        #expect(byName["payment_expiry"]?.event == .expire)
        #expect(byName["dispute_answer"]?.afterSeconds == 72 * 3_600)
        #expect(byName["arbiter_decision"]?.afterSeconds == 7 * 86_400)
        #expect(byName["arbiter_decision"]?.anchor == .disputeAnswered)
        #expect(OrderProcess.timers(for: .inProgress).isEmpty)
    }

    @Test func everyTimerEventIsLegalForTheSystemInItsState() throws {
        for timer in OrderProcess.timers {
            guard let event = timer.event else { continue }
            #expect(throws: Never.self) { try OrderProcess.apply(event: event, actor: .system, from: timer.state) }
        }
    }

    @Test func plainLanguageCoversEveryTransitionAndTimer() {
        #expect(OrderProcess.plainLanguage.count == OrderProcess.transitions.count + OrderProcess.timers.count)
        #expect(OrderProcess.plainLanguage.contains { $0.contains("Delivered, waiting for the buyer → Completed (the buyer accepted the delivery)") })
        // in words: no state or event codes on the public page
        #expect(!OrderProcess.plainLanguage.joined().contains("_"))
    }
}

@Suite struct CancellationKindTests {
    @Test(arguments: [
        (OrderState.inProgress, OrderEvent.acceptCancellation, OrderActor.buyer, CancellationKind.mutual, false),
        (.delivered, .acceptCancellation, .seller, .mutual, false),
        (.inProgress, .cancelBySeller, .seller, .seller, true),
        (.delivered, .cancelBySeller, .seller, .seller, true),
        (.awaitingPayment, .proposeCancellation, .buyer, .buyerBeforeWork, false),
        (.awaitingPayment, .cancelBySeller, .seller, .sellerDeclined, false),
        (.awaitingPayment, .expire, .system, .expired, false),
        (.disputed, .resolveDispute, .arbiter, .dispute, false),
    ])
    func cancellationsAreClassified(state: OrderState, event: OrderEvent, actor: OrderActor, kind: CancellationKind, counts: Bool) {
        // when
        let classified = CancellationKind.of(from: state, event: event, actor: actor)

        // then
        #expect(classified == kind)
        #expect(classified?.countsAgainstSeller == counts)
    }

    @Test func onlyALoneSellerCancellationCountsAgainstTheSeller() {
        #expect(CancellationKind.allCases.filter(\.countsAgainstSeller) == [.seller])
    }

    @Test func everyLegalTransitionIntoCancelledOrExpiredHasAKind() {
        for transition in OrderProcess.transitions where [.cancelled, .expired].contains(transition.to) {
            for actor in transition.actors {
                #expect(CancellationKind.of(from: transition.from, event: transition.event, actor: actor) != nil,
                        "\(transition.from.rawValue)/\(transition.event.rawValue) by \(actor.rawValue)")
            }
        }
    }

    @Test func proposalsAndCompletionsAreNotCancellations() {
        #expect(CancellationKind.of(from: .inProgress, event: .proposeCancellation, actor: .buyer) == nil)
        #expect(CancellationKind.of(from: .delivered, event: .accept, actor: .buyer) == nil)
    }
}
