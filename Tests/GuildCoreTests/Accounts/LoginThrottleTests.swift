import Foundation
import Testing
@testable import GuildCore

@Suite struct LoginThrottleTests {
    let policy = LoginThrottlePolicy(maxFailures: 3, windowSeconds: 600)
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func pausesAfterTheLimitUntilTheOldestFailureLeavesTheWindow() {
        // given three failures a minute apart
        let failures = [start, start.addingTimeInterval(60), start.addingTimeInterval(120)]
        // then two are not enough, three pause log-in
        #expect(policy.retryAfter(failures: Array(failures.prefix(2)), now: start.addingTimeInterval(130)) == nil)
        #expect(policy.retryAfter(failures: failures, now: start.addingTimeInterval(130)) == 470)
        // and once the oldest is ten minutes old, log-in may be tried again
        #expect(policy.retryAfter(failures: failures, now: start.addingTimeInterval(600)) == nil)
    }

    @Test func oldFailuresDoNotCount() {
        let failures = [start, start.addingTimeInterval(1), start.addingTimeInterval(2)]
        #expect(policy.recent(failures, now: start.addingTimeInterval(601)).count == 1)
        #expect(LoginThrottlePolicy.standard.description.contains("10 wrong passwords within 15 minutes"))
    }
}
