import Foundation
import Testing
@testable import GuildCore

@Suite struct SearchCursorTests {
    private static let id = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00CF4FC964FF")!

    @Test(arguments: [
        CursorValue.double(0.1 + 0.2), .double(0.7312345678901234), .double(0), .double(-1e-300),
        .int(0), .int(Int64.max), .int(Int64.min), .string(""), .string("ünïcödé \"quoted\" / +"),
    ])
    func roundTripKeepsEveryValueExactly(value: CursorValue) throws {
        // given
        let cursor = SearchCursor(sortKey: "relevance", value: value, id: Self.id)
        // when
        let token = cursor.encoded()
        let decoded = try SearchCursor.decode(token)
        // then
        #expect(decoded == cursor)
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(!token.contains("="))
    }

    @Test func cursorForOneSortIsRefusedForAnother() throws {
        // given
        let token = SearchCursor(sort: .price, value: .int(5_000), id: Self.id).encoded()
        // then
        #expect(try SearchCursor.decode(token, for: .price).value == .int(5_000))
        #expect(throws: MalformedCursorError.self) { try SearchCursor.decode(token, for: .rating) }
    }

    @Test func cursorWithTheWrongKindOfValueIsRefused() {
        let token = SearchCursor(sort: .price, value: .string("cheap"), id: Self.id).encoded()
        #expect(throws: MalformedCursorError.self) { try SearchCursor.decode(token, for: .price) }
    }

    @Test(arguments: [
        "", "!!!!", "abc", "a", "bm90IGpzb24", "e30", "eyJzb3J0S2V5IjoicmVsZXZhbmNlIn0",
        String(repeating: "A", count: 600), "eyJ9=", "%7B%7D", "bm90IGpzb24=\n",
    ])
    func malformedTokensAreADistinctError(token: String) {
        #expect(throws: MalformedCursorError.self) { try SearchCursor.decode(token) }
    }

    @Test func unknownSortKeyInsideAWellFormedCursorIsMalformed() {
        let token = SearchCursor(sortKey: "sideways", value: .int(1), id: Self.id).encoded()
        #expect(throws: MalformedCursorError.self) { try SearchCursor.decode(token) }
    }
}

@Suite struct SearchSortAndFiltersTests {
    @Test func sortParsesKnownValuesAndDefaultsToRelevance() throws {
        #expect(try SearchSort.parse(nil) == .relevance)
        #expect(try SearchSort.parse("") == .relevance)
        #expect(try SearchSort.parse("newest") == .newest)
        #expect(SearchSort.price.isDescending == false)
        #expect(SearchSort.rating.isDescending)
    }

    @Test func unknownSortIsAValidationErrorOnSort() throws {
        let error = try #require(throws: ValidationError.self) { try SearchSort.parse("sideways") }
        #expect(error.field == "sort")
    }

    @Test func filterLimitsAreRefusedNotClamped() throws {
        // given
        let filters = SearchFilters(category: "nope", maxPriceCents: 0, maxDeliveryDays: 91, minRating: 5.5, limit: 0)
        // when
        let error = try #require(throws: ValidationErrors.self) { try filters.validate() }
        // then
        #expect(error.errors.map(\.field) == ["category", "maxPriceCents", "maxDeliveryDays", "minRating", "limit"])
    }

    @Test func boundaryFiltersPass() throws {
        try SearchFilters(category: "data", maxPriceCents: 1, maxDeliveryDays: 1, minRating: 1, limit: 1).validate()
        try SearchFilters(maxDeliveryDays: 90, minRating: 5, limit: 50).validate()
        #expect(throws: ValidationErrors.self) { try SearchFilters(limit: 51).validate() }
        #expect(throws: ValidationErrors.self) { try SearchFilters(minRating: 0.99).validate() }
    }
}

@Suite struct SearchRequestTests {
    @Test func readsEveryParameter() throws {
        // given
        let id = UUID()
        let cursor = SearchCursor(sort: .price, value: .int(2_500), id: id).encoded()
        let parameters = [
            "q": "Logo design", "category": "design", "maxPriceCents": "10000", "maxDeliveryDays": "7",
            "minRating": "4.5", "pro": "true", "sort": "price", "limit": "10", "cursor": cursor, "explain": "true",
        ]
        // when
        let request = try SearchRequest.parse(parameters)
        // then
        #expect(request.terms.words == ["logo", "design"])
        #expect(request.filters == SearchFilters(
            category: "design", maxPriceCents: 10_000, maxDeliveryDays: 7, minRating: 4.5, pro: true, sort: .price, limit: 10))
        #expect(request.cursor == SearchCursor(sort: .price, value: .int(2_500), id: id))
        #expect(request.explain)
    }

    @Test func defaultsWhenNothingIsGiven() throws {
        let request = try SearchRequest.parse([:])
        #expect(request.filters == SearchFilters())
        #expect(request.filters.limit == 20)
        #expect(request.cursor == nil && !request.explain && request.terms.isEmpty)
    }

    @Test func badParametersAreAllNamed() {
        // given
        let parameters = ["limit": "1000", "sort": "sideways", "maxPriceCents": "cheap", "pro": "maybe", "minRating": "nan"]
        // when / then
        #expect {
            try SearchRequest.parse(parameters)
        } throws: { error in
            guard case .invalid(let errors) = error as? SearchRequestError else { return false }
            return Set(errors.errors.map(\.field)) == ["limit", "sort", "maxPriceCents", "pro", "minRating"]
                && errors.errors.count == 5
        }
    }

    @Test func malformedCursorIsItsOwnError() {
        #expect(throws: SearchRequestError.malformedCursor(MalformedCursorError(reason: "cursor is not base64url"))) {
            try SearchRequest.parse(["cursor": "not a cursor"])
        }
    }

    @Test func limitZeroIsAValidationErrorNotAClamp() {
        #expect(throws: SearchRequestError.invalid(ValidationErrors([ValidationError(field: "limit", reason: "must be between 1 and 50")]))) {
            try SearchRequest.parse(["limit": "0"])
        }
    }

    @Test func parametersAreTrimmedAsFoundationTrimsWhitespaces() {
        let samples = ["", " ", "\t", "  design ", "\tlogo\t", "\u{3000}全角\u{3000}", "\u{00A0}nbsp\u{00A0}", "\n line \n",
                       " e\u{301} ", "a b", "\u{2003}\u{2009}em\u{200A}", "\u{200B}zero width\u{200B}", " \u{1F600} "]
        for sample in samples {
            #expect(SearchRequest.trimmingWhitespaces(sample) == sample.trimmingCharacters(in: .whitespaces), "\(sample.unicodeScalars.map { $0.value })")
        }
        // every code point of the first planes' common blocks on either side of a word
        var differing: [UInt32] = []
        for value in Array(UInt32(0)...0x3100) + [0xFEFF, 0xFFFE] {
            guard let c = Unicode.Scalar(value) else { continue }
            let sample = "\(c)x\(c)"
            if SearchRequest.trimmingWhitespaces(sample) != sample.trimmingCharacters(in: .whitespaces) { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.map { String($0, radix: 16) })")
    }

    @Test func plainAndNormalisedQueriesParseAlike() {
        // ASCII skips NFKC; anything else goes through it
        #expect(SearchQuery.parse("Logo DESIGN for Cafe").words == ["logo", "design", "for", "cafe"])
        #expect(SearchQuery.parse("ﬁne Ｌｏｇｏ").words == ["fine", "logo"])
    }
}
