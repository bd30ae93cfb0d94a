// The stored ledger: applies the core's postings inside the caller's transaction, and loads snapshots for the invariants.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum LedgerStore {
    /// Creates any missing accounts, then locks them in sorted key order (PostgreSQL `FOR UPDATE`) and returns
    /// their balances. Sorted order means two operations on the same accounts queue instead of deadlocking.
    /// On SQLite the caller's `BEGIN IMMEDIATE` already serialises writers.
    @discardableResult
    static func lock(_ accounts: Set<LedgerAccountRef>, on tx: any Database) async throws -> [LedgerAccountRef: Int64] {
        let keys = accounts.map(\.key).sorted()
        guard !keys.isEmpty else { return [:] }
        var insert = tx.sql.insert(into: LedgerAccountRecord.schema).columns("key", "balance_cents")
        for key in keys { insert = insert.values(SQLBind(key), SQLBind(Int64(0))) }
        try await insert.ignoringConflicts(with: ["key"]).run()
        var select = tx.sql.select().columns("key", "balance_cents").from(LedgerAccountRecord.schema)
            .where("key", .in, keys).orderBy("key")
        if tx.kind == .postgres { select = select.for(.update) }
        struct Row: Decodable { var key: String; var balance_cents: Int64 }
        let rows = try await select.all(decoding: Row.self)
        var balances: [LedgerAccountRef: Int64] = [:]
        for row in rows { balances[try LedgerAccountRef(key: row.key)] = row.balance_cents }
        return balances
    }

    /// Applies postings as immutable transfers and moves the balances, all inside `tx`.
    /// Refuses (and so rolls back the whole operation) anything that would leave a member below zero.
    ///
    /// Three statements whatever the number of postings: the transfers, one upsert that creates any missing account
    /// and moves every balance (returning the new balances), and the entries. On PostgreSQL that upsert takes the
    /// accounts' row locks in sorted key order (the same locks `SELECT … FOR UPDATE` takes, in the same order, so
    /// two operations on the same accounts queue instead of deadlocking). On SQLite the caller's `BEGIN IMMEDIATE`
    /// already serialises writers.
    static func post(_ postings: [Posting], orderID: UUID?, now: Date, on tx: any Database) async throws {
        guard !postings.isEmpty else { return }
        for p in postings { try p.validate() }
        var transfers: [[PlainSQL.Value]] = []
        var entries: [[PlainSQL.Value]] = []
        var deltas: [LedgerAccountRef: Int64] = [:]
        for p in postings {
            let id = UUID()
            transfers.append([id, p.memo, p.holdID, orderID, now])
            entries.append([id, p.debit.key, LedgerEntry.Side.debit.rawValue, p.amountCents, p.memo, orderID, now])
            entries.append([id, p.credit.key, LedgerEntry.Side.credit.rawValue, p.amountCents, p.memo, orderID, now])
            deltas[p.debit, default: 0] -= p.amountCents
            deltas[p.credit, default: 0] += p.amountCents
        }
        try await PlainSQL.insert(into: LedgerTransferRecord.schema, columns: LedgerTransferRecord.insertColumns,
                                  rows: transfers, on: tx)
        var balances = try await move(deltas, on: tx)
        // After the accounts: each entry references its account, which may have been created just now.
        try await PlainSQL.insert(into: LedgerEntryRecord.schema,
                                  columns: LedgerEntryRecord.insertColumns,
                                  rows: entries, on: tx)
        // Replay the postings from the balances before them: money may not pass through a negative member
        // balance, not even for a moment within one operation.
        for (account, delta) in deltas { balances[account, default: 0] -= delta }
        for p in postings {
            balances[p.debit, default: 0] -= p.amountCents
            balances[p.credit, default: 0] += p.amountCents
            if p.debit.isMember, let b = balances[p.debit], b < 0 {
                throw ConflictError(code: "insufficient_funds", message: "the balance is \(b + p.amountCents), less than the \(p.amountCents) needed")
            }
        }
    }

    /// Adds each delta to its account (an account seen for the first time starts at 0) in one statement, rows in
    /// sorted key order, and returns the balances after.
    static func move(_ deltas: [LedgerAccountRef: Int64], on tx: any Database) async throws -> [LedgerAccountRef: Int64] {
        let sorted = deltas.sorted { $0.key.key < $1.key.key }
        guard !sorted.isEmpty else { return [:] }
        let values = sorted.map { account, delta -> SQLQueryString in "(\(bind: account.key), \(bind: delta))" }
        struct Row: Decodable { var key: String; var balance_cents: Int64 }
        let rows = try await tx.sql.raw("""
            INSERT INTO ledger_accounts ("key", balance_cents) VALUES \(values.joined(separator: ", "))
            ON CONFLICT ("key") DO UPDATE SET balance_cents = ledger_accounts.balance_cents + excluded.balance_cents
            RETURNING "key", balance_cents
            """).all(decoding: Row.self)
        var balances: [LedgerAccountRef: Int64] = [:]
        for row in rows { balances[try LedgerAccountRef(key: row.key)] = row.balance_cents }
        return balances
    }

    /// One account's balance (0 when it has never been used).
    static func balance(of account: LedgerAccountRef, on db: any Database) async throws -> Int64 {
        try await LedgerAccountRecord.find(account.key, on: db)?.balanceCents ?? 0
    }

    /// Everything the invariants look at, read from the database.
    static func snapshot(on db: any Database) async throws -> LedgerSnapshot {
        let transferRows = try await LedgerTransferRecord.query(on: db).all()
        let entryRows = try await LedgerEntryRecord.query(on: db).sort(\.$id).all()
        var entriesByTransfer: [UUID: [LedgerEntry]] = [:]
        for e in entryRows {
            entriesByTransfer[e.transferID, default: []].append(
                LedgerEntry(account: try LedgerAccountRef(key: e.accountKey), side: LedgerEntry.Side(rawValue: e.side) ?? .debit,
                            amountCents: e.amountCents))
        }
        let transfers = transferRows.map { t in
            LedgerTransfer(id: t.id!, entries: entriesByTransfer[t.id!] ?? [], memo: t.memo, holdID: t.holdID, createdAt: t.createdAt)
        }
        var balances: [LedgerAccountRef: Int64] = [:]
        for a in try await LedgerAccountRecord.query(on: db).all() {
            balances[try LedgerAccountRef(key: a.id!)] = a.balanceCents
        }
        let holds = try await HoldRecord.query(on: db).all().map(\.hold)
        return LedgerSnapshot(transfers: transfers, balances: balances, holds: holds)
    }
}

extension LedgerTransferRecord {
    static let insertColumns = ["id", "memo", "hold_id", "order_id", "created_at"]
}

extension LedgerEntryRecord {
    /// Without `id`: the database numbers entries, so a member's statement pages by it.
    static let insertColumns = ["transfer_id", "account_key", "side", "amount_cents", "memo", "order_id", "created_at"]
}
