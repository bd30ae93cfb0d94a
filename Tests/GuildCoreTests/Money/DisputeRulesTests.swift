import Foundation
import Testing
@testable import GuildCore

@Suite struct DisputeRulesTests {
    typealias F = MoneyFixtures
    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400

    @Test func deadlinesAreSeventyTwoHoursToAnswerAndSevenDaysToDecide() {
        // given
        let opened = F.now
        let answered = F.now.addingTimeInterval(10 * Self.hour)

        // when
        let deadlines = DisputeRules.deadlines(openedAt: opened, answeredAt: answered)

        // then
        #expect(deadlines.answerBy == opened.addingTimeInterval(72 * Self.hour))
        #expect(deadlines.decideBy == answered.addingTimeInterval(7 * Self.day))
        #expect(DisputeRules.deadlines(openedAt: opened, answeredAt: nil).decideBy == nil)
    }

    @Test func noDefaultOutcomeWhileWithinDeadlines() {
        // given
        let unanswered = DisputeFacts(openedBy: .buyer, openedAt: F.now, sellerDelivered: true, escrowedCents: 1_000)
        let answered = DisputeFacts(openedBy: .buyer, openedAt: F.now, answeredAt: F.now.addingTimeInterval(Self.hour),
                                    sellerDelivered: true, escrowedCents: 1_000)

        // then
        #expect(DisputeRules.defaultOutcome(for: unanswered, now: F.now.addingTimeInterval(72 * Self.hour - 1)) == nil)
        #expect(DisputeRules.defaultOutcome(for: answered, now: F.now.addingTimeInterval(Self.hour + 7 * Self.day - 1)) == nil)
        // once answered, the 72-hour answer deadline no longer matters
        #expect(DisputeRules.defaultOutcome(for: answered, now: F.now.addingTimeInterval(100 * Self.hour)) == nil)
    }

    @Test(arguments: [
        // (opened by, delivered, answered, expected seller cents, expected reason)
        (OrderActor.buyer, false, false, Int64(0), DisputeOutcome.Reason.nothingDelivered),
        (.seller, false, false, 0, .nothingDelivered),
        (.buyer, false, true, 0, .nothingDelivered),
        (.seller, true, false, 1_000, .buyerDidNotAnswer),
        (.buyer, true, false, 0, .sellerDidNotAnswer),
        (.buyer, true, true, 1_000, .deliveredWorkStandsWithoutDecision),
        (.seller, true, true, 1_000, .deliveredWorkStandsWithoutDecision),
    ])
    func defaultOutcomeFollowsTheRecord(openedBy: OrderActor, delivered: Bool, answered: Bool, sellerCents: Int64, reason: DisputeOutcome.Reason) {
        // given
        let facts = DisputeFacts(openedBy: openedBy, openedAt: F.now, answeredAt: answered ? F.now.addingTimeInterval(Self.hour) : nil,
                                 sellerDelivered: delivered, escrowedCents: 1_000)
        let afterEveryDeadline = F.now.addingTimeInterval(30 * Self.day)

        // when
        let outcome = DisputeRules.defaultOutcome(for: facts, now: afterEveryDeadline)

        // then
        #expect(outcome == DisputeOutcome(sellerCents: sellerCents, buyerCents: 1_000 - sellerCents, reason: reason))
    }

