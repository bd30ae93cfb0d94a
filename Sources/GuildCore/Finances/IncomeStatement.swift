// A signed income statement: what it says, the canonical bytes that are signed, and the period rules. Signing and
// checking the Ed25519 signature are the app's (swift-crypto); what exactly is signed is decided here.
import Foundation

public struct IncomeStatement: Codable, Sendable, Equatable {
    /// Bumped if the content or the canonical form ever changes; a verifier refuses versions it does not know.
    public static let currentVersion = 1

    public struct Member: Codable, Sendable, Equatable {
        public var id: UUID
        public var name: String
        public init(id: UUID, name: String) { self.id = id; self.name = name }
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var grossCents: Int64
        public var feeCents: Int64
        public var netCents: Int64
        public var orders: Int
        public var clients: Int
        public init(grossCents: Int64, feeCents: Int64, netCents: Int64, orders: Int, clients: Int) {
            self.grossCents = grossCents; self.feeCents = feeCents; self.netCents = netCents; self.orders = orders; self.clients = clients
        }
    }

    public var version: Int
    public var id: UUID
    /// The instance that issued it (its public address), so a lender knows whose key to check it with.
    public var issuer: String
    public var member: Member
    /// The period, first and last day included, as calendar days "YYYY-MM-DD" in `timeZone`.
    public var from: String
    public var to: String
    public var timeZone: String
    public var currency: String
    /// When it was issued, "YYYY-MM-DDTHH:MM:SSZ".
    public var issuedAt: String
    public var months: [MonthlyEarnings]
    public var totals: Totals
    /// Which key signed it: the first 16 hex digits of the SHA-256 of the public key.
    public var keyId: String
    /// "Ed25519".
    public var algorithm: String
    /// Base64 of the Ed25519 signature over `signedBytes`; nil before signing.
    public var signature: String?

    public init(version: Int = IncomeStatement.currentVersion, id: UUID, issuer: String, member: Member, from: String, to: String,
                timeZone: String, currency: String = "USD", issuedAt: String, months: [MonthlyEarnings], totals: Totals,
                keyId: String, algorithm: String = "Ed25519", signature: String? = nil) {
        self.version = version; self.id = id; self.issuer = issuer; self.member = member; self.from = from; self.to = to
        self.timeZone = timeZone; self.currency = currency; self.issuedAt = issuedAt; self.months = months; self.totals = totals
        self.keyId = keyId; self.algorithm = algorithm; self.signature = signature
    }

    /// The bytes the signature covers: a fixed prefix (so a signature can never be replayed as something else)
    /// then every field but the signature as JSON with sorted keys. Verifiers re-derive these bytes from the
    /// fields they decoded, so changing any field, or dropping one, changes the bytes.
    public var signedBytes: Data {
        var unsigned = self
        unsigned.signature = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, integers and arrays cannot fail.
        let body = try! encoder.encode(unsigned)
        return Data("guild-income-statement-v\(version)\n".utf8) + body
    }

    /// The statement as the member downloads it: readable, stable JSON.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try! encoder.encode(self)
    }
}

/// A statement's period: whole days, `from` not after `to`, at most a few years, not in the future.
public struct StatementPeriod: Sendable, Equatable {
    public var from: Date
    /// The start of the day after the last day: the period is [from, end).
    public var end: Date
    public var fromDay: String
    public var toDay: String

    public static let maximumDays = 366 * 3

    /// Parses "YYYY-MM-DD" days in `zone`. Errors name the field.
    public static func parse(from: String?, to: String?, zone: TimeZone, now: Date) throws(ValidationErrors) -> StatementPeriod {
        var errors: [ValidationError] = []
        let start = Self.day(from, field: "from", zone: zone, errors: &errors)
        let last = Self.day(to, field: "to", zone: zone, errors: &errors)
        guard let start, let last else { throw ValidationErrors(errors) }
        let calendar = EarningsMonth.calendar(zone)
        let end = calendar.date(byAdding: .day, value: 1, to: last)!
        if start > last {
            throw ValidationErrors([ValidationError(field: "from", reason: "must be on or before to")])
        }
        if start > now {
            throw ValidationErrors([ValidationError(field: "from", reason: "must not be in the future")])
        }
        let days = calendar.dateComponents([.day], from: start, to: end).day ?? 0
        if days > maximumDays {
            throw ValidationErrors([ValidationError(field: "to", reason: "a statement covers at most \(maximumDays) days")])
        }
        return StatementPeriod(from: start, end: end, fromDay: from!, toDay: to!)
    }

    private static func day(_ raw: String?, field: String, zone: TimeZone, errors: inout [ValidationError]) -> Date? {
        guard let raw, !raw.isEmpty else {
            errors.append(ValidationError(field: field, reason: "is required, as a day like 2026-01-31"))
            return nil
        }
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard raw.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1970...9999).contains(y) else {
            errors.append(ValidationError(field: field, reason: "must be a day like 2026-01-31"))
            return nil
        }
        let calendar = EarningsMonth.calendar(zone)
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d)),
              calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: y, month: m, day: d) else {
            errors.append(ValidationError(field: field, reason: "is not a day of the calendar"))
            return nil
        }
        return date
    }

    /// "2026-01-31T09:30:00Z": one fixed format for the signed timestamp.
    public static func stamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}

extension IncomeStatement {
    /// The period's released work by month (every month of the period, empty ones included) and its totals.
    public static func figures(_ releases: [EarningsFacts.Release], period: StatementPeriod, zone: TimeZone) -> ([MonthlyEarnings], Totals) {
        let inPeriod = releases.filter { $0.at >= period.from && $0.at < period.end }
        let last = EarningsMonth(containing: period.end.addingTimeInterval(-1), in: zone)
        var months: [MonthlyEarnings] = []
        var month = EarningsMonth(containing: period.from, in: zone)
        while month <= last {
            let those = inPeriod.filter { EarningsMonth(containing: $0.at, in: zone) == month }
            let net = those.reduce(Int64(0)) { $0 + $1.netCents }, fee = those.reduce(Int64(0)) { $0 + $1.feeCents }
            months.append(MonthlyEarnings(month: month, grossCents: net + fee, feeCents: fee, netCents: net,
                                          orders: Set(those.map { $0.orderID?.uuidString ?? "\($0.at.timeIntervalSince1970)" }).count))
            month = month.next
        }
        let net = inPeriod.reduce(Int64(0)) { $0 + $1.netCents }, fee = inPeriod.reduce(Int64(0)) { $0 + $1.feeCents }
        let totals = Totals(grossCents: net + fee, feeCents: fee, netCents: net,
                            orders: Set(inPeriod.map { $0.orderID?.uuidString ?? "\($0.at.timeIntervalSince1970)" }).count,
                            clients: Set(inPeriod.map(\.buyerID)).count)
        assert(months.reduce(Int64(0)) { $0 + $1.netCents } == totals.netCents, "the months add up to the total")
        return (months, totals)
    }
}
