// What the seller handed over: a message and optional links.
import Vapor
import Fluent

final class DeliveryRecord: Model, @unchecked Sendable {
    static let schema = "order_deliveries"

    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    @OptionalField(key: "milestone_id") var milestoneID: UUID?
    @Field(key: "message") var message: String
    @Field(key: "links") var links: [String]
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
