// What an evaluation did to a seller's standing, kept as history with its reasons; and appeals against a warning or a
// drop, answered by an admin within a published deadline.
import Foundation

/// One line of a seller's level history.
public enum LevelEventKind: String, Codable, Sendable, CaseIterable {
    case promoted
    /// Found short of the level held: the level is kept, with a warning and the end of the notice period.
    case warned
    /// Back above the level's requirements before the notice ran out: the warning is lifted.
    case recovered
    case demoted
    /// An admin upheld the seller's appeal: the level before the warning or drop is restored.
    case restored

    public var spoken: String {
        switch self {
        case .promoted: "promoted"
        case .warned: "warned: below the level's requirements"
        case .recovered: "recovered: the warning is lifted"
        case .demoted: "moved down after the notice period"
        case .restored: "restored after an appeal"
        }
    }
}

public enum LevelEvaluationOutcome {
    /// The history line an evaluation writes, if any: a promotion or drop, a new warning, or a recovery.
    public static func event(before: LevelStanding, assessment: LevelAssessment) -> LevelEventKind? {
        switch assessment.change {
        case .promoted: return .promoted
        case .demoted: return .demoted
        case nil:
            if before.atRiskSince == nil && assessment.standing.atRiskSince != nil { return .warned }
            if before.atRiskSince != nil && assessment.standing.atRiskSince == nil { return .recovered }
            return nil
        }
    }
}

public enum LevelAppealRules {
    public static let textLength = 20...2_000
    /// An admin answers an appeal within this many days.
    public static let answerDays = 14
    /// How long after a warning or drop the seller may appeal it.
    public static let appealWindowDays = 30

    public static func validate(_ raw: String?) throws(ValidationError) -> String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard textLength.contains(text.count) else {
            throw ValidationError(field: "text", reason: "must say why the evaluation is wrong, in \(textLength.lowerBound) to \(textLength.upperBound) characters")
        }
        return text
    }

    public static func answerBy(appealedAt: Date) -> Date { appealedAt.addingTimeInterval(Double(answerDays) * 86_400) }

    /// Only a warning or a drop may be appealed, once, within the window after it.
    public static func checkCanAppeal(event: LevelEventKind, eventAt: Date, alreadyAppealed: Bool, now: Date) throws(ConflictError) {
        guard event == .warned || event == .demoted else {
            throw ConflictError(code: "not_appealable", message: "Only a warning or a move down can be appealed.")
        }
        if alreadyAppealed { throw ConflictError(code: "appeal_exists", message: "You have already appealed this; an admin will answer.") }
        if now > eventAt.addingTimeInterval(Double(appealWindowDays) * 86_400) {
            throw ConflictError(code: "appeal_window_closed", message: "An evaluation can be appealed within \(appealWindowDays) days.")
        }
    }

    public static let descriptions: [String] = [
        "A seller may appeal a warning or a move down within \(appealWindowDays) days, saying why the evaluation is wrong (for example, a cancellation that both sides agreed to but was recorded otherwise).",
        "An admin answers within \(answerDays) days, with a reason the seller reads. An upheld appeal restores the level held before and lifts the warning; a dismissed one leaves the evaluation as it was.",
    ]
}

/// Where an appeal stands.
public enum LevelAppealOutcome: String, Codable, Sendable, CaseIterable {
    case open, upheld, dismissed

    public var spoken: String {
        switch self {
        case .open: "waiting for an admin"
        case .upheld: "upheld: the level was restored"
        case .dismissed: "dismissed: the evaluation stands"
        }
    }
}
