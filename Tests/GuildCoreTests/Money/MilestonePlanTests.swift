import Foundation
import Testing
@testable import GuildCore

@Suite struct MilestonePlanTests {
    @Test func orderStateFollowsTheMilestones() {
        #expect(MilestonePlan.orderState(for: []) == nil)
        #expect(MilestonePlan.orderState(for: [.awaitingFunding, .awaitingFunding]) == .awaitingPayment)
        #expect(MilestonePlan.orderState(for: [.funded, .awaitingFunding]) == .inProgress)
        #expect(MilestonePlan.orderState(for: [.released, .awaitingFunding]) == .inProgress)
        #expect(MilestonePlan.orderState(for: [.released, .delivered]) == .inProgress)
        #expect(MilestonePlan.orderState(for: [.released, .released]) == .completed)
        #expect(MilestonePlan.orderState(for: [.released, .refunded]) == .completed)
        #expect(MilestonePlan.orderState(for: [.refunded, .refunded]) == .cancelled)
    }
}
