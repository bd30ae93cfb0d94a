// What the orders API reads and writes, apart from the stored models.
import Vapor
import GuildCore

struct CreateOrderRequest: Content {
    var gigId: UUID?
    var package: String?
    /// A custom order names the seller and its milestones instead of a gig.
    var sellerId: UUID?
    var title: String?
    var milestones: [MilestoneInput]?
}

struct DeliverRequest: Content {
    var message: String
    var links: [String]?
}

struct NoteRequest: Content {
    var message: String?
    var reason: String?
}

struct ResolutionRequest: Content {
    var sellerCents: Int64
    var buyerCents: Int64
}

struct PayoutRequest: Content {
    var amountCents: Int64
}

struct OrderEventDTO: Content {
    var event: String
    var from: String
    var to: String
    var actor: String
    var note: String
    var at: Date

    init(_ e: OrderEventRecord) {
        event = e.event; from = e.fromState; to = e.toState; actor = e.actor; note = e.note; at = e.createdAt
    }
}

struct DeliveryDTO: Content {
    var id: UUID
    var message: String
    var links: [String]
    var at: Date

    init(_ d: DeliveryRecord) { id = d.id!; message = d.message; links = d.links; at = d.createdAt }
}

struct OrderDTO: Content {
    var id: UUID
    var kind: String
    var state: String
    var buyerId: UUID
    var sellerId: UUID
    var gigId: UUID?
    var title: String
    var packageName: String
    var priceCents: Int64
    var feeCents: Int64
    var netCents: Int64
    var feeBasisPoints: Int
    var deliveryDays: Int
    var revisionsAllowed: Int
    var revisionsUsed: Int
    /// The package's estimated hours when ordered (if the seller gave them) and the rate they make net of the fee.
    var estimatedHours: Int?
    var netCentsPerHour: Int64?
    var cancellationProposedBy: String?
    var cancellationKind: String?
    var createdAt: Date
    var fundedAt: Date?
    var deliveredAt: Date?
    var dueAt: Date?
    var completedAt: Date?
    /// What the member asking may do now, straight from the order process.
    var allowedEvents: [String]
    var history: [OrderEventDTO]?
    var deliveries: [DeliveryDTO]?
    /// Custom orders only, on GET /api/v1/orders/{id} and after milestone steps.
    var milestones: [MilestoneDTO]?

    init(_ o: OrderRecord, viewer: OrderActor?, history: [OrderEventRecord]? = nil, deliveries: [DeliveryRecord]? = nil,
         milestones: [MilestoneRecord]? = nil) {
        let q = o.quote
        id = o.id!; kind = o.kind; state = o.state; buyerId = o.buyerID; sellerId = o.sellerID; gigId = o.gigID
        title = o.title; packageName = o.packageName; priceCents = o.priceCents; feeCents = q.feeCents; netCents = q.netCents
        feeBasisPoints = o.feeBasisPoints; deliveryDays = o.deliveryDays; revisionsAllowed = o.revisionsAllowed
        revisionsUsed = o.revisionsUsed
        estimatedHours = o.estimatedHours
        netCentsPerHour = o.estimatedHours.flatMap { $0 > 0 ? HourlyRate(netCents: q.netCents, hours: $0).centsPerHour : nil }
        cancellationProposedBy = o.cancellationProposedBy; cancellationKind = o.cancellationKind
        createdAt = o.createdAt; fundedAt = o.fundedAt; deliveredAt = o.deliveredAt; dueAt = o.dueAt; completedAt = o.completedAt
        let situation = o.situation(milestones: milestones)
        allowedEvents = viewer.map { OrderProcess.availableEvents(for: $0, in: situation).map(\.rawValue) } ?? []
        self.history = history.map { $0.map(OrderEventDTO.init) }
        self.deliveries = deliveries.map { $0.map(DeliveryDTO.init) }
        let fee = o.feePolicy
        self.milestones = milestones.map { $0.map { MilestoneDTO($0, fee: fee, orderState: o.orderState) } }
    }
}

struct OrderListDTO: Content {
    var orders: [OrderDTO]
}

