// Shared values for the money tests: fixed ids and a fixed clock, so every run is the same.
import Foundation
@testable import GuildCore

enum MoneyFixtures {
    static let now = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z

    /// A readable, fixed member id: member(1) is 00000000-0000-4000-8000-000000000001.
    static func id(_ number: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-4000-8000-%012x", number))!
    }

    static let buyer = id(1)
    static let seller = id(2)
    static let holdID = id(100)
    static let orderID = id(200)

    static func openHold(amountCents: Int64 = 10_000, basisPoints: Int = 500) throws -> EscrowHold {
        try Escrow.fund(holdID: holdID, orderID: orderID, buyer: buyer, seller: seller, amountCents: amountCents,
                        feePolicy: FeePolicy(basisPoints: basisPoints), provider: "sandbox", now: now).hold
    }
}
