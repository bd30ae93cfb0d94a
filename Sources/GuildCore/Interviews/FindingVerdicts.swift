// What a finding turned out to be in each conversation that tested it: one verdict per conversation, kept side by
// side ("confirmed by two, refuted by one"), so a later conversation never overwrites an earlier one.
import Foundation

/// One conversation's verdict on a finding.
public struct ConversationVerdict: Codable, Equatable, Sendable {
    public var interviewID: UUID
    public var verdict: FindingVerdict
    public var note: String?
    public var at: Date

    public init(interviewID: UUID, verdict: FindingVerdict, note: String?, at: Date) {
        self.interviewID = interviewID
        self.verdict = verdict
        self.note = note
        self.at = at
    }
}

public enum FindingVerdicts {
    /// The list with this conversation's verdict recorded: it replaces that conversation's earlier one (a correction),
    /// and leaves every other conversation's alone. Oldest first.
    public static func recording(_ verdict: ConversationVerdict, in list: [ConversationVerdict]) -> [ConversationVerdict] {
        (list.filter { $0.interviewID != verdict.interviewID } + [verdict]).sorted { $0.at < $1.at }
    }

    /// "confirmed by 2, refined by 1, refuted by 1": every verdict given, in the vocabulary's order; "" when none.
    public static func summary(_ list: [ConversationVerdict]) -> String {
        FindingVerdict.allCases.compactMap { v -> String? in
            let n = list.filter { $0.verdict == v }.count
            return n == 0 ? nil : "\(v.rawValue) by \(n)"
        }.joined(separator: ", ")
    }
}
