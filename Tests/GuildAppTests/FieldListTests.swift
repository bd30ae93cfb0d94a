// The models list their Fluent fields by hand (for speed); this checks every list against reflection, which is
// what FluentKit would otherwise use, so that a field added to a model and forgotten in its list fails here.
import Foundation
import Testing
import Fluent
import SQLKit
@testable import GuildApp

@Suite struct FieldListTests {
    /// Every model the areas declare (`Feature.models`): a model left out there fails `everyTableHasAModel`.
    static let models: [any Model.Type] = Features.all.flatMap(\.models)

    @Test(arguments: models.map { ModelCase($0) })
    func theListedFieldsAreExactlyTheReflectedOnes(_ model: ModelCase) {
        // given a fresh instance
        let instance = model.type.init()
        // when its hand-written list and reflection are compared
        let listed = instance.properties.map { ObjectIdentifier($0 as AnyObject) }
        let reflected = Mirror(reflecting: instance).children.compactMap { $0.value as? any AnyProperty }.map { ObjectIdentifier($0 as AnyObject) }
        // then they name the same property wrappers in the same order
        #expect(listed.count == reflected.count, "\(model): \(listed.count) listed, \(reflected.count) declared")
        #expect(listed == reflected, "\(model): the list differs from the declared fields")
    }

    @Test func aModelStillLoadsAndSavesThroughItsList() {
        // given an order record with fields set
        let order = OrderRecord()
        order.title = "Logo"
        order.priceCents = 12_000
        // then the keys FluentKit derives from the list include them
        let keys = OrderRecord.keys.map(\.description)
        #expect(keys.contains("title") && keys.contains("price_cents") && keys.contains("hold_id"))
        #expect(order.hasChanges)
    }
}

/// The registered migrations against the areas' models, on a real database of each kind.
@Suite struct ModelTableTests {
    @Test(arguments: TestDatabase.all)
    func everyTableTheMigrationsMakeHasAModelAndEveryFieldAColumn(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given the database the registered migrations made
            let tables = try await Self.tables(app.db)
            let models = Features.all.flatMap(\.models)
            let withoutModels = Features.all.flatMap(\.tablesWithoutModels)
            // then every table belongs to a declared model or is declared as a table without one
            for table in tables where table != "_fluent_migrations" {
                let declared = models.contains { $0.schema == table }
                    || withoutModels.contains { table == $0 || table.hasPrefix($0 + "_") }
                #expect(declared, "table \(table) has no model in any Feature.models (or Feature.tablesWithoutModels)")
            }
            // and every field of every model has its column
            for model in models {
                let columns = try await Self.columns(of: model.schema, app.db)
                #expect(!columns.isEmpty, "\(model) has no table \(model.schema)")
                let missing = Set(model.keys.map(\.description)).subtracting(columns)
                #expect(missing.isEmpty, "\(model.schema) has no column for \(missing.sorted())")
            }
        }
    }

    static func tables(_ db: any Database) async throws -> [String] {
        let sql: SQLQueryString = db.kind == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
        return try await db.sql.raw(sql).all().map { try $0.decode(column: "name", as: String.self) }
    }

    static func columns(of table: String, _ db: any Database) async throws -> Set<String> {
        let sql: SQLQueryString = db.kind == .sqlite
            ? "SELECT name FROM pragma_table_info(\(bind: table))"
            : "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table)"
        return Set(try await db.sql.raw(sql).all().map { try $0.decode(column: "name", as: String.self) })
    }
}

/// The plain statements of the order path (`RecordWrites`, `LedgerStore`, `Idempotency`, the timers) name their
/// columns by hand, for speed; each list must still be exactly its model's fields.
@Suite struct PlainSQLColumnTests {
    static func keys(_ model: any Model.Type) -> Set<String> { Set(model.keys.map(\.description)) }
    static func unquoted(_ columns: [String]) -> Set<String> { Set(columns.map { $0.replacingOccurrences(of: "\"", with: "") }) }

    @Test func everyInsertWritesEveryField() {
        let inserts: [(any Model.Type, [String], Set<String>)] = [
            (OrderRecord.self, OrderRecord.insertColumns, []),
            (DeliveryRecord.self, DeliveryRecord.insertColumns, []),
            (OrderEventRecord.self, OrderEventRecord.insertColumns, []),
            (HoldRecord.self, HoldRecord.insertColumns, []),
            (LedgerTransferRecord.self, LedgerTransferRecord.insertColumns, []),
            (LedgerEntryRecord.self, LedgerEntryRecord.insertColumns, ["id"]),  // numbered by the database
            (IdempotencyRecord.self, IdempotencyRecord.insertColumns, []),
            (OrderNotificationRecord.self, OrderNotificationRecord.insertColumns, []),
            (NotificationRecord.self, NotificationRecord.insertColumns, []),
            (OutboxEmailRecord.self, OutboxEmailRecord.insertColumns, []),
        ]
        for (model, columns, generated) in inserts {
            #expect(columns.count == Set(columns).count, "\(model): a column is named twice")
            #expect(Self.unquoted(columns) == Self.keys(model).subtracting(generated),
                    "\(model): the insert names \(Self.unquoted(columns).symmetricDifference(Self.keys(model).subtracting(generated)).sorted()) differently from the model")
        }
    }

    @Test(arguments: TestDatabase.all)
    func everyUpdateWritesEveryFieldThatMayChange(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a delivered order and its hold, as stored
            let m = try await Market.make(app)
            let dto = try await m.delivered()
            let order = try #require(try await OrderRecord.find(dto.id, on: app.db))
            let hold = try #require(try await HoldRecord.find(try #require(order.holdID), on: app.db))
            let updates: [(any Model.Type, [String], Set<String>)] = [
                (OrderRecord.self, order.progressColumns.map(\.key), OrderRecord.fixedColumns),
                (HoldRecord.self, hold.outcomeColumns.map(\.key), HoldRecord.fixedColumns),
            ]
            // then each field is either written by the update or declared fixed, never both, never neither
            for (model, updated, fixed) in updates {
                #expect(Set(updated).isDisjoint(with: fixed), "\(model): \(Set(updated).intersection(fixed).sorted()) both fixed and updated")
                #expect(Set(updated).union(fixed) == Self.keys(model),
                        "\(model): \(Self.keys(model).subtracting(Set(updated).union(fixed)).sorted()) neither updated nor fixed")
            }
        }
    }
}

struct ModelCase: CustomTestStringConvertible, Sendable {
    let type: any Model.Type
    init(_ type: any Model.Type) { self.type = type }
    var testDescription: String { "\(type)" }
}
