// Sort orders, filters and opaque cursors for the search API, validated before any query runs.
import Foundation

/// How results are ordered. Unknown values are refused, never replaced by a default.
public enum SearchSort: String, Codable, CaseIterable, Sendable {
    case relevance, price, rating, newest

    /// Price is cheapest first; the others put the best or the newest first. Ties break on id ascending.
    public var isDescending: Bool { self != .price }

    /// The kind of value a cursor for this sort carries.
    public var cursorValueKind: CursorValue.Kind {
        switch self {
        case .relevance, .rating: .double
        case .price: .int
        case .newest: .int  // creation time in whole milliseconds since 1970
        }
    }

    /// Absent or empty means `relevance`; anything else unknown is a validation error on `sort`.
    public static func parse(_ raw: String?) throws(ValidationError) -> SearchSort {
        guard let raw, !raw.isEmpty else { return .relevance }
        guard let sort = SearchSort(rawValue: raw) else {
            throw ValidationError(
                field: "sort", reason: "must be one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return sort
    }
}

/// The sort value of the last result on a page.
public enum CursorValue: Codable, Equatable, Sendable {
    case double(Double)
    case int(Int64)
    case string(String)

    public enum Kind: String, Codable, Sendable { case double, int, string }

    public var kind: Kind {
        switch self {
        case .double: .double
        case .int: .int
        case .string: .string
        }
    }

    private enum CodingKeys: String, CodingKey { case d, i, s }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "exactly one of d, i, s"))
        }
        switch key {
        case .d: self = .double(try c.decode(Double.self, forKey: .d))
        case .i: self = .int(try c.decode(Int64.self, forKey: .i))
        case .s: self = .string(try c.decode(String.self, forKey: .s))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .double(let value): try c.encode(value, forKey: .d)
        case .int(let value): try c.encode(value, forKey: .i)
        case .string(let value): try c.encode(value, forKey: .s)
        }
    }
}

/// A cursor that could not be read: the app answers 400, not 422, because the client did not
/// make it up from documented parts.
public struct MalformedCursorError: Error, Equatable, Sendable {
    public let reason: String
    public init(reason: String) { self.reason = reason }
}

/// Where the next page starts: after the result with this sort value and id (keyset pagination).
public struct SearchCursor: Codable, Equatable, Sendable {
    public let sortKey: String
    public let value: CursorValue
    public let id: UUID

    public init(sortKey: String, value: CursorValue, id: UUID) {
        self.sortKey = sortKey
        self.value = value
        self.id = id
    }

    public init(sort: SearchSort, value: CursorValue, id: UUID) {
        self.init(sortKey: sort.rawValue, value: value, id: id)
    }

    /// Longer tokens are refused before decoding; a real one is about 100 characters.
    public static let maxEncodedLength = 512

