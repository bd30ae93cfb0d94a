// The double-entry ledger's vocabulary: accounts, postings, transfers and their entries.
import Foundation

/// A ledger account, named by a stable string key that the database stores and the CLI prints.
///
/// Balance convention: an account's balance = sum(credits) − sum(debits). Money arriving from a payment
/// provider is debited to that provider's clearing account, so clearing goes negative as money comes in
/// and the sum of all balances is always 0.
public enum LedgerAccountRef: Hashable, Sendable, CustomStringConvertible {
    /// A member's Guild balance: what they may spend or withdraw.
    case member(UUID)
    /// Money held for open orders, one hold per funded order or milestone.
    case escrow
    /// The platform's fee income.
    case platformRevenue
    /// The mirror of money held at a payment provider ("sandbox", "manual", …).
    case providerClearing(String)
    /// Payouts requested by members and not yet confirmed sent by the provider.
    case payoutsInTransit

    public static let maximumProviderNameLength = 32

    /// The stable key: "member:<lowercase uuid>", "escrow", "platform:revenue", "provider:<name>", "payouts:in_transit".
    public var key: String {
        switch self {
        case .member(let id): "member:\(id.uuidString.lowercased())"
        case .escrow: "escrow"
        case .platformRevenue: "platform:revenue"
        case .providerClearing(let name): "provider:\(name)"
        case .payoutsInTransit: "payouts:in_transit"
        }
    }

    public var description: String { key }

    public var isMember: Bool {
        if case .member = self { return true }
        return false
    }

    public var isProviderClearing: Bool {
        if case .providerClearing = self { return true }
        return false
    }

    /// Parses a stable key; member ids are accepted in either case.
    public init(key: String) throws(ValidationError) {
        switch key {
        case "escrow": self = .escrow
        case "platform:revenue": self = .platformRevenue
        case "payouts:in_transit": self = .payoutsInTransit
        default:
            if key.hasPrefix("member:"), let id = UUID(uuidString: String(key.dropFirst("member:".count))) {
                self = .member(id)
            } else if key.hasPrefix("provider:") {
                let name = String(key.dropFirst("provider:".count))
                try Self.validateProviderName(name)
                self = .providerClearing(name)
            } else {
                throw ValidationError(field: "account", reason: "unknown ledger account key \"\(key)\"")
            }
        }
    }

    /// Provider names are short lowercase words so that keys stay readable and stable.
    public static func validateProviderName(_ name: String) throws(ValidationError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_-")
        guard !name.isEmpty, name.count <= maximumProviderNameLength, name.allSatisfy({ allowed.contains($0) }) else {
            throw ValidationError(
                field: "provider",
                reason: "must be 1 to \(maximumProviderNameLength) characters of a-z, 0-9, _ or -"
            )
        }
    }
}

extension LedgerAccountRef: Codable {
    public init(from decoder: any Decoder) throws {
        let key = try decoder.singleValueContainer().decode(String.self)
        try self.init(key: key)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}

/// Lets `[LedgerAccountRef: Int64]` encode as a JSON object keyed by account key.
extension LedgerAccountRef: CodingKeyRepresentable {
    public var codingKey: any CodingKey { AccountCodingKey(stringValue: key) }

    public init?<T: CodingKey>(codingKey: T) {
        guard let parsed = try? LedgerAccountRef(key: codingKey.stringValue) else { return nil }
        self = parsed
    }

    private struct AccountCodingKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Stable memo codes, so that statements and the earnings view can tell postings apart.
public enum PostingMemo {
    public static let deposit = "deposit"
    public static let escrowHold = "escrow_hold"
    public static let releaseToSeller = "release_to_seller"
    public static let platformFee = "platform_fee"
    public static let refundToBuyer = "refund_to_buyer"
    public static let payoutRequested = "payout_requested"
    public static let payoutSent = "payout_sent"
    public static let payoutFailed = "payout_failed"

    /// What a memo means, in words a member reads on their statement.
    public static func label(for memo: String) -> String {
        switch memo {
        case deposit: return "Payment received"
        case escrowHold: return "Held in escrow for an order"
        case releaseToSeller: return "Released to you for accepted work"
        case platformFee: return "Platform fee"
        case refundToBuyer: return "Refund from escrow"
        case payoutRequested: return "Payout requested"
        case payoutSent: return "Payout sent"
        case payoutFailed: return "Payout failed: returned to your balance"
        default: return memo.replacingOccurrences(of: "_", with: " ").capitalized
        }
    }
}

/// One movement of money: `amountCents` leaves `debit` and arrives in `credit`.
public struct Posting: Codable, Equatable, Sendable {
    public static let maximumMemoLength = 200

    public let debit: LedgerAccountRef
    public let credit: LedgerAccountRef
    public let amountCents: Int64
    public let memo: String
    /// The escrow hold this posting funds or resolves, so that each hold can be audited on its own.
    public let holdID: UUID?

    public init(debit: LedgerAccountRef, credit: LedgerAccountRef, amountCents: Int64, memo: String, holdID: UUID? = nil) {
        self.debit = debit
        self.credit = credit
        self.amountCents = amountCents
        self.memo = memo
        self.holdID = holdID
    }

    /// Checks what every posting must satisfy before any ledger applies it.
    public func validate() throws(ValidationError) {
        try MoneyLimits.validatePositive(amountCents)
        guard debit != credit else {
            throw ValidationError(field: "credit", reason: "a posting must move money between two different accounts")
        }
        guard memo.count <= Self.maximumMemoLength else {
            throw ValidationError(field: "memo", reason: "must be at most \(Self.maximumMemoLength) characters")
        }
    }
}

/// One side of a stored transfer.
public struct LedgerEntry: Codable, Equatable, Sendable {
    public enum Side: String, Codable, Sendable { case debit, credit }

    public let account: LedgerAccountRef
    public let side: Side
    public let amountCents: Int64

    public init(account: LedgerAccountRef, side: Side, amountCents: Int64) {
        self.account = account
        self.side = side
        self.amountCents = amountCents
    }

    /// What this entry adds to its account's balance (credits add, debits subtract).
    public var signedCents: Int64 { side == .credit ? amountCents : -amountCents }
}

/// A stored, never-edited transfer: its entries must balance. Mistakes are corrected by another transfer.
public struct LedgerTransfer: Codable, Equatable, Sendable, Identifiable {
    public let id: UUID
    public let entries: [LedgerEntry]
    public let memo: String
    public let holdID: UUID?
    public let createdAt: Date

    public init(id: UUID, entries: [LedgerEntry], memo: String, holdID: UUID?, createdAt: Date) {
        self.id = id
        self.entries = entries
        self.memo = memo
        self.holdID = holdID
        self.createdAt = createdAt
    }

    /// The stored form of one posting: a debit entry and a credit entry of the same amount.
    public init(id: UUID, posting: Posting, createdAt: Date) {
        self.init(
            id: id,
            entries: [
                LedgerEntry(account: posting.debit, side: .debit, amountCents: posting.amountCents),
                LedgerEntry(account: posting.credit, side: .credit, amountCents: posting.amountCents),
            ],
            memo: posting.memo,
            holdID: posting.holdID,
            createdAt: createdAt
        )
    }
}
