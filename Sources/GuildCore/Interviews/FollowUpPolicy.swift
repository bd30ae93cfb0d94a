// Business days and the 3B7 rule: after 3 business days without an answer try another contact; after 7, follow up once.
import Foundation

/// Monday to Friday in one time zone.
public struct BusinessCalendar: Equatable, Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public static let utc = BusinessCalendar(timeZone: TimeZone(identifier: "UTC") ?? .current)

    private var calendar: Calendar { InterviewText.gregorian(timeZone) }

    public func isBusinessDay(_ date: Date) -> Bool {
        let weekday = calendar.component(.weekday, from: date)
        return weekday != 1 && weekday != 7
    }

    /// The same wall-clock time `businessDays` business days later: Friday 10:00 plus 3 is Wednesday 10:00;
    /// from a weekend the count starts on Monday. Negative counts go back in time.
    public func adding(businessDays: Int, to date: Date) -> Date {
        let step = businessDays >= 0 ? 1 : -1
        var remaining = abs(businessDays)
        var current = date
        while remaining > 0 {
            guard let next = calendar.date(byAdding: .day, value: step, to: current) else { return current }
            current = next
            if isBusinessDay(current) { remaining -= 1 }
        }
        return current
    }

    /// Whole business days from `start` to `end`: the largest n with adding(n, start) ≤ end; 0 when end is not after start.
    public func businessDays(from start: Date, to end: Date) -> Int {
        guard end > start else { return 0 }
        // Jump most of the way by whole weeks (five business days each), then step.
        let weeks = max(0, Int(end.timeIntervalSince(start) / (7 * 24 * 3600)) - 1)
        var count = weeks * 5
        var current = weeks > 0 ? (calendar.date(byAdding: .day, value: weeks * 7, to: start) ?? start) : start
        while true {
            let next = adding(businessDays: 1, to: current)
            if next > end { return count }
            count += 1
            current = next
        }
    }
}

/// A follow-up step's name as the API spells it.
public enum FollowUpStepCode: String, Codable, CaseIterable, Sendable {
    case none, waiting
    case tryAnotherContact = "try_another_contact"
    case followUpOnce = "follow_up_once"
    case stop

    /// A step the explorer has to act on now (write to someone), as opposed to waiting or being done.
    public var needsAction: Bool { self == .tryAnotherContact || self == .followUpOnce }
}

public enum FollowUpStep: Codable, Equatable, Sendable {
    /// The contact answered; nothing to chase.
    case none
    /// Give the contact time; check again at `until`.
    case waiting(until: Date)
    /// Three business days without an answer: reach out to someone else meanwhile; the one follow-up is due at `followUpAt`.
    case tryAnotherContact(followUpAt: Date)
    /// Seven business days without an answer and no follow-up yet: send one, brief and friendly.
    case followUpOnce
    /// The one follow-up was sent; do not write again.
    case stop

    public var code: FollowUpStepCode {
        switch self {
        case .none: .none
        case .waiting: .waiting
        case .tryAnotherContact: .tryAnotherContact
        case .followUpOnce: .followUpOnce
        case .stop: .stop
        }
    }

    /// When the step is due: the end of the wait, or when the one follow-up becomes due.
    public var dueAt: Date? {
        switch self {
        case .waiting(let until): until
        case .tryAnotherContact(let at): at
        default: nil
        }
    }

    public var message: String {
        switch self {
        case .none: "The contact answered."
        case .waiting: "Give the contact a few business days to answer."
        case .tryAnotherContact: "No answer after three business days. Contact someone else on your list; you may follow up once after seven business days."
        case .followUpOnce: "No answer after seven business days. Send one short, friendly follow-up."
        case .stop: "You have followed up once. Do not write again; put your energy into other contacts."
        }
    }
}

/// The 3B7 rule as data.
public struct FollowUpPolicy: Codable, Equatable, Sendable {
    public var tryAnotherAfterBusinessDays: Int
    public var followUpAfterBusinessDays: Int
    public var maximumFollowUps: Int

    public init(tryAnotherAfterBusinessDays: Int, followUpAfterBusinessDays: Int, maximumFollowUps: Int) {
        self.tryAnotherAfterBusinessDays = tryAnotherAfterBusinessDays
        self.followUpAfterBusinessDays = followUpAfterBusinessDays
        self.maximumFollowUps = maximumFollowUps
    }

    public static let threeBSeven = FollowUpPolicy(tryAnotherAfterBusinessDays: 3, followUpAfterBusinessDays: 7, maximumFollowUps: 1)

    public var descriptions: [String] {
        [
            "If a contact has not answered after \(tryAnotherAfterBusinessDays) business days, approach another contact as well.",
            "If there is still no answer after \(followUpAfterBusinessDays) business days, follow up once.",
            "Never follow up more than \(maximumFollowUps == 1 ? "once" : "\(maximumFollowUps) times"); business days are Monday to Friday.",
        ]
    }

    public static func nextStep(
        requestSentAt: Date, now: Date, answered: Bool, followUpsSent: Int,
        calendar: BusinessCalendar, policy: FollowUpPolicy = .threeBSeven
    ) -> FollowUpStep {
        if answered { return .none }
        if followUpsSent >= policy.maximumFollowUps { return .stop }
        let elapsed = calendar.businessDays(from: requestSentAt, to: now)
        let followUpAt = calendar.adding(businessDays: policy.followUpAfterBusinessDays, to: requestSentAt)
        if elapsed >= policy.followUpAfterBusinessDays { return .followUpOnce }
        if elapsed >= policy.tryAnotherAfterBusinessDays { return .tryAnotherContact(followUpAt: followUpAt) }
        return .waiting(until: calendar.adding(businessDays: policy.tryAnotherAfterBusinessDays, to: requestSentAt))
    }
}
