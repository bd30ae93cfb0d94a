// Small text operations the interview drafts share: counting words, shortening, and English dates without locale data.
import Foundation

enum InterviewText {
    /// Words as a reader counts them: whitespace-separated tokens holding at least one letter or digit.
    static func wordCount(_ text: String) -> Int {
        words(text).count
    }

    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace })
            .filter { token in token.contains(where: { $0.isLetter || $0.isNumber }) }
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Collapses all runs of whitespace (including newlines) into single spaces.
    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// At most `maxWords` words, with an ellipsis when something was cut; trailing sentence punctuation removed.
    static func shortened(_ text: String, maxWords: Int) -> String {
        let tokens = singleLine(text).split(separator: " ")
        var result: String
        if tokens.count > maxWords {
            result = tokens.prefix(maxWords).joined(separator: " ")
            result = stripTrailingPunctuation(result) + "…"
        } else {
            result = stripTrailingPunctuation(tokens.joined(separator: " "))
        }
        return result
    }

    static func stripTrailingPunctuation(_ text: String) -> String {
        var result = trimmed(text)
        while let last = result.last, ".!?;:,".contains(last) {
            result.removeLast()
        }
        return result
    }

    /// Text with typographic apostrophes and accents folded, lowercased: what pattern rules read.
    static func normalisedForMatching(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "'")
            .replacingOccurrences(of: "résumé", with: "resume")
            .replacingOccurrences(of: "resumé", with: "resume")
            .replacingOccurrences(of: "résume", with: "resume")
    }

    /// Splits prose into sentences at . ! ? and line breaks, keeping each sentence's own text.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == "\n" || character == "\r" {
                appendSentence(&result, current)
                current = ""
                continue
            }
            current.append(character)
            if ".!?".contains(character) {
                // A full stop inside a number ("2.5") or a web address is not the end of a sentence.
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                if next.isWhitespace || next == "\"" || next == ")" || next == "\u{201D}" {
                    appendSentence(&result, current)
                    current = ""
                }
            }
        }
        appendSentence(&result, current)
        return result
    }

    private static func appendSentence(_ result: inout [String], _ sentence: String) {
        let clean = trimmed(sentence)
        if clean.contains(where: { $0.isLetter }) {
            result.append(clean)
        }
    }

    static let englishWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    static func gregorian(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// "Tuesday 2 December 2025, 14:00 (Europe/Paris)": readable without depending on installed locales.
    static func longDateTime(_ date: Date, timeZone: TimeZone) -> String {
        let parts = gregorian(timeZone).dateComponents([.weekday, .day, .month, .year, .hour, .minute], from: date)
        let weekday = englishWeekdays[(parts.weekday ?? 1) - 1]
        let month = englishMonths[(parts.month ?? 1) - 1]
        return "\(weekday) \(parts.day ?? 1) \(month) \(parts.year ?? 1970), "
            + "\(twoDigits(parts.hour ?? 0)):\(twoDigits(parts.minute ?? 0)) (\(timeZone.identifier))"
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