    /// The opaque token: base64url (no padding) of compact JSON.
    public func encoded() -> String {
        // The common cursors (a known sort, a finite number) are written directly: the same compact, key-sorted JSON
        // the encoder below gives, without its cost on every page.
        if sortKey.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) {
            var number: String?
            var kind = ""
            switch value {
            case .double(let d) where d.isFinite: number = d.description; kind = "d"
            case .int(let i): number = String(i); kind = "i"
            default: break
            }
            if let number {
                let json = "{\"id\":\"\(id.uuidString)\",\"sortKey\":\"\(sortKey)\",\"value\":{\"\(kind)\":\(number)}}"
                return Self.base64URL(json.utf8)
            }
        }
        return encodedThroughJSONEncoder()
    }

    /// Base64url without padding (RFC 4648 §5), written straight from the bytes.
    static func base64URL<Bytes: Collection<UInt8>>(_ data: Bytes) -> String {
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        let input = Array(data)
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 4 + 2) / 3)
        alphabet.withUTF8Buffer { a in
            var i = 0
            while i + 3 <= input.count {
                let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                out.append(a[Int(n >> 18)]); out.append(a[Int(n >> 12 & 63)]); out.append(a[Int(n >> 6 & 63)]); out.append(a[Int(n & 63)])
                i += 3
            }
            if input.count - i == 1 {
                let n = UInt32(input[i]) << 16
                out.append(a[Int(n >> 18)]); out.append(a[Int(n >> 12 & 63)])
            } else if input.count - i == 2 {
                let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
                out.append(a[Int(n >> 18)]); out.append(a[Int(n >> 12 & 63)]); out.append(a[Int(n >> 6 & 63)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of base64url text without padding; nil when it is not (a stray character, a length no encoding
    /// gives, or bits past the last byte that are not zero).
    static func bytes(base64URL token: String) -> [UInt8]? {
        func value(_ c: UInt8) -> UInt32? {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(c - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "-"): 62
            case UInt8(ascii: "_"): 63
            default: nil
            }
        }
        let chars = Array(token.utf8)
        guard chars.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count * 3 / 4)
        var i = 0
        while i < chars.count {
            let group = min(4, chars.count - i)
            var n: UInt32 = 0
            for j in 0..<4 {
                if j < group {
                    guard let v = value(chars[i + j]) else { return nil }
                    n = n << 6 | v
                } else {
                    n <<= 6
                }
            }
            out.append(UInt8(n >> 16))
            if group > 2 { out.append(UInt8(n >> 8 & 0xFF)) }
            if group > 3 { out.append(UInt8(n & 0xFF)) }
            // the unused low bits of a short last group must be zero
            if group == 2 && n & 0xFFFF != 0 { return nil }
            if group == 3 && n & 0xFF != 0 { return nil }
            i += group
        }
        return out
    }

    /// The common cursor read straight from its JSON (exactly the shape `encoded()` writes directly); nil for anything
    /// else, which the general decoder then reads.
    static func direct(_ json: [UInt8]) -> SearchCursor? {
        var i = 0
        func expect(_ s: StaticString) -> Bool {
            s.withUTF8Buffer { lit in
                guard i + lit.count <= json.count else { return false }
                for (k, b) in lit.enumerated() where json[i + k] != b { return false }
                i += lit.count
                return true
            }
        }
        func take(while ok: (UInt8) -> Bool) -> String {
            let start = i
            while i < json.count && ok(json[i]) { i += 1 }
            return String(decoding: json[start..<i], as: UTF8.self)
        }
        guard expect("{\"id\":\""), let id = UUID(uuidString: take { $0 != UInt8(ascii: "\"") }),
              expect("\",\"sortKey\":\"") else { return nil }
        let sortKey = take { $0 >= 0x61 && $0 <= 0x7A }
        guard !sortKey.isEmpty, expect("\",\"value\":{\"") , i < json.count else { return nil }
        let kind = json[i]
        i += 1
        guard expect("\":") else { return nil }
        let number = take { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
            || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "+") }
        guard expect("}}"), i == json.count, let first = number.utf8.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            return nil
        }
        switch kind {
        case UInt8(ascii: "i"):
            guard let v = Int64(number) else { return nil }
            return SearchCursor(sortKey: sortKey, value: .int(v), id: id)
        case UInt8(ascii: "d"):
            guard let v = Double(number), v.isFinite else { return nil }
            return SearchCursor(sortKey: sortKey, value: .double(v), id: id)
        default:
            return nil
        }
    }

    /// The general form, for any sort key and value.
    func encodedThroughJSONEncoder() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Scores are finite, but a cursor must never be the thing that fails a page.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data: Data
        do {
            data = try encoder.encode(self)
        } catch {
            preconditionFailure("a cursor of a string, a number and a UUID always encodes: \(error)")
        }
        return Self.base64URL(data)
    }

    /// Reads a token made by `encoded()`. When `sort` is given, the cursor must belong to it and carry
    /// the kind of value that sort uses.
    public static func decode(_ token: String, for sort: SearchSort? = nil) throws(MalformedCursorError) -> SearchCursor {
        guard !token.isEmpty, token.utf8.count <= maxEncodedLength else {
            throw MalformedCursorError(reason: "cursor is empty or too long")
        }
        guard token.utf8.allSatisfy({ isBase64URL($0) }) else {
            throw MalformedCursorError(reason: "cursor is not base64url")
        }
        guard let bytes = bytes(base64URL: token) else {
            throw MalformedCursorError(reason: "cursor is not base64url")
        }
        let cursor: SearchCursor
        if let common = direct(bytes) {
            cursor = common
        } else {
            do {
                cursor = try decodedThroughJSONDecoder(Data(bytes))
            } catch {
                throw MalformedCursorError(reason: "cursor does not hold a position")
            }
        }
        guard let cursorSort = SearchSort(rawValue: cursor.sortKey) else {
            throw MalformedCursorError(reason: "cursor names an unknown sort")
        }
        if let sort {
            guard cursorSort == sort else {
                throw MalformedCursorError(reason: "cursor belongs to sort=\(cursorSort.rawValue), not sort=\(sort.rawValue)")
            }
            guard cursor.value.kind == sort.cursorValueKind else {
                throw MalformedCursorError(reason: "cursor value does not fit sort=\(sort.rawValue)")
            }
        }
        return cursor
    }

    /// The general reading, for any shape the encoder can give.
    static func decodedThroughJSONDecoder(_ data: Data) throws -> SearchCursor {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(SearchCursor.self, from: data)
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}

/// Narrowing options of a search. Out-of-range values are refused, never clamped.
public struct SearchFilters: Codable, Equatable, Sendable {
    public var category: String?
    public var maxPriceCents: Int64?
    public var maxDeliveryDays: Int?
    public var minRating: Double?
    /// `true`: only Pro sellers; `nil` or `false`: everyone.
    public var pro: Bool?
    public var sort: SearchSort
    public var limit: Int

    public static let defaultLimit = 20
    public static let limitRange = 1...50
    public static let maxDeliveryDaysRange = GigRules.deliveryDays
    public static let minRatingRange = 1.0...5.0

