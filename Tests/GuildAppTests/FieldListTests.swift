// The models list their Fluent fields by hand (for speed); this checks every list against reflection, which is
// what FluentKit would otherwise use, so that a field added to a model and forgotten in its list fails here.
import Foundation
import Testing
import Fluent
@testable import GuildApp

@Suite struct FieldListTests {
    static let models: [any Model.Type] = [
        Gig.self, User.self, UserToken.self, SellerStatsRecord.self, ResearchTargetRecord.self, FindingRecord.self,
        ContactRecord.self, InterviewRecord.self, DepositRecord.self, IdempotencyRecord.self, HoldRecord.self,
        OrderEventRecord.self, OrderNotificationRecord.self, OrderRecord.self, DeliveryRecord.self, PayoutRecord.self,
        LedgerTransferRecord.self, LedgerEntryRecord.self, InstanceKeyRecord.self, AuditEventRecord.self, LedgerAccountRecord.self, MilestoneRecord.self, DisputeRecord.self,
    ]

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

struct ModelCase: CustomTestStringConvertible, Sendable {
    let type: any Model.Type
    init(_ type: any Model.Type) { self.type = type }
    var testDescription: String { "\(type)" }
}
