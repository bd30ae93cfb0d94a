// An order: who buys what from whom, the package as it was when ordered, the fee in force then, and where it stands.
import Vapor
import Fluent
import GuildCore

final class OrderRecord: Model, @unchecked Sendable {
    static let schema = "orders"

    @ID(key: .id) var id: UUID?
    @Field(key: "buyer_id") var buyerID: UUID
    @Field(key: "seller_id") var sellerID: UUID
    @OptionalField(key: "gig_id") var gigID: UUID?
    /// `OrderKind`'s raw value: "package" (from a gig) or "custom" (milestones agreed with the seller).
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    // The package as it was when ordered: a later edit of the gig never changes an order.
    @Field(key: "package_name") var packageName: String
    @Field(key: "price_cents") var priceCents: Int64
    @Field(key: "delivery_days") var deliveryDays: Int
    @Field(key: "revisions_allowed") var revisionsAllowed: Int
    /// The platform fee in force when the order was placed.
    @Field(key: "fee_basis_points") var feeBasisPoints: Int
    @Field(key: "state") var state: String
    @Field(key: "state_entered_at") var stateEnteredAt: Date
    @Field(key: "revisions_used") var revisionsUsed: Int
    /// The package's estimated hours when ordered, when the seller gave them (`AddEstimatedHoursToOrders`).
    @OptionalField(key: "estimated_hours") var estimatedHours: Int?
    /// "buyer" or "seller" while a cancellation waits for the other side.
    @OptionalField(key: "cancellation_proposed_by") var cancellationProposedBy: String?
    @OptionalField(key: "cancellation_kind") var cancellationKind: String?
    @OptionalField(key: "hold_id") var holdID: UUID?
    @OptionalField(key: "funded_at") var fundedAt: Date?
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    /// When the work is due: funding time + delivery days.
    @OptionalField(key: "due_at") var dueAt: Date?
    @OptionalField(key: "completed_at") var completedAt: Date?
    /// The last delivery for which the buyer was reminded that it will be accepted automatically.
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var orderState: OrderState { OrderState(rawValue: state) ?? .awaitingPayment }
    var orderKind: OrderKind {
        get { OrderKind(rawValue: kind) ?? .package }
        set { kind = newValue.rawValue }
    }
    var feePolicy: FeePolicy { (try? FeePolicy(basisPoints: feeBasisPoints)) ?? .standard }
    var quote: FeeQuote {
        (try? feePolicy.quote(priceCents: priceCents)) ?? FeeQuote(priceCents: priceCents, feeCents: 0, netCents: priceCents, basisPoints: feeBasisPoints)
    }
    var facts: OrderFacts {
        OrderFacts(revisionsUsed: revisionsUsed, revisionsAllowed: revisionsAllowed,
                   cancellationProposedBy: cancellationProposedBy.flatMap(OrderActor.init(rawValue:)))
    }

    /// What decides which steps its parties may take now (`OrderProcess.availableEvents`); a custom order's
    /// milestones must be passed in (they live in their own table).
    func situation(milestones: [MilestoneRecord]?) -> OrderSituation {
        OrderSituation(kind: orderKind, state: orderState, revisionsUsed: revisionsUsed, revisionsAllowed: revisionsAllowed,
                       cancellationProposedBy: facts.cancellationProposedBy,
                       milestones: orderKind == .custom ? milestones.map { $0.map(\.progressState) } : [])
    }

    /// The member's side of this order, or nil when it is not theirs.
    func actor(for user: User) -> OrderActor? {
        guard let id = user.id else { return nil }
        if id == buyerID { return .buyer }
        if id == sellerID { return .seller }
        return nil
    }
}

extension OrderRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _buyerID, _sellerID, _gigID, _kind, _title, _packageName, _priceCents, _deliveryDays, _revisionsAllowed, _feeBasisPoints, _state, _stateEnteredAt, _revisionsUsed, _estimatedHours, _cancellationProposedBy, _cancellationKind, _holdID, _fundedAt, _deliveredAt, _dueAt, _completedAt, _remindedAt, _createdAt, _updatedAt] }
}
