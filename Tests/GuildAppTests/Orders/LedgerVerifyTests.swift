// `guild ledger verify`'s logic over the stored ledger: passes after real flows, names the rule a tampered row breaks.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import SQLKit
import GuildCore
@testable import GuildApp

@Suite struct LedgerVerifyTests {
    @Test(arguments: TestDatabase.all)
    func verifyPassesAfterFlowsAndNamesTheBrokenRuleAfterTampering(_ db: TestDatabase) async throws {
        // This test breaks the ledger on purpose, so the check every other test ends with is off.
        try await withGuild(db, verifyLedger: false) { app in
            // given flows of every money kind: release, refund, payout
            let m = try await Market.make(app)
            let paid = try await m.delivered()
            try await m.step("accept", paid.id, by: m.buyer)
            let refunded = try await m.place()
            try await m.step("fund", refunded.id, by: m.buyer)
            try await m.step("cancellation/decline", refunded.id, by: m.seller)
            _ = try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "p"), json: ["amountCents": 2_000])
            // then every check passes and says so
            let (lines, ok) = try await LedgerVerification.run(on: app.db)
            #expect(ok)
            #expect(lines.filter { $0.hasPrefix("pass") }.count == LedgerInvariants.rules.count)
            // when someone edits a balance behind the ledger's back
            try await app.db.sql.raw("UPDATE ledger_accounts SET balance_cents = balance_cents + 1 WHERE key = \(bind: LedgerAccountRef.member(m.seller.id).key)").run()
            // then verify fails and names the rules broken
            let (after, stillOK) = try await LedgerVerification.run(on: app.db)
            #expect(!stillOK)
            #expect(after.contains { $0.hasPrefix("FAIL") && $0.contains("balances_match_entries") })
            #expect(after.contains { $0.hasPrefix("FAIL") && $0.contains("provider_money_accounted") })
        }
    }
}

@Suite struct DemoDataTests {
    @Test(arguments: TestDatabase.all)
    func theDemoHasOrdersInEveryStateAndAConsistentLedger(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // when `guild demo` runs on an empty database
            try await app.run(["demo", "--gigs", "300"])
            // then there are orders in every state of the order process
            let states = Set(try await OrderRecord.query(on: app.db).all().map(\.state))
            #expect(states == Set(OrderState.allCases.map(\.rawValue)), "missing: \(Set(OrderState.allCases.map(\.rawValue)).subtracting(states))")
            // custom orders paid in milestones too, and money moved through escrow
            #expect(try await OrderRecord.query(on: app.db).filter(\.$kind == "custom").count() > 0)
            #expect(try await HoldRecord.query(on: app.db).count() > 0)
            // reviews written through the workflow: revealed ones, sealed ones, a response and an open flag
            let reviews = try await ReviewRecord.query(on: app.db).all()
            #expect(reviews.contains(where: \.isRevealed) && reviews.contains { !$0.isRevealed })
            #expect(reviews.contains { $0.response != nil })
            #expect(try await ReviewFlagRecord.query(on: app.db).count() > 0)
            // and every revealed review that counts is in its seller's rating count
            let counted = Dictionary(grouping: reviews.filter(\.counted), by: \.subjectID).mapValues(\.count)
            for (seller, n) in counted {
                #expect(try #require(try await SellerStatsRecord.find(seller, on: app.db)).ratingCount >= n)
            }
            // a settlement the two sides agreed, and one proposal still open
            let settlements = try await SettlementRecord.query(on: app.db).all().map(\.state)
            #expect(settlements.sorted() == [SettlementState.accepted.rawValue, SettlementState.open.rawValue].sorted())
            // levels reached by evaluation over the year, at least one warning under notice, and an appeal
            let stats = try await SellerStatsRecord.query(on: app.db).all()
            #expect(stats.contains { $0.level != SellerLevel.new.rawValue })
            let events = try await LevelEventRecord.query(on: app.db).all()
            #expect(events.contains { $0.eventKind == .promoted } && events.contains { $0.eventKind == .warned })
            #expect(try await LevelAppealRecord.query(on: app.db).count() == 1)
            // the monthly runs on the published schedule raised sellers to Established and to Top, one at a time, from their records
            let levels = stats.map(\.level)
            #expect(levels.contains(SellerLevel.established.rawValue))
            #expect(levels.contains(SellerLevel.top.rawValue))
            #expect(events.contains { $0.eventKind == .promoted && $0.toLevel == SellerLevel.established.rawValue })
            #expect(events.contains { $0.eventKind == .promoted && $0.toLevel == SellerLevel.top.rawValue && $0.fromLevel == SellerLevel.established.rawValue })
            #expect(try await LevelRunRecord.query(on: app.db).count() >= 10, "one run a month over the year")
            // Pro: applications vetted by an admin against ProVetting; the accepted hold every criterion and are Pro
            let applications = try await ProApplicationRecord.query(on: app.db).all()
            let accepted = applications.filter { $0.applicationState == .accepted }
            #expect(!accepted.isEmpty && applications.contains { $0.applicationState == .pending })
            for application in accepted {
                let record = try #require(try await SellerStatsRecord.find(application.sellerID, on: app.db))
                #expect(record.isPro && application.identityVerifiedAt != nil && application.reason != nil)
                let checks = ProWorkflow.checks(application, stats: record)
                #expect(checks.allSatisfy { $0.met })
            }
            // is_pro is set by the vetting only
            #expect(Set(stats.filter(\.isPro).compactMap(\.id)) == Set(accepted.map(\.sellerID)))
            // demo profiles list whole skills, not words of the headline
            let amara = try #require(try await User.query(on: app.db).filter(\.$email == "amara.okafor0@demo.guild").first())
            #expect(amara.skills == DemoMembers.skillSets[0] && !amara.portfolioLinks.isEmpty)
            // every seller's level is what the rules make of their record (the warned keep theirs under notice)
            for r in stats where r.levelAtRiskSince == nil {
                let user = try #require(try await User.find(r.id, on: app.db))
                let qualified = LevelRules.standard.qualifiedLevel(stats: r.levelStats(joinedAt: user.createdAt ?? Date()), now: Date())
                #expect(r.level == qualified.rawValue, "\(r.level) vs \(qualified)")
            }
            // and `guild ledger verify` passes (withGuild checks it again, as after every test)
            let (_, ok) = try await LedgerVerification.run(on: app.db)
            #expect(ok)
        }
    }
}
