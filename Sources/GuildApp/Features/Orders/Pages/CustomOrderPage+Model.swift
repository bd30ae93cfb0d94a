// The custom-order form: its milestone rows as typed, with each problem on the field it is about.
import Foundation
import GuildCore

extension CustomOrderPage {
    struct Model: Encodable {
        /// Milestone rows on the form; the API takes up to `MilestoneRules.countRange.upperBound`.
        static let formRows = 5

        struct Row: Encodable {
            var index: Int
            var number: Int
            var title: String
            var amount: String
            var due: String
            /// Keyed by the API's field names: title, amountCents, dueDate.
            @EmptyAsNull var errors: [String: String] = [:]
        }

        var sellerId: String
        var sellerName: String
        var title: String
        var rows: [Row]
        var feePercent: String
        var hasErrors = false
        /// Keyed by the API's field names: title, sellerId, milestones.
        @EmptyAsNull var errors: [String: String] = [:]
        var maxRows = Model.formRows
        var titleMaximum = MilestoneRules.maximumTitleLength
        var today: String
        /// The member's time zone: a due date is the end of that day there.
        var zoneName: String
        var autoAcceptDelay: String
        var reminderLead: String

        static var emptyRows: [Row] {
            (0..<formRows).map { Row(index: $0, number: $0 + 1, title: "", amount: "", due: "") }
        }

        init(seller: User, title: String, rows: [Row], settings: PaymentSettings, now: Date, zone: TimeZone = SpokenDate.utc) throws {
            sellerId = try seller.requireID().uuidString
            sellerName = seller.displayName
            self.title = title
            self.rows = rows
            feePercent = settings.feePolicy.percentText
            today = Self.dayFormat(zone).string(from: now)
            zoneName = zone.identifier
            autoAcceptDelay = SpokenDuration.of(seconds: MilestoneTimers.autoAccept.afterSeconds)
            reminderLead = SpokenDuration.of(seconds: MilestoneTimers.autoAccept.afterSeconds - MilestoneTimers.reminder.afterSeconds)
        }

        static func dayFormat(_ zone: TimeZone) -> DateFormatter {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = zone
            f.dateFormat = "yyyy-MM-dd"
            return f
        }

        /// A due date typed as yyyy-MM-dd means the end of that day in the member's time zone (the last second before
        /// the next day starts there, so a day of 23 or 25 hours at a clock change ends when the member's day does).
        static func parseDue(_ raw: String, in zone: TimeZone) -> Date? {
            guard raw.count == 10, let day = dayFormat(zone).date(from: raw) else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let start = calendar.startOfDay(for: day)
            return (calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)).addingTimeInterval(-1)
        }

        /// Reads the typed rows into the form and the filled ones into milestones, with the form row each came from
        /// (so the API's `milestones[i]` errors land on the right row). `failed` when an amount or date does not parse.
        mutating func read(_ fields: [String: String], now: Date, zone: TimeZone = SpokenDate.utc) -> (used: [(row: Int, input: MilestoneInput)], failed: Bool) {
            var used: [(row: Int, input: MilestoneInput)] = []
            var failed = false
            rows = []
            for i in 0..<Self.formRows {
                let t = (fields["m\(i)title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                let a = (fields["m\(i)amount"] ?? "").trimmingCharacters(in: .whitespaces)
                let d = (fields["m\(i)due"] ?? "").trimmingCharacters(in: .whitespaces)
                var row = Row(index: i, number: i + 1, title: t, amount: a, due: d)
                if !(t.isEmpty && a.isEmpty && d.isEmpty) {
                    let cents = MoneyFormat.parse(a)
                    let due = Self.parseDue(d, in: zone)
                    if cents == nil { row.errors["amountCents"] = "must be an amount in dollars like 450.00"; failed = true }
                    if due == nil { row.errors["dueDate"] = "must be a date like \(today)"; failed = true }
                    // Stand-ins while a field does not parse, so the other rules still report on the rest.
                    used.append((i, MilestoneInput(title: t, amountCents: cents ?? 1, dueDate: due ?? .distantFuture)))
                }
                rows.append(row)
            }
            return (used, failed)
        }

        /// Puts each problem on its field: `milestones[n].field` on the row milestone n came from, the rest on the form.
        mutating func absorb(_ problems: [ValidationError], used: [Int]) {
            for e in problems {
                if e.field.hasPrefix("milestones["), let close = e.field.firstIndex(of: "]"),
                   let n = Int(e.field[e.field.index(e.field.startIndex, offsetBy: 11)..<close]), used.indices.contains(n) {
                    let key = String(e.field[e.field.index(after: close)...].drop(while: { $0 == "." }))
                    if rows[used[n]].errors[key] == nil { rows[used[n]].errors[key] = e.reason }
                } else if errors[e.field] == nil {
                    errors[e.field] = e.reason
                }
            }
        }
    }
}
