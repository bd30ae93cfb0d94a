import Foundation
import Testing
@testable import GuildCore

@Suite struct ReviewRevealTests {
    private static let completedAt = Date(timeIntervalSince1970: 1_800_000_000)
    private static let day: TimeInterval = 86_400
    private static let window = ReviewWindow(completedAt: completedAt)

    private static func visible(_ viewer: ReviewViewer, buyer: Double?, seller: Double?, nowDays: Double) -> Bool {
        ReviewReveal.isVisible(
            to: viewer, window: window,
            buyerSubmittedAt: buyer.map { completedAt.addingTimeInterval($0 * day) },
            sellerSubmittedAt: seller.map { completedAt.addingTimeInterval($0 * day) },
            now: completedAt.addingTimeInterval(nowDays * day))
    }

    @Test func windowIsTenDays() {
        #expect(Self.window.closesAt == Self.completedAt.addingTimeInterval(10 * Self.day))
        #expect(Self.window.isOpen(now: Self.completedAt.addingTimeInterval(9.9 * Self.day)))
        #expect(!Self.window.isOpen(now: Self.completedAt.addingTimeInterval(10 * Self.day)))
    }

    @Test func oneSidedReviewIsHiddenFromTheOtherSideAndThePublic() {
        #expect(!Self.visible(.counterpart, buyer: 1, seller: nil, nowDays: 5))
        #expect(!Self.visible(.everyone, buyer: 1, seller: nil, nowDays: 5))
        #expect(Self.visible(.author, buyer: 1, seller: nil, nowDays: 5))
    }

    @Test func bothSubmittedRevealsAtTheSecondSubmission() {
        #expect(!Self.visible(.counterpart, buyer: 1, seller: 3, nowDays: 2))
        #expect(Self.visible(.counterpart, buyer: 1, seller: 3, nowDays: 3))
        #expect(Self.visible(.everyone, buyer: 1, seller: 3, nowDays: 4))
    }

    @Test func windowClosingRevealsAOneSidedReview() {
        #expect(!Self.visible(.everyone, buyer: 2, seller: nil, nowDays: 9.99))
        #expect(Self.visible(.everyone, buyer: 2, seller: nil, nowDays: 10))
    }

    @Test func revealNeverComesAfterTheWindowCloses() {
        let at = ReviewReveal.revealsAt(window: Self.window, buyerSubmittedAt: Self.completedAt, sellerSubmittedAt: Self.completedAt.addingTimeInterval(30 * Self.day))
        #expect(at == Self.window.closesAt)
    }
}

@Suite struct ReviewRulesTests {
    private static let completedAt = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [0, 6, -1, 100])
    func ratingOutsideOneToFiveIsRefused(rating: Int) throws {
        let error = try #require(throws: ValidationErrors.self) { try ReviewRules.validate(ReviewDraft(rating: rating, text: "ok")) }
        #expect(error.errors.map(\.field) == ["rating"])
    }

    @Test func textUpToTwoThousandCharactersIsTrimmedAndKept() throws {
        #expect(try ReviewRules.validate(ReviewDraft(rating: 5, text: "  Great work.  ")).text == "Great work.")
        #expect(try ReviewRules.validate(ReviewDraft(rating: 1)).text == "")
        #expect(throws: Never.self) { try ReviewRules.validate(ReviewDraft(rating: 3, text: String(repeating: "x", count: 2000))) }
        let error = try #require(throws: ValidationErrors.self) {
            try ReviewRules.validate(ReviewDraft(rating: 3, text: String(repeating: "x", count: 2001)))
        }
        #expect(error.errors.map(\.field) == ["text"])
    }

    @Test func mutuallyCancelledOrdersCannotBeReviewed() throws {
        let error = try #require(throws: ConflictError.self) {
            try ReviewRules.checkCanReview(outcome: .cancelledMutually, completedAt: Self.completedAt, alreadySubmitted: false, now: Self.completedAt)
        }
        #expect(error.code == "review_not_allowed_mutual_cancellation")
    }

    @Test func completedOrderCanBeReviewedOnceWithinTheWindow() throws {
        // given
        let inTime = Self.completedAt.addingTimeInterval(86_400)
        let late = Self.completedAt.addingTimeInterval(11 * 86_400)
        // then
        try ReviewRules.checkCanReview(outcome: .completed, completedAt: Self.completedAt, alreadySubmitted: false, now: inTime)
        try ReviewRules.checkCanReview(outcome: .disputeResolved, completedAt: Self.completedAt, alreadySubmitted: false, now: inTime)
        #expect(throws: ConflictError(code: "review_already_submitted", message: "You have already reviewed this order.")) {
            try ReviewRules.checkCanReview(outcome: .completed, completedAt: Self.completedAt, alreadySubmitted: true, now: inTime)
        }
        let error = try #require(throws: ConflictError.self) {
            try ReviewRules.checkCanReview(outcome: .completed, completedAt: Self.completedAt, alreadySubmitted: false, now: late)
        }
        #expect(error.code == "review_window_closed")
    }

    @Test func unfinishedOrdersCannotBeReviewed() throws {
        let error = try #require(throws: ConflictError.self) {
            try ReviewRules.checkCanReview(outcome: .notFinished, completedAt: nil, alreadySubmitted: false, now: Self.completedAt)
        }
        #expect(error.code == "review_order_not_finished")
    }

    @Test func decodingWithoutTextMeansEmptyText() throws {
        let draft = try JSONDecoder().decode(ReviewDraft.self, from: Data(#"{"rating":4}"#.utf8))
        #expect(draft == ReviewDraft(rating: 4, text: ""))
    }
}

@Suite struct ProVettingTests {
    private static func candidate(
        level: SellerLevel = .established,
        links: [String] = ["https://a.example/1", "https://a.example/2", "http://b.example"],
        verified: Bool = true, ratingSum: Int = 48, ratingCount: Int = 10
    ) -> ProCandidate {
        ProCandidate(
            level: level, portfolioLinks: links, identityVerifiedAt: verified ? Date(timeIntervalSince1970: 0) : nil,
            ratingSum: ratingSum, ratingCount: ratingCount)
    }

    @Test func eligibleCandidateMeetsEveryCriterion() {
        let checks = ProVetting.standard.check(Self.candidate())
        #expect(checks.map(\.key) == [.level, .portfolio, .identity, .rating])
        #expect(checks.allSatisfy { $0.met })
        #expect(ProVetting.standard.isEligible(Self.candidate()))
    }

    @Test func eachCriterionIsReportedUnmetOnItsOwn() {
        let cases: [(ProCriterionCheck.Key, ProCandidate)] = [
            (.level, Self.candidate(level: .rising)),
            (.portfolio, Self.candidate(links: ["https://a.example/1", "https://a.example/1", "ftp://x", "not a link"])),
            (.identity, Self.candidate(verified: false)),
            (.rating, Self.candidate(ratingSum: 46, ratingCount: 10)),
            (.rating, Self.candidate(ratingSum: 0, ratingCount: 0)),
        ]
        for (key, candidate) in cases {
            let unmet = ProVetting.standard.check(candidate).filter { !$0.met }.map(\.key)
            #expect(unmet == [key])
            #expect(!ProVetting.standard.isEligible(candidate))
        }
    }

    @Test func topLevelAlsoQualifies() {
        #expect(ProVetting.standard.check(Self.candidate(level: .top)).first { $0.key == .level }?.met == true)
        #expect(ProVetting.standard.descriptions.count >= 4)
    }
}