    public init(
        category: String? = nil, maxPriceCents: Int64? = nil, maxDeliveryDays: Int? = nil, minRating: Double? = nil,
        pro: Bool? = nil, sort: SearchSort = .relevance, limit: Int = SearchFilters.defaultLimit
    ) {
        self.category = category
        self.maxPriceCents = maxPriceCents
        self.maxDeliveryDays = maxDeliveryDays
        self.minRating = minRating
        self.pro = pro
        self.sort = sort
        self.limit = limit
    }

    /// Checks every filter, naming each bad query parameter.
    public func validate() throws(ValidationErrors) {
        var errors: [ValidationError] = []
        if let category, CategoryTaxonomy.category(slug: category) == nil {
            errors.append(ValidationError(field: "category", reason: "is not a known category"))
        }
        if let maxPriceCents, maxPriceCents <= 0 {
            errors.append(ValidationError(field: "maxPriceCents", reason: "must be greater than 0"))
        }
        if let maxDeliveryDays, !Self.maxDeliveryDaysRange.contains(maxDeliveryDays) {
            errors.append(ValidationError(
                field: "maxDeliveryDays",
                reason: "must be between \(Self.maxDeliveryDaysRange.lowerBound) and \(Self.maxDeliveryDaysRange.upperBound)"))
        }
        if let minRating, !(minRating.isFinite && Self.minRatingRange.contains(minRating)) {
            errors.append(ValidationError(field: "minRating", reason: "must be between 1 and 5"))
        }
        if !Self.limitRange.contains(limit) {
            errors.append(ValidationError(
                field: "limit", reason: "must be between \(Self.limitRange.lowerBound) and \(Self.limitRange.upperBound)"))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }
}

/// Why a search request was refused: bad parameters (422) or a cursor that cannot be read (400).
public enum SearchRequestError: Error, Equatable, Sendable {
    case invalid(ValidationErrors)
    case malformedCursor(MalformedCursorError)
}

/// A whole search request read from query parameters (`GET /api/v1/search`).
public struct SearchRequest: Equatable, Sendable {
    public var terms: SearchTerms
    public var filters: SearchFilters
    public var cursor: SearchCursor?
    public var explain: Bool

    public init(terms: SearchTerms, filters: SearchFilters, cursor: SearchCursor?, explain: Bool) {
        self.terms = terms
        self.filters = filters
        self.cursor = cursor
        self.explain = explain
    }

    /// `trimmingCharacters(in: .whitespaces)` (tabs, Unicode's space separators and, as Foundation has it, the zero-width
    /// space, at either end) without going through `NSString`, which cost a search a copy of every parameter.
    static func trimmingWhitespaces(_ value: String) -> String {
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == "\t" || c == "\u{200B}" || c.properties.generalCategory == .spaceSeparator }
        let scalars = value.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return value }
        return String(scalars[first...last])
    }

    /// Reads `q, category, maxPriceCents, maxDeliveryDays, minRating, pro, sort, limit, cursor, explain`.
    /// An empty parameter counts as absent. Parameters are checked first; the cursor is read only
    /// once the sort it must belong to is known.
    public static func parse(_ parameters: [String: String]) throws(SearchRequestError) -> SearchRequest {
        var errors: [ValidationError] = []
        func value(_ name: String) -> String? {
            guard let raw = parameters[name].map(Self.trimmingWhitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func integer<T: FixedWidthInteger>(_ name: String, as: T.Type) -> T? {
            guard let raw = value(name) else { return nil }
            guard let number = T(raw) else {
                errors.append(ValidationError(field: name, reason: "must be a whole number"))
                return nil
            }
            return number
        }
        func flag(_ name: String) -> Bool? {
            guard let raw = value(name) else { return nil }
            switch raw.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default:
                errors.append(ValidationError(field: name, reason: "must be true or false"))
                return nil
            }
        }

        var filters = SearchFilters()
        filters.category = value("category")
        filters.maxPriceCents = integer("maxPriceCents", as: Int64.self)
        filters.maxDeliveryDays = integer("maxDeliveryDays", as: Int.self)
        if let raw = value("minRating") {
            if let rating = Double(raw), rating.isFinite {
                filters.minRating = rating
            } else {
                errors.append(ValidationError(field: "minRating", reason: "must be a number between 1 and 5"))
            }
        }
        filters.pro = flag("pro")
        do {
            filters.sort = try SearchSort.parse(value("sort"))
        } catch {
            errors.append(error)
        }
        if let limit = integer("limit", as: Int.self) { filters.limit = limit }
        let explain = flag("explain") ?? false

        do {
            try filters.validate()
        } catch {
            // Fields that already failed to parse are not reported twice.
            let reported = Set(errors.map(\.field))
            errors += error.errors.filter { !reported.contains($0.field) }
        }
        if !errors.isEmpty { throw .invalid(ValidationErrors(errors)) }

        var cursor: SearchCursor?
        if let token = value("cursor") {
            do {
                cursor = try SearchCursor.decode(token, for: filters.sort)
            } catch {
                throw .malformedCursor(error)
            }
        }
        return SearchRequest(
            terms: SearchQuery.parse(parameters["q"] ?? ""), filters: filters, cursor: cursor, explain: explain)
    }
}
