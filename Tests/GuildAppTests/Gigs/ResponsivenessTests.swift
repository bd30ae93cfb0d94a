// The responsiveness factor measured from real orders: hours from payment to the seller's first step, median over the
// window, an untouched order counted at the cap, and the search explanation reading the measured value.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct ResponsivenessTests {
    @Test func theMedianCountsUntouchedOrdersAtTheCapAndSkipsYoungOnes() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let h: TimeInterval = 3_600
        let samples = [
            ResponseTime.Sample(paidAt: now - 100 * h, firstActionAt: now - 98 * h),   // 2 hours
            ResponseTime.Sample(paidAt: now - 90 * h, firstActionAt: nil),            // untouched past the cap: 72
            ResponseTime.Sample(paidAt: now - 10 * h, firstActionAt: nil),            // still young: not counted
            ResponseTime.Sample(paidAt: now - 200 * 86_400, firstActionAt: now - 199 * 86_400),  // outside the window
        ]
        #expect(ResponseTime.medianHours(samples, now: now) == 37)
        #expect(ResponseTime.medianHours([], now: now) == nil)
    }

    @Test(arguments: TestDatabase.all)
    func aSellersResponsivenessComesFromTheirOrders(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let clock = GuildClock(fixed: Date(timeIntervalSince1970: 1_800_000_000))
            app.clock = clock
            let m = try await Market.make(app)
            // given an order paid and delivered five hours later, and one paid and left untouched for four days
            let quick = try await m.place()
            #expect(try await m.step("fund", quick.id, by: m.buyer).status == .ok)
            clock.advance(seconds: 5 * 3_600)
            #expect(try await m.step("deliver", quick.id, by: m.seller, json: ["message": "Done"]).status == .ok)
            _ = await Features.runTimers(app)
            let early = try await SellerStatsRecord.find(m.seller.id, on: app.db)?.medianResponseHours
            #expect(early == 5, "\(String(describing: early))")
            let slow = try await m.place()
            #expect(try await m.step("fund", slow.id, by: m.buyer).status == .ok)
            // when the timers run through the next three days, as `guild serve` does every minute (here every hour)
            for _ in 0..<74 {
                clock.advance(seconds: 3_600)
                _ = await Features.runTimers(app)
            }
            // then the measured median is (5 + 72) / 2 hours, and search explains the factor from it
            let stats = try #require(try await SellerStatsRecord.find(m.seller.id, on: app.db))
            #expect(stats.medianResponseHours == 38.5)
            _ = try await app.gig(seller: m.seller.id, title: "Hand lettered wedding signs")
            let res = try await app.send(.GET, "/api/v1/search?q=lettered&explain=true")
            let factor = try #require(try res.decode(SearchResponse.self).results.first?.explain?.first { $0.key == "responsiveness" })
            #expect(abs(factor.value - Ranking.responsiveness(medianHours: 38.5)) < 1e-9)
        }
    }
}