    @Test func anArbiterResolutionMustAddUpToTheEscrow() throws {
        // when
        let outcome = try DisputeRules.outcome(sellerCents: 600, buyerCents: 400, escrowedCents: 1_000, actor: .arbiter)

        // then
        #expect(outcome == DisputeOutcome(sellerCents: 600, buyerCents: 400, reason: .arbiterDecision))
        #expect(throws: ValidationError.self) {
            try DisputeRules.outcome(sellerCents: 600, buyerCents: 399, escrowedCents: 1_000, actor: .arbiter)
        }
        #expect(throws: ValidationError.self) {
            try DisputeRules.outcome(sellerCents: 1_100, buyerCents: -100, escrowedCents: 1_000, actor: .arbiter)
        }
    }

    @Test(arguments: [OrderActor.buyer, .seller, .system])
    func onlyAnArbiterDecides(actor: OrderActor) {
        let error = #expect(throws: ConflictError.self) {
            try DisputeRules.outcome(sellerCents: 500, buyerCents: 500, escrowedCents: 1_000, actor: actor)
        }
        #expect(error?.code == "forbidden_actor")
    }

    @Test func onlyTheRespondentAnswersOnceAndInTime() throws {
        // given
        let facts = DisputeFacts(openedBy: .buyer, openedAt: F.now, sellerDelivered: true, escrowedCents: 1_000)

        // then
        #expect(throws: Never.self) { try DisputeRules.requireCanAnswer(facts, actor: .seller, now: F.now.addingTimeInterval(Self.hour)) }
        #expect(throws: ConflictError.self) { try DisputeRules.requireCanAnswer(facts, actor: .buyer, now: F.now) }
        let late = #expect(throws: ConflictError.self) {
            try DisputeRules.requireCanAnswer(facts, actor: .seller, now: F.now.addingTimeInterval(72 * Self.hour))
        }
        #expect(late?.code == "answer_deadline_passed")
        var answered = facts
        answered.answeredAt = F.now
        let twice = #expect(throws: ConflictError.self) { try DisputeRules.requireCanAnswer(answered, actor: .seller, now: F.now) }
        #expect(twice?.code == "dispute_already_answered")
        #expect(try DisputeRules.respondent(openedBy: .seller) == .buyer)
    }

    @Test(arguments: [(Int64(10_000), Int64(0), EscrowHold.State.posted), (0, 10_000, .voided), (2_500, 7_500, .split)])
    func anOutcomeResolvesTheHold(sellerCents: Int64, buyerCents: Int64, state: EscrowHold.State) throws {
        // given
        let hold = try F.openHold(amountCents: 10_000)
        let outcome = DisputeOutcome(sellerCents: sellerCents, buyerCents: buyerCents, reason: .arbiterDecision)

        // when
        let resolution = try outcome.resolve(hold, now: F.now)

        // then
        #expect(resolution.hold.state == state)
        #expect(resolution.postings.reduce(0) { $0 + $1.amountCents } == 10_000)
        #expect(resolution.hold.outcome?.buyerCents == buyerCents)
    }

    @Test func anOutcomeThatDoesNotMatchTheHoldIsRejected() throws {
        // given
        let hold = try F.openHold(amountCents: 10_000)

        // when / then
        #expect(throws: ValidationError.self) {
            try DisputeOutcome(sellerCents: 9_000, buyerCents: 0, reason: .arbiterDecision).resolve(hold, now: F.now)
        }
    }

    @Test func thePolicyPageStatesTheDeadlinesAndDefaults() {
        let text = DisputeRules.plainLanguage.joined(separator: " ")
        #expect(text.contains("72 hours"))
        #expect(text.contains("7 days"))
        #expect(text.contains("never delivered"))
    }
}

@Suite struct MilestoneTests {
    typealias F = MoneyFixtures

    static func plan(_ amounts: [Int64]) -> [Milestone] {
        amounts.enumerated().map { index, amount in
            Milestone(title: "Part \(index + 1)", amountCents: amount, dueDate: F.now.addingTimeInterval(Double(index + 1) * 86_400))
        }
    }

    @Test func aGoodPlanPasses() {
        #expect(throws: Never.self) { try MilestoneRules.validate(Self.plan([1_000, 2_000, 3_000]), maximumTotalCents: 6_000, now: F.now) }
    }

    @Test func everyProblemIsReportedWithItsField() {
        // given
        var milestones = Self.plan([1_000, 0, -5, 2_000])
        milestones[0].title = "  "
        milestones[3].dueDate = F.now.addingTimeInterval(3_600)

        // when
        let error = #expect(throws: ValidationErrors.self) {
            try MilestoneRules.validate(milestones, maximumTotalCents: 2_500, now: F.now)
        }

