// What a policy page shows: a heading, the rules as paragraphs, and (for disputes) how an order moves.
import GuildCore

extension PolicyPage {
    struct Model: Encodable {
        var heading: String
        var paragraphs: [String]
        var extra: [String]

        static func fees(_ settings: PaymentSettings) -> Model {
            Model(heading: "Fees",
                  paragraphs: settings.feePolicy.plainLanguage + settings.clearing.plainLanguage(minimumPayoutCents: settings.payoutMinimumCents),
                  extra: [])
        }

        static var disputes: Model {
            Model(heading: "Disputes",
                  paragraphs: DisputeRules.plainLanguage + SettlementRules.plainLanguage + MilestoneDispute.plainLanguage + MilestoneTimers.plainLanguage,
                  extra: OrderProcess.plainLanguage)
        }
    }
}
