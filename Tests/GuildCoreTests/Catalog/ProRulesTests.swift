import Foundation
import Testing
@testable import GuildCore

@Suite struct ProRulesTests {
    @Test func evidenceIsCheckedFieldByField() throws {
        let ok = try ProRules.validate(qualifications: "  Ten years of brand identity work.  ", portfolioLinks: ["https://example.org/a", "", " http://example.org/b "])
        #expect(ok.qualifications == "Ten years of brand identity work." && ok.portfolioLinks == ["https://example.org/a", "http://example.org/b"])
        #expect(throws: ValidationErrors([
            ValidationError(field: "qualifications", reason: "must be 20 to 5000 characters: your training, experience and the kind of work you do"),
            ValidationError(field: "portfolioLinks", reason: "must list at least one link to your work"),
        ])) { try ProRules.validate(qualifications: "short", portfolioLinks: []) }
        do {
            _ = try ProRules.validate(qualifications: "Ten years of brand identity work.", portfolioLinks: ["javascript:alert(1)"])
            Issue.record("a script link was accepted")
        } catch { #expect(error.errors.map(\.field) == ["portfolioLinks"]) }
    }

    @Test func acceptingNeedsEveryCriterionAndEveryDecisionAReason() throws {
        let candidate = ProCandidate(level: .established, portfolioLinks: ["https://a.example", "https://b.example", "https://c.example"],
                                     identityVerifiedAt: nil, ratingSum: 48, ratingCount: 10)
        let unverified = ProVetting.standard.check(candidate)
        #expect(throws: ConflictError.self) { try ProRules.requireCanDecide(state: .pending, accept: true, checks: unverified) }
        // declining an ineligible seller is allowed: the reason says why
        try ProRules.requireCanDecide(state: .pending, accept: false, checks: unverified)
        var verified = candidate
        verified.identityVerifiedAt = Date()
        try ProRules.requireCanDecide(state: .pending, accept: true, checks: ProVetting.standard.check(verified))
        #expect(throws: ConflictError.self) { try ProRules.requireCanDecide(state: .accepted, accept: false, checks: []) }
        #expect(throws: ValidationError.self) { try ProRules.validateReason("ok") }
        #expect(try ProRules.validateReason("  A verified record.  ") == "A verified record.")
    }

    @Test func removalWaitsForTheNoticeAndTheSellerAnswersOnce() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let effective = ProRules.effectiveAt(noticeFrom: start)
        #expect(effective.timeIntervalSince(start) == 14 * 86_400)
        #expect(!ProRules.isDue(state: .notice, effectiveAt: effective, now: effective.addingTimeInterval(-1)))
        #expect(ProRules.isDue(state: .notice, effectiveAt: effective, now: effective))
        #expect(!ProRules.isDue(state: .cancelled, effectiveAt: effective, now: effective))
        try ProRules.requireCanRespond(state: .notice, respondedAt: nil, effectiveAt: effective, now: start)
        #expect(throws: ConflictError.self) { try ProRules.requireCanRespond(state: .notice, respondedAt: start, effectiveAt: effective, now: start) }
        #expect(throws: ConflictError.self) { try ProRules.requireCanRespond(state: .notice, respondedAt: nil, effectiveAt: effective, now: effective) }
        #expect(throws: ConflictError.self) { try ProRules.requireCanStartRemoval(isPro: false, hasOpenNotice: false) }
        #expect(throws: ConflictError.self) { try ProRules.requireCanStartRemoval(isPro: true, hasOpenNotice: true) }
        #expect(ProRules.plainLanguage.joined().contains("14 days' notice"))
    }
}
