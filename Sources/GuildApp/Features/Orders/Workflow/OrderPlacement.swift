// Placing an order from a gig's package: the package and the fee in force are copied onto the order.
import Vapor
import Fluent
import GuildCore

enum OrderPlacement {
    static let maximumPackageNameLength = 60

    static func place(gigID: UUID?, packageName: String?, buyer: User, services: OrderServices, on db: any Database) async throws -> OrderRecord {
        var problems: [ValidationError] = []
        if gigID == nil { problems.append(.init(field: "gigId", reason: "is required")) }
        let name = packageName?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty { problems.append(.init(field: "package", reason: "is required: the name of one of the gig's packages")) }
        if !problems.isEmpty { throw ValidationErrors(problems) }
        guard let gigID, let gig = try await Gig.load(gigID, on: db), gig.gigStatus == .published else {
            throw ValidationError(field: "gigId", reason: "does not name a published gig")
        }
        guard let package = gig.packages.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else {
            let names = gig.packages.map(\.name).joined(separator: ", ")
            throw ValidationError(field: "package", reason: "must be one of this gig's packages: \(names)")
        }
        let buyerID = try buyer.requireID()
        guard gig.$seller.id != buyerID else {
            throw ValidationError(field: "gigId", reason: "is your own gig; a member cannot buy from themselves")
        }
        try MoneyLimits.validatePositive(package.priceCents, field: "package")
        let now = services.now
        let order = OrderRecord()
        order.id = UUID()
        order.buyerID = buyerID
        order.sellerID = gig.$seller.id
        order.gigID = try gig.requireID()
        order.orderKind = .package
        order.title = gig.title
        order.packageName = package.name
        order.priceCents = package.priceCents
        order.deliveryDays = package.deliveryDays
        order.revisionsAllowed = package.revisions
        order.estimatedHours = package.estimatedHours
        order.feeBasisPoints = services.settings.feePolicy.basisPoints
        order.state = OrderState.awaitingPayment.rawValue
        order.stateEnteredAt = now
        order.revisionsUsed = 0
        order.createdAt = now
        order.updatedAt = now
        try await WriteTransaction.run(on: db) { tx in
            try await order.insert(on: tx)
            try await OrderEventRecord.append(orderID: order.id!, event: "place", from: "", to: order.state, actor: OrderActor.buyer.rawValue,
                                              actorID: buyerID, note: "\(package.name) for \(MoneyFormat.format(cents: package.priceCents))", at: now, on: tx)
        }
        return order
    }
}
