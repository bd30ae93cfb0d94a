// What the checkout shows: the package, what the buyer pays, the fee and what the seller receives.
import GuildCore

extension CheckoutPage {
    struct Model: Encodable {
        var gigID: String
        var gigTitle: String
        var package: String
        var deliveryDays: Int
        var revisions: Int
        var priceCents: Int64
        var feeCents: Int64
        var netCents: Int64
        var feePercent: String
        var includes: [String]
        var packages: [String]
        /// How long after a delivery the buyer's silence counts as acceptance, from the order process.
        var autoAcceptDelay: String
        /// The seller's pay per estimated hour after the fee, when the package gives hours.
        var netPerHour: String?
        var estimatedHours: Int?

        init(gig: Gig, package: PackageDraft, policy: FeePolicy) throws {
            let quote = try policy.quote(priceCents: package.priceCents)
            gigID = try gig.requireID().uuidString
            gigTitle = gig.title
            self.package = package.name
            deliveryDays = package.deliveryDays
            revisions = package.revisions
            priceCents = quote.priceCents
            feeCents = quote.feeCents
            netCents = quote.netCents
            feePercent = policy.percentText
            includes = package.includes
            packages = gig.packages.map(\.name)
            autoAcceptDelay = OrderProcess.autoAcceptDelayText
            estimatedHours = package.estimatedHours
            netPerHour = HourlyRate.forPackage(priceCents: package.priceCents, estimatedHours: package.estimatedHours, fee: policy)
                .map { MoneyFormat.format(cents: $0.centsPerHour) }
        }
    }
}
