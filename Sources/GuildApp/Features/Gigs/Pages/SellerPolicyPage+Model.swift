// A standing policy page: a heading, one line on what it is about, and the rules as a list.
import GuildCore

extension SellerPolicyPage {
    struct Model: Encodable, Sendable {
        var heading: String
        var intro: String
        var items: [String]

        static var levels: Model {
            Model(heading: "Seller levels", intro: "How sellers move between levels, and the grace period before any demotion.",
                  items: LevelRules.standard.descriptions + LevelAppealRules.descriptions)
        }

        static var reviews: Model {
            Model(heading: "Reviews", intro: "Reviews are double-blind: neither side sees the other's review until both are in or the window closes.",
                  items: ReviewReveal.descriptions)
        }

        static var pro: Model {
            Model(heading: "Pro sellers", intro: "What it takes to be vetted as a Pro seller.", items: ProVetting.standard.descriptions + ProRules.plainLanguage)
        }
    }
}
