// The ledger as stored: accounts with balances, immutable transfers, and their entries (one debit, one credit).
import Vapor
import Fluent

/// A transfer is written once and never updated or deleted.
final class LedgerTransferRecord: Model, @unchecked Sendable {
    static let schema = "ledger_transfers"

    @ID(key: .id) var id: UUID?
    @Field(key: "memo") var memo: String
    @OptionalField(key: "hold_id") var holdID: UUID?
    @OptionalField(key: "order_id") var orderID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
    init(id: UUID, memo: String, holdID: UUID?, orderID: UUID?, createdAt: Date) {
        self.id = id; self.memo = memo; self.holdID = holdID; self.orderID = orderID; self.createdAt = createdAt
    }
}

extension LedgerTransferRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _memo, _holdID, _orderID, _createdAt] }
}

/// One side of a transfer. The id is a database sequence, so a member's statement pages by it, newest first.
final class LedgerEntryRecord: Model, @unchecked Sendable {
    static let schema = "ledger_entries"

    @ID(custom: "id", generatedBy: .database) var id: Int64?
    @Field(key: "transfer_id") var transferID: UUID
    @Field(key: "account_key") var accountKey: String
    /// debit or credit.
    @Field(key: "side") var side: String
    @Field(key: "amount_cents") var amountCents: Int64
    // Copied from the transfer so that a statement reads one table.
    @Field(key: "memo") var memo: String
    @OptionalField(key: "order_id") var orderID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
    init(transferID: UUID, accountKey: String, side: String, amountCents: Int64, memo: String, orderID: UUID?, createdAt: Date) {
        self.transferID = transferID; self.accountKey = accountKey; self.side = side; self.amountCents = amountCents
        self.memo = memo; self.orderID = orderID; self.createdAt = createdAt
    }
}

extension LedgerEntryRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _transferID, _accountKey, _side, _amountCents, _memo, _orderID, _createdAt] }
}

/// An account's running balance (credits − debits), kept in step with its entries in the same transaction.
final class LedgerAccountRecord: Model, @unchecked Sendable {
    static let schema = "ledger_accounts"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "balance_cents") var balanceCents: Int64

    init() {}
}

extension LedgerAccountRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _balanceCents] }
}
