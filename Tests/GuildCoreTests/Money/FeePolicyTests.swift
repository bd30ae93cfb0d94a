import Foundation
import PropertyBased
import Testing
@testable import GuildCore

@Suite struct FeePolicyTests {
    @Test func defaultPolicyIsFivePercent() throws {
        // given
        let policy = try FeePolicy()

        // when
        let quote = try policy.quote(priceCents: 10_000)

        // then
        #expect(policy.basisPoints == 500)
        #expect(policy == FeePolicy.standard)
        #expect(quote == FeeQuote(priceCents: 10_000, feeCents: 500, netCents: 9_500, basisPoints: 500))
    }

    @Test(arguments: [
        // (price, basis points, expected fee): exact halves round up, anything below a half rounds down.
        (Int64(1), 500, Int64(0)),
        (9, 500, 0),           // 0.45 → 0
        (10, 500, 1),          // 0.5 → 1
        (29, 500, 1),          // 1.45 → 1
        (30, 500, 2),          // 1.5 → 2
        (12_345, 500, 617),    // 617.25 → 617
        (12_350, 500, 618),    // 617.5 → 618
        (12_370, 500, 619),    // 618.5 → 619
        (99_999, 500, 5_000),  // 4999.95 → 5000
        (1_000, 0, 0),
        (1, 3_000, 0),         // 0.3 → 0
        (5, 3_000, 2),         // 1.5 → 2
        (333, 250, 8),         // 8.325 → 8
        (MoneyLimits.maximumAmountCents, 3_000, 3_000_000_000),
    ])
    func feeIsRoundedHalfUp(priceCents: Int64, basisPoints: Int, expectedFeeCents: Int64) throws {
        // given
        let policy = try FeePolicy(basisPoints: basisPoints)

        // when
        let quote = try policy.quote(priceCents: priceCents)

        // then
        #expect(quote.feeCents == expectedFeeCents)
        #expect(quote.netCents == priceCents - expectedFeeCents)
        #expect(quote.priceCents == priceCents)
    }

    @Test func feeAndNetAlwaysAddUpToThePriceAndStayWithinHalfACent() async {
        await propertyCheck(count: 500, input: Gen.int64(in: 1...MoneyLimits.maximumAmountCents), Gen.int(in: FeePolicy.allowedBasisPoints)) { price, basisPoints in
            // given
            let policy = try FeePolicy(basisPoints: basisPoints)

            // when
            let quote = try policy.quote(priceCents: price)

            // then
            #expect(quote.feeCents + quote.netCents == price)
            #expect(quote.feeCents >= 0 && quote.feeCents <= price)
            let exactTimesTenThousand = price * Int64(basisPoints)
            #expect(abs(quote.feeCents * 10_000 - exactTimesTenThousand) <= 5_000)
        }
    }

    @Test(arguments: [-1, 3_001, Int.max, Int.min])
    func ratesOutsideTheAllowedRangeAreRejected(basisPoints: Int) {
        // given / when / then
        #expect(throws: ValidationError(field: "basisPoints", reason: "must be between 0 and 3000")) {
            try FeePolicy(basisPoints: basisPoints)
        }
    }

    @Test(arguments: [Int64(0), -1, Int64.min, MoneyLimits.maximumAmountCents + 1, Int64.max])
    func pricesOutsideLimitsAreRejectedNamingPriceCents(priceCents: Int64) throws {
        // given
        let policy = FeePolicy.standard

        // when
        let error = #expect(throws: ValidationError.self) { try policy.quote(priceCents: priceCents) }

        // then
        #expect(error?.field == "priceCents")
    }

    @Test func decodingValidatesTheRate() throws {
        // given
        let valid = Data(#"{"basisPoints": 250}"#.utf8)
        let invalid = Data(#"{"basisPoints": 5000}"#.utf8)

        // when
        let decoded = try JSONDecoder().decode(FeePolicy.self, from: valid)

        // then
        #expect(decoded.basisPoints == 250)
        #expect(throws: ValidationError.self) { try JSONDecoder().decode(FeePolicy.self, from: invalid) }
    }

    @Test(arguments: [(500, "5%"), (250, "2.5%"), (1, "0.01%"), (1_234, "12.34%"), (505, "5.05%"), (3_000, "30%"), (0, "0%")])
    func percentTextReadsLikeAPerson(basisPoints: Int, expected: String) throws {
        #expect(try FeePolicy(basisPoints: basisPoints).percentText == expected)
    }

    @Test func splitChargesTheFeeOnlyOnTheSellersPart() throws {
        // given
        let policy = FeePolicy.standard

        // when
        let split = try policy.splitQuote(sellerCents: 6_000, buyerCents: 4_000)

        // then
        #expect(split.feeCents == 300)
        #expect(split.sellerNetCents == 5_700)
        #expect(split.buyerCents == 4_000)
        #expect(split.sellerNetCents + split.feeCents + split.buyerCents == 10_000)
        #expect(split.totalCents == 10_000)
    }

    @Test func splitPartsAlwaysAddUp() async {
        await propertyCheck(input: Gen.int64(in: 0...1_000_000), Gen.int64(in: 0...1_000_000), Gen.int(in: 0...3_000)) { seller, buyer, bp in
            // given
            guard seller + buyer > 0 else { return }
            let policy = try FeePolicy(basisPoints: bp)

            // when
            let split = try policy.splitQuote(sellerCents: seller, buyerCents: buyer)

            // then
            #expect(split.sellerNetCents + split.feeCents == seller)
            #expect(split.sellerNetCents + split.feeCents + split.buyerCents == seller + buyer)
            #expect(split.feeCents == policy.feeCents(on: seller))
        }
    }

    @Test func splitRejectsNegativePartsAndAnEmptySplit() {
        // given
        let policy = FeePolicy.standard

        // when / then
        #expect(throws: ValidationError(field: "sellerCents", reason: "must not be negative")) {
            try policy.splitQuote(sellerCents: -1, buyerCents: 10)
        }
        #expect(throws: ValidationError(field: "buyerCents", reason: "must not be negative")) {
            try policy.splitQuote(sellerCents: 10, buyerCents: -1)
        }
        #expect(throws: ValidationError.self) { try policy.splitQuote(sellerCents: 0, buyerCents: 0) }
    }

    @Test func plainLanguageNamesTheRateAndWhereRefundsGo() throws {
        // given
        let policy = try FeePolicy(basisPoints: 250)

        // when
        let text = policy.plainLanguage.joined(separator: "\n")

        // then
        #expect(text.contains("2.5%"))
        #expect(text.contains("rounded half-up"))
        #expect(text.contains("Guild balance"))
    }
}
