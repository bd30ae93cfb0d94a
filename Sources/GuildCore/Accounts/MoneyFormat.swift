// Showing and reading amounts of money for people: integer cents in, "$1,234.50" out, and back.
import Foundation

public enum MoneyFormat {
    /// "$1,234.50" for 123450. Amounts are whole cents; formatting never goes through floating point.
    public static func format(cents: Int64, currencySymbol: String = "$") -> String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        grouped = digits + grouped
        let frac = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return (negative ? "-" : "") + currencySymbol + grouped + "." + frac
    }

    /// "1234.50": for form fields.
    public static func plainAmount(cents: Int64) -> String {
        let m = cents.magnitude
        let frac = m % 100 < 10 ? "0\(m % 100)" : "\(m % 100)"
        return (cents < 0 ? "-" : "") + "\(m / 100).\(frac)"
    }

    /// Reads "45", "45.5", "45.50", "$1,234.50" as cents; nil for anything else (negative, more than two decimals, letters).
    public static func parse(_ raw: String) -> Int64? {
        var s = raw.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("$") { s.removeFirst() }
        s = s.replacingOccurrences(of: ",", with: "")
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let wholePart = parts.first, !wholePart.isEmpty,
              wholePart.allSatisfy(\.isASCII), let whole = Int64(wholePart), whole >= 0, whole < 100_000_000_000 else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(f) else { return nil }
            cents = f.count == 1 ? v * 10 : v
        }
        return whole * 100 + cents
    }
}
