// One milestone of a custom order: funded, delivered and released on its own.
import Vapor
import Fluent
import GuildCore

final class MilestoneRecord: Model, @unchecked Sendable {
    static let schema = "order_milestones"

    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "amount_cents") var amountCents: Int64
    @Field(key: "due_date") var dueDate: Date
    /// `MilestoneProgress.State` raw value.
    @Field(key: "state") var state: String
    @OptionalField(key: "hold_id") var holdID: UUID?
    /// When the seller delivered it: its timers run from here (`MilestoneTimers`).
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    /// When the buyer was reminded that it will be accepted automatically.
    @OptionalField(key: "reminded_at") var remindedAt: Date?

    init() {}

    var progressState: MilestoneProgress.State {
        get { MilestoneProgress.State(rawValue: state) ?? .awaitingFunding }
        set { state = newValue.rawValue }
    }
}

extension MilestoneRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _orderID, _position, _title, _amountCents, _dueDate, _state, _holdID, _deliveredAt, _remindedAt] }
}
