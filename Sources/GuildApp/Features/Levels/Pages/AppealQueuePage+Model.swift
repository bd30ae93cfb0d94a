// The appeals an admin answers: who, against what (in words), why, and by when.
import Foundation
import GuildCore

extension AppealQueuePage {
    struct Row: Encodable {
        var id: String; var sellerId: String; var sellerName: String; var against: String; var text: String
        var appealedAt: Date; var answerBy: Date; var open: Bool; var outcome: String; var answer: String?
    }

    struct Model: Encodable {
        var rows: [Row]
        var answerDays = LevelAppealRules.answerDays

        init(appeals: [LevelAppealRecord], events: [LevelEventRecord], sellers: [User]) {
            let eventByID = Dictionary(uniqueKeysWithValues: events.compactMap { e in e.id.map { ($0, e) } })
            let names = Dictionary(uniqueKeysWithValues: sellers.compactMap { u in u.id.map { ($0, u.displayName) } })
            rows = appeals.map { a in
                let e = eventByID[a.eventID]
                let against = e.map { "\($0.eventKind.spoken), \(SellerLevel(rawValue: $0.fromLevel)?.label ?? $0.fromLevel) → \(SellerLevel(rawValue: $0.toLevel)?.label ?? $0.toLevel)" } ?? ""
                return Row(id: a.id?.uuidString ?? "", sellerId: a.sellerID.uuidString, sellerName: names[a.sellerID] ?? "", against: against,
                           text: a.text, appealedAt: a.appealedAt, answerBy: a.answerBy, open: a.outcome == LevelAppealOutcome.open.rawValue,
                           outcome: LevelAppealOutcome(rawValue: a.outcome)?.spoken ?? a.outcome, answer: a.answer)
            }
        }
    }
}
