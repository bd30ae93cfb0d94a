// The conversation timer: how much time is left, when to offer to wrap up, and what to do once time is up.
import Foundation

public enum ConversationPhase: Codable, Equatable, Sendable {
    case notStarted
    case running(remaining: TimeInterval)
    /// The last few minutes: time to offer to end on time.
    case wrapUp(remaining: TimeInterval)
    case overtime(over: TimeInterval)

    /// What the timer shows the explorer, if anything.
    public var message: String? {
        switch self {
        case .notStarted, .running: nil
        case .wrapUp(let remaining):
            "About \(ConversationClock.wholeMinutes(remaining)) minute\(ConversationClock.wholeMinutes(remaining) == 1 ? "" : "s") left. "
                + "Ask your most important remaining question, then offer to end on time: \"I said I would keep this short, so I am happy to stop here.\""
        case .overtime:
            "The agreed time is up. Thank them and offer to end now; only stay longer if they invite you to."
        }
    }
}

public enum ConversationClock {
    /// The wrap-up window at the end of the agreed time.
    public static let wrapUpSeconds: TimeInterval = 3 * 60

    public static func phase(startedAt: Date?, minutes: Int, now: Date) -> ConversationPhase {
        guard let startedAt, now >= startedAt else { return .notStarted }
        let end = startedAt.addingTimeInterval(TimeInterval(max(minutes, 0) * 60))
        let remaining = end.timeIntervalSince(now)
        if remaining <= 0 { return .overtime(over: -remaining) }
        if remaining <= wrapUpSeconds { return .wrapUp(remaining: remaining) }
        return .running(remaining: remaining)
    }

    /// Minutes shown to a person: a partial minute counts as one, so "1 minute left" shows until the end.
    static func wholeMinutes(_ seconds: TimeInterval) -> Int {
        Int((seconds / 60).rounded(.up))
    }
}