        // then
        #expect(error?.errors.map(\.field) == [
            "milestones[0].title", "milestones[1].amountCents", "milestones[2].amountCents", "milestones[3].dueDate", "milestones",
        ])
    }

    @Test(arguments: [0, 21])
    func theNumberOfMilestonesIsLimited(count: Int) {
        let error = #expect(throws: ValidationErrors.self) {
            try MilestoneRules.validate(Self.plan(Array(repeating: 100, count: count)), maximumTotalCents: 1_000_000, now: F.now)
        }
        #expect(error?.errors.first?.field == "milestones")
    }

    @Test func twentyMilestonesAreAllowed() {
        #expect(throws: Never.self) {
            try MilestoneRules.validate(Self.plan(Array(repeating: 100, count: 20)), maximumTotalCents: 2_000, now: F.now)
        }
    }

    @Test func aPastDueDateIsRejected() {
        // given
        var milestones = Self.plan([100])
        milestones[0].dueDate = F.now

        // when / then
        #expect(throws: ValidationErrors([ValidationError(field: "milestones[0].dueDate", reason: "must be in the future")])) {
            try MilestoneRules.validate(milestones, maximumTotalCents: 1_000, now: F.now)
        }
    }

    @Test func eachMilestoneIsFundedAndReleasedOnItsOwn() throws {
        // given
        let plan = Self.plan([1_000, 3_000])
        var first = MilestoneProgress(index: 0, milestone: plan[0])
        var second = MilestoneProgress(index: 1, milestone: plan[1])
        var ledger = InMemoryLedger()

        // when
        let firstFunding = try first.fund(holdID: F.id(500), orderID: F.orderID, buyer: F.buyer, seller: F.seller,
                                          feePolicy: .standard, provider: "sandbox", now: F.now)
        try ledger.post(firstFunding.postings, now: F.now)
        try first.deliver(at: F.now)
        let firstRelease = try first.release(firstFunding.hold, now: F.now)
        try ledger.post(firstRelease.postings, now: F.now)
        let secondFunding = try second.fund(holdID: F.id(501), orderID: F.orderID, buyer: F.buyer, seller: F.seller,
                                            feePolicy: .standard, provider: "sandbox", now: F.now)
        try ledger.post(secondFunding.postings, now: F.now)
        let secondRefund = try second.refund(secondFunding.hold, now: F.now)
        try ledger.post(secondRefund.postings, now: F.now)

        // then: the delivered milestone stays paid though the rest was refunded
        #expect(first.state == .released)
        #expect(second.state == .refunded)
        #expect(ledger.balance(of: .member(F.seller)) == 950)
        #expect(ledger.balance(of: .member(F.buyer)) == 3_000)
        #expect(ledger.balance(of: .escrow) == 0)
        #expect(throws: ConflictError.self) { try first.refund(firstRelease.hold, now: F.now) }
        #expect(throws: ConflictError.self) { try second.deliver(at: F.now) }
    }

    @Test func aMilestoneOnlyAcceptsItsOwnHold() throws {
        // given
        var progress = MilestoneProgress(index: 0, milestone: Self.plan([1_000])[0])
        _ = try progress.fund(holdID: F.id(500), orderID: nil, buyer: F.buyer, seller: F.seller,
                              feePolicy: .standard, provider: "sandbox", now: F.now)
        let otherHold = try F.openHold(amountCents: 1_000)

        // when / then
        let error = #expect(throws: ValidationError.self) { try progress.release(otherHold, now: F.now) }
        #expect(error?.field == "holdID")
        #expect(progress.state == .funded)
    }
}

@Suite struct RequestFingerprintTests {
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ("The quick brown fox jumps over the lazy dog", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
    ])
    func sha256MatchesTheKnownVectors(input: String, expected: String) {
        #expect(PortableSHA256.hexDigest(of: Data(input.utf8)) == expected)
    }

    @Test func sha256OfAMillionAs() {
        // given: the long FIPS vector, which crosses many blocks
        let input = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)

        // then
        #expect(PortableSHA256.hexDigest(of: input) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func paddingBoundariesHashDistinctly() {
        // given: lengths around the 55/56/64-byte padding edges
        let digests = (50...70).map { PortableSHA256.hexDigest(of: Data(repeating: 0x61, count: $0)) }

        // then
        #expect(Set(digests).count == digests.count)
        #expect(digests.allSatisfy { $0.count == 64 })
    }

    @Test func aFingerprintDependsOnMethodPathAndBody() {
        // given
        let body = Data(#"{"amountCents":500}"#.utf8)
        let base = RequestFingerprint.of(method: "POST", path: "/api/v1/payouts", body: body)

        // then
        #expect(base == RequestFingerprint.of(method: "post", path: "/api/v1/payouts", body: body))
        #expect(base != RequestFingerprint.of(method: "POST", path: "/api/v1/payouts", body: Data(#"{"amountCents":501}"#.utf8)))
        #expect(base != RequestFingerprint.of(method: "PUT", path: "/api/v1/payouts", body: body))
        #expect(base != RequestFingerprint.of(method: "POST", path: "/api/v1/payout", body: body))
        #expect(base.count == 64)
        #expect(base == PortableSHA256.hexDigest(of: Data("POST /api/v1/payouts\n{\"amountCents\":500}".utf8)))
    }

    @Test func aJSONBodyCountsByItsValueNotItsBytes() {
        // given the same JSON value written two ways, and a different value
        let compact = RequestFingerprint.of(method: "POST", path: "/p", body: Data(#"{"sellerCents":600,"buyerCents":400}"#.utf8))
        let spaced = RequestFingerprint.of(method: "POST", path: "/p", body: Data(" {\n  \"buyerCents\": 400, \"sellerCents\": 600 }".utf8))
        let other = RequestFingerprint.of(method: "POST", path: "/p", body: Data(#"{"buyerCents":600,"sellerCents":400}"#.utf8))
        // then key order and spacing do not matter, values do
        #expect(compact == spaced)
        #expect(compact != other)
        // and a body that is not JSON is hashed as sent
        let form = RequestFingerprint.of(method: "POST", path: "/p", body: Data("a=1&b=2".utf8))
        #expect(form == PortableSHA256.hexDigest(of: Data("POST /p\na=1&b=2".utf8)))
        #expect(form != RequestFingerprint.of(method: "POST", path: "/p", body: Data("b=2&a=1".utf8)))
    }
}
