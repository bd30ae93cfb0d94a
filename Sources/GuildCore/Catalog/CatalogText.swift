// Number formatting for the plain-language policy lines (fixed, locale-free, so pages and tests agree).

enum CatalogText {
    /// `$5`, `$10,000`, `$12.50`.
    static func dollars(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let digits = String(magnitude / 100)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        let rest = magnitude % 100
        return sign + "$" + grouped + (rest == 0 ? "" : "." + (rest < 10 ? "0" : "") + String(rest))
    }

    /// `90%`, `2.5%`; rounded to tenths so 0.92 prints as 92%, not 92.00000000000001%.
    static func percent(_ fraction: Double) -> String {
        let value = (fraction * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}
