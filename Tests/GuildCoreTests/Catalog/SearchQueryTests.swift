import Foundation
import Testing
@testable import GuildCore

@Suite struct SearchQueryTests {
    /// Characters that are syntax in FTS5 or tsquery, or SQL quoting. None may come out of a word.
    private static let syntax: Set<Character> = ["\"", "'", "*", "-", "(", ")", ":", "&", "|", "!", "<", ">", "^", "+", ";", "\\", " ", ",", ".", "{", "}", "[", "]", "~", "@", "#", "$", "%", "=", "/", "?", "`"]

    private static let hostile = [
        "\"", "\"\"\"", "logo\" OR \"x", "*", "log*", "-logo", "NEAR(logo design, 2)", "logo OR design",
        "logo AND design", "NOT logo", "'; DROP TABLE gigs; --", "\u{1F600}\u{1F469}\u{200D}\u{1F4BB}", "",
        "   ", String(repeating: "a", count: 10_000), String(repeating: "\"*", count: 5_000), "a:*&b|!c<->d",
        "{title}: logo", "^logo", "\\x00\u{0000}\u{202E}rtl", "col:val", "1\u{FE0F}\u{20E3} keycap",
    ]

    @Test func wordsAreLowerCasedAndSplitOnAnythingButLettersAndDigits() {
        // when
        let terms = SearchQuery.parse("  Logo-Design, for BAKERY!! 3D  ")
        // then
        #expect(terms.words == ["logo", "design", "for", "bakery", "3d"])
    }

    @Test func unicodeLettersAndTheirMarksSurvive() {
        #expect(SearchQuery.parse("Café Ünïcödé").words == ["café", "ünïcödé"])
        // a combining accent stays with its letter; a lone one at the start is dropped
        #expect(SearchQuery.parse("cafe\u{0301} \u{0301}x").words == ["café", "x"])
        #expect(SearchQuery.parse("Übersetzung 日本語 العربية").words == ["übersetzung", "日本語", "العربية"])
        // full-width letters fold to plain ones
        #expect(SearchQuery.parse("ＬＯＧＯ").words == ["logo"])
    }

    @Test func atMostEightWordsOfAtMostFortyCharacters() {
        // given
        let many = (1...20).map { "word\($0)" }.joined(separator: " ")
        // when
        let terms = SearchQuery.parse(many + " " + String(repeating: "z", count: 100))
        let long = SearchQuery.parse(String(repeating: "z", count: 100))
        // then
        #expect(terms.words.count == 8)
        #expect(terms.words.last == "word8")
        #expect(long.words == [String(repeating: "z", count: 40)])
    }

    @Test func repeatedWordsAreKeptOnce() {
        #expect(SearchQuery.parse("logo LOGO logo design").words == ["logo", "design"])
    }

    @Test func emptyAndSymbolOnlyInputGiveNoWordsAndNoExpression() {
        for raw in ["", "   ", "\"*()-", "\u{1F600}\u{1F600}"] {
            let terms = SearchQuery.parse(raw)
            #expect(terms.isEmpty)
            #expect(terms.fts5MatchExpression(prefixLast: true) == nil)
            #expect(terms.postgresTsQuery(prefixLast: true) == nil)
        }
    }

    @Test func fts5ExpressionQuotesEveryWordAndPrefixesTheLast() {
        // given
        let terms = SearchQuery.parse("logo OR desig")
        // then
        #expect(terms.fts5MatchExpression(prefixLast: true) == #""logo" "or" "desig"*"#)
        #expect(terms.fts5MatchExpression(prefixLast: false) == #""logo" "or" "desig""#)
    }

    @Test func shortLastWordGetsNoPrefix() {
        #expect(SearchQuery.parse("logo de").fts5MatchExpression(prefixLast: true) == #""logo" "de""#)
        #expect(SearchQuery.parse("logo de").postgresTsQuery(prefixLast: true) == "logo & de")
    }

    @Test func postgresQueryJoinsWithAndAndPrefixesTheLast() {
        #expect(SearchQuery.parse("NEAR(logo design").postgresTsQuery(prefixLast: true) == "near & logo & design:*")
        #expect(SearchQuery.parse("NOT logo").postgresTsQuery(prefixLast: false) == "not & logo")
    }

    @Test func quoteInsideAWordWouldBeDoubled() {
        // given words made directly (parse never yields a quote), the renderer still escapes
        let terms = SearchTerms(words: ["a\"b"])
        // then
        #expect(terms.fts5MatchExpression(prefixLast: false) == #""a""b""#)
    }

    @Test func hostileInputYieldsOnlySafeWordsAndWellFormedExpressions() {
        for raw in Self.hostile {
            // when
            let terms = SearchQuery.parse(raw)
            // then every word is letters, digits and marks only, never syntax
            #expect(terms.words.count <= SearchQuery.maxWords)
            for word in terms.words {
                #expect(!word.isEmpty && word.count <= SearchQuery.maxWordLength)
                #expect(!word.contains { Self.syntax.contains($0) }, "\(raw.prefix(40)) → \(word)")
                #expect(word.unicodeScalars.allSatisfy { scalar in
                    let category = scalar.properties.generalCategory
                    return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || category == .nonspacingMark || category == .spacingMark
                }, "\(word)")
            }
            if let fts = terms.fts5MatchExpression(prefixLast: true) {
                // "w1" "w2" ... with an optional trailing * : each token a quoted run with no inner quote
                let pattern = #"^"[^"]+"( "[^"]+")*\*?$"#
                #expect(fts.range(of: pattern, options: .regularExpression) != nil, "\(fts)")
            }
            if let ts = terms.postgresTsQuery(prefixLast: true) {
                let stripped = ts.replacingOccurrences(of: " & ", with: "").replacingOccurrences(of: ":*", with: "")
                #expect(!stripped.contains { Self.syntax.contains($0) }, "\(ts)")
            }
        }
    }

    @Test func sqlInjectionAttemptBecomesPlainWords() {
        #expect(SearchQuery.parse("'; DROP TABLE gigs; --").words == ["drop", "table", "gigs"])
    }

    @Test func keycapEmojiKeepsOnlyItsDigit() {
        #expect(SearchQuery.parse("1\u{FE0F}\u{20E3} keycap").words == ["1", "keycap"])
    }
}
