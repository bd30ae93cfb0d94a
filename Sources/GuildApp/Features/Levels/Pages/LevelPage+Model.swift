// What the level page shows: the level in words, a bar per criterion (server-rendered SVG, with the numbers in text
// too), the warning, the history and the appeals.
import Foundation
import GuildCore

extension LevelPage {
    struct Bar: Encodable { var label: String; var value: String; var y: Int; var labelY: Int; var width: Int; var met: Bool }
    struct Chart: Encodable { var width: Int; var height: Int; var trackWidth: Int; var bars: [Bar]; var summary: String }
    struct HistoryRow: Encodable {
        var id: String; var at: Date; var what: String; var missing: String; var noticeEndsAt: Date?; var canAppeal: Bool
    }
    struct AppealRow: Encodable { var text: String; var appealedAt: Date; var answerBy: Date; var outcome: String; var answer: String? }

    struct Model: Encodable {
        var sellerId: String
        var sellerName: String
        var isMine: Bool
        var level: String
        var next: String?
        var percent: Int
        var chart: Chart
        var warning: LevelDTO.Warning?
        var warningMissing: String
        var nextEvaluationAt: Date
        var history: [HistoryRow]
        var appeals: [AppealRow]
        var problem: String?
        var typed: String
        var appealMinimum = LevelAppealRules.textLength.lowerBound
        var answerDays = LevelAppealRules.answerDays

        init(_ r: LevelDTO, sellerName: String, isMine: Bool, now: Date, problem: String?, typed: String) {
            sellerId = r.sellerId.uuidString
            self.sellerName = sellerName
            self.isMine = isMine
            level = r.levelLabel
            next = r.nextLabel
            percent = Int((r.progressFraction * 100).rounded())
            let trackWidth = 220, rowHeight = 34
            let bars = r.progress.enumerated().map { i, p in
                Bar(label: p.label, value: Self.spoken(p), y: i * rowHeight + 14, labelY: i * rowHeight + 10,
                    width: max(2, Int((p.fraction * Double(trackWidth)).rounded())), met: p.met)
            }
            chart = Chart(width: trackWidth, height: max(1, r.progress.count) * rowHeight + 4, trackWidth: trackWidth, bars: bars,
                          summary: "\(r.progress.filter(\.met).count) of \(r.progress.count) requirements met for \(r.nextLabel ?? r.levelLabel)")
            warning = r.warning
            warningMissing = (r.warning?.unmet ?? []).map(Self.label).joined(separator: ", ")
            nextEvaluationAt = r.nextEvaluationAt
            let appealed = Set(r.appeals.map(\.eventId))
            history = r.history.map { e in
                let kind = LevelEventKind(rawValue: e.kind)
                let from = SellerLevel(rawValue: e.from)?.label ?? e.from, to = SellerLevel(rawValue: e.to)?.label ?? e.to
                let what = kind == .warned ? "\(kind?.spoken ?? e.kind) (\(from))" : "\(kind?.spoken ?? e.kind): \(from) → \(to)"
                let appealable = (try? LevelAppealRules.checkCanAppeal(event: kind ?? .promoted, eventAt: e.at,
                                                                       alreadyAppealed: appealed.contains(e.id), now: now)) != nil
                return HistoryRow(id: e.id.uuidString, at: e.at, what: what, missing: e.unmet.map(Self.label).joined(separator: ", "),
                                  noticeEndsAt: e.noticeEndsAt, canAppeal: isMine && appealable)
            }
            appeals = r.appeals.map { AppealRow(text: $0.text, appealedAt: $0.appealedAt, answerBy: $0.answerBy,
                                                outcome: LevelAppealOutcome(rawValue: $0.outcome)?.spoken ?? $0.outcome, answer: $0.answer) }
            self.problem = problem
            self.typed = typed
        }

        static func label(_ key: String) -> String {
            switch Requirement.Key(rawValue: key) {
            case .completedOrders: "completed orders"
            case .earnedCents: "money earned"
            case .rating: "average rating"
            case .onTimeRate: "deliveries on time"
            case .accountAgeDays: "days on Guild"
            case .sellerCancellationRate: "orders you cancelled"
            case nil: key
            }
        }

        /// "12 of 25", "$1,200.00 of $4,000.00", "4.8 of 4.6 stars", "96% of 92%", or "none yet" where nothing is measured.
        static func spoken(_ p: RequirementDTO) -> String {
            let key = Requirement.Key(rawValue: p.key)
            func format(_ v: Double) -> String {
                switch key {
                case .earnedCents: MoneyFormat.format(cents: Int64(v))
                case .rating: String(format: "%.1f stars", v)
                case .onTimeRate, .sellerCancellationRate: "\(Int((v * 100).rounded()))%"
                default: "\(Int(v))"
                }
            }
            let bound = p.comparison == "atMost" ? "at most" : "of"
            guard let current = p.current else { return "nothing to measure yet (counts as met); \(bound == "of" ? "needs" : "at most") \(format(p.required))" }
            return "\(format(current)) \(bound) \(format(p.required))"
        }
    }
}