struct DisputeDTO: Content {
    var id: UUID
    var orderId: UUID
    var openedBy: String
    var reason: String
    var state: String
    var openedAt: Date
    var answerBy: Date
    var answer: String?
    var answeredAt: Date?
    /// Set once answered: the arbiter decides by then, or the published default applies.
    var decideBy: Date?
    var sellerCents: Int64?
    var buyerCents: Int64?
    var outcomeReason: String?
    var resolvedAt: Date?
    var order: OrderDTO?

    init(_ d: DisputeRecord, order: OrderDTO? = nil) {
        id = d.id!; orderId = d.orderID; openedBy = d.openedBy; reason = d.reason; state = d.state; openedAt = d.openedAt
        let deadlines = DisputeRules.deadlines(openedAt: d.openedAt, answeredAt: d.answeredAt)
        answerBy = deadlines.answerBy; decideBy = deadlines.decideBy; answer = d.answer; answeredAt = d.answeredAt
        sellerCents = d.sellerCents; buyerCents = d.buyerCents; outcomeReason = d.outcomeReason; resolvedAt = d.resolvedAt
        self.order = order
    }
}

struct DepositDTO: Content {
    var id: UUID
    var orderId: UUID
    var amountCents: Int64
    var state: String
    var createdAt: Date
    /// The milestone this transfer pays for (counted from 1), on a custom order.
    var milestone: Int?
    /// What the buyer quotes on the bank transfer: the deposit's id.
    var reference: String
    var instructions: String

    init(_ d: DepositRecord) {
        id = d.id!; orderId = d.orderID; amountCents = d.amountCents; state = d.state; createdAt = d.createdAt
        milestone = d.milestonePosition.map { $0 + 1 }
        reference = d.id!.uuidString.lowercased()
        let what = milestone.map { "Milestone \($0) starts" } ?? "The order starts"
        instructions = "Send \(MoneyFormat.format(cents: d.amountCents)) by bank transfer with reference \(reference). \(what) when an administrator confirms the transfer arrived."
    }
}

struct BalanceDTO: Content {
    var availableCents: Int64
    var inEscrowAsBuyerCents: Int64
    var pendingReleaseAsSellerCents: Int64
    var payoutsInTransitCents: Int64
    var paidOutCents: Int64
    var payoutMinimumCents: Int64
    /// Part of the available balance still in the clearing period (always 0 without a clearing hold).
    var clearingCents: Int64
    /// What a payout may take now: available less clearing.
    var withdrawableCents: Int64
    var payoutClearingHours: Int
    var feeBasisPoints: Int
}

struct LedgerLineDTO: Content {
    var id: Int64
    var transferId: UUID
    var memo: String
    /// The memo in words, for statements.
    var label: String
    var side: String
    var amountCents: Int64
    /// Positive when money arrived in the balance, negative when it left.
    var signedCents: Int64
    var orderId: UUID?
    var createdAt: Date
}

struct LedgerPageDTO: Content {
    var entries: [LedgerLineDTO]
    var nextCursor: String?
}

struct PayoutDTO: Content {
    var id: UUID
    var amountCents: Int64
    var provider: String
    var state: String
    var requestedAt: Date
    var settledAt: Date?

    init(_ p: PayoutRecord) {
        id = p.id!; amountCents = p.amountCents; provider = p.provider; state = p.state; requestedAt = p.requestedAt; settledAt = p.settledAt
    }
}

/// `POST /orders/{id}/settlements`: optional fields, so that a missing part is a 422 naming it.
struct SettlementRequest: Content {
    var sellerCents: Int64?
    var buyerCents: Int64?
}

struct SettlementDTO: Content {
    var id: UUID
    var orderId: UUID
    /// open, accepted, declined, withdrawn, replaced or lapsed.
    var state: String
    var sellerCents: Int64
    var buyerCents: Int64
    /// What was in escrow when it was proposed.
    var escrowedCents: Int64
    /// buyer or seller.
    var proposedBy: String
    var createdAt: Date
    var answeredAt: Date?
    var order: OrderDTO?

    init(_ s: SettlementRecord, order: OrderDTO? = nil) {
        id = s.id!; orderId = s.orderID; state = s.state; sellerCents = s.sellerCents; buyerCents = s.buyerCents
        escrowedCents = s.escrowedCents; proposedBy = s.proposedBy; createdAt = s.createdAt; answeredAt = s.answeredAt
        self.order = order
    }
}

struct SettlementListDTO: Content {
    var settlements: [SettlementDTO]
}
