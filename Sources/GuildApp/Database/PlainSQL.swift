// Plain SQL for the few statements on the hot path of every money step.
//
// Fluent's model writes walk the model's fields by reflection on every call (measured: about a quarter of the
// server's CPU in the order benchmark), so the rows every order step writes (its history event, escrow holds,
// ledger transfers and entries, idempotency answers) go through these instead. Same tables, same encoders
// (SQLKit binds use the driver's encoders, as Fluent does), portable between SQLite and PostgreSQL.
import Fluent
import SQLKit

enum PlainSQL {
    typealias Value = any Encodable & Sendable

    /// `INSERT INTO table (columns) VALUES (…), (…)`: one statement for any number of rows.
    /// Table and column names are the code's own constants, never user input.
    static func insert(into table: String, columns: [String], rows: [[Value]], on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        var query: SQLQueryString = "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES "
        for (i, row) in rows.enumerated() {
            precondition(row.count == columns.count, "a row must have a value for every column")
            query += i == 0 ? "(\(binds: row))" : ", (\(binds: row))"
        }
        try await db.sql.raw(query).run()
    }

    /// `UPDATE table SET a = ?, b = ? WHERE id = ?`.
    static func update(_ table: String, set values: KeyValuePairs<String, Value>, id: UUID, on db: any Database) async throws {
        var query: SQLQueryString = "UPDATE \(unsafeRaw: table) SET "
        for (i, (column, value)) in values.enumerated() {
            query += i == 0 ? "\(unsafeRaw: column) = \(bind: value)" : ", \(unsafeRaw: column) = \(bind: value)"
        }
        query += " WHERE id = \(bind: id)"
        try await db.sql.raw(query).run()
    }
}
