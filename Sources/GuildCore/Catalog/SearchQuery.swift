// Turns what a buyer typed into plain words, and renders them as query text that neither search engine can misread.
import Foundation

/// The words of a search, each made only of letters, digits and the marks that belong to letters.
public struct SearchTerms: Codable, Equatable, Sendable {
    public let words: [String]

    public init(words: [String]) {
        self.words = words
    }

    public var isEmpty: Bool { words.isEmpty }

    /// Prefix matching on the last word helps search-as-you-type, but one or two letters would match
    /// half the catalogue, so it starts at three.
    public static let prefixMinimumLength = 3

    /// An FTS5 `MATCH` expression: every word a quoted string (so `OR`, `NEAR` or `*` typed by a buyer are
    /// plain text), joined by spaces, which FTS5 reads as AND. `nil` when there are no words, because
    /// an empty MATCH is a syntax error: browse without MATCH instead. Bind it as a parameter.
    public func fts5MatchExpression(prefixLast: Bool) -> String? {
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            // Words never hold a quote; doubling is the FTS5 escape and costs nothing should that change.
            let quoted = "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return isPrefixWord(index, prefixLast) ? quoted + "*" : quoted
        }.joined(separator: " ")
    }

    /// A query for `to_tsquery('simple', $1)`: words joined by ` & `, the last with `:*` for prefix
    /// matching. Words hold only letters, digits and marks, none of which is tsquery syntax.
    /// `nil` when there are no words. Bind it as a parameter.
    public func postgresTsQuery(prefixLast: Bool) -> String? {
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            isPrefixWord(index, prefixLast) ? word + ":*" : word
        }.joined(separator: " & ")
    }

    private func isPrefixWord(_ index: Int, _ prefixLast: Bool) -> Bool {
        prefixLast && index == words.count - 1 && words[index].count >= Self.prefixMinimumLength
    }
}

public enum SearchQuery {
    public static let maxWords = 8
    public static let maxWordLength = 40
    /// Only this much of the raw text is read; nobody types a longer search, and it bounds the work.
    public static let maxInputCharacters = 1_000

    /// Splits raw text into lower-cased words. Anything that is not a letter or a digit separates words
    /// (so `don't` gives `don` and `t`, as the engines' own tokenisers do); repeated words are kept once;
    /// words longer than `maxWordLength` are cut; after `maxWords` the rest is ignored.
    public static func parse(_ raw: String) -> SearchTerms {
        // NFKC folds full-width letters and ligatures into their plain forms before lower-casing.
        // (Plain ASCII is its own NFKC form: it skips Foundation's normalisation.)
        let cut = String(raw.prefix(maxInputCharacters))
        let text = (cut.utf8.allSatisfy { $0 < 0x80 } ? cut : cut.precomposedStringWithCompatibilityMapping).lowercased()
        var words: [String] = []
        var seen = Set<String>()
        var current = String.UnicodeScalarView()

        func finishWord() {
            defer { current = String.UnicodeScalarView() }
            guard !current.isEmpty else { return }
            let word = String(String(current).prefix(maxWordLength))
            if seen.insert(word).inserted { words.append(word) }
        }

        for scalar in text.unicodeScalars {
            if words.count >= maxWords { break }
            switch kind(of: scalar) {
            case .wordStart:
                current.append(scalar)
            case .mark:
                // A combining mark is part of the letter before it, never the start of a word.
                if !current.isEmpty { current.append(scalar) }
            case .separator:
                finishWord()
            }
        }
        if words.count < maxWords { finishWord() }
        return SearchTerms(words: words)
    }

    private enum ScalarKind { case wordStart, mark, separator }

    private static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return .wordStart
        case .nonspacingMark, .spacingMark:
            // Variation selectors dress up emoji; they are not part of any word.
            return scalar.properties.isVariationSelector ? .separator : .mark
        default:
            return .separator
        }
    }
}
