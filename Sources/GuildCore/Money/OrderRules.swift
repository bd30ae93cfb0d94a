// What members may type into an order's steps, and which steps a member may take on an order now: one source for
// the API, the pages, the policy page and the tests.
import Foundation

/// How an order was bought.
public enum OrderKind: String, Codable, Sendable, CaseIterable {
    /// One of a gig's packages, at its listed price.
    case package
    /// A proposal agreed with the seller, paid milestone by milestone.
    case custom
}

/// Limits on the text of order steps. Longer input is refused with the field named, never cut short.
public enum OrderTextRules {
    /// A delivery's message, a dispute's reason and an answer to a dispute.
    public static let longTextMaximum = 5_000
    /// A revision request or a cancellation note.
    public static let noteMaximum = 2_000
    /// Links attached to one delivery.
    public static let linksMaximum = 10
    public static let linkLengthMaximum = 500

    /// A delivery: a message (required) and up to `linksMaximum` http(s) links.
    public static func validateDelivery(message rawMessage: String, links: [String]) throws(ValidationErrors) -> (message: String, links: [String]) {
        let message = rawMessage.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [ValidationError] = []
        if message.isEmpty { problems.append(.init(field: "message", reason: "is required: say what you delivered")) }
        if message.count > longTextMaximum { problems.append(.init(field: "message", reason: "must be at most \(longTextMaximum) characters")) }
        if links.count > linksMaximum { problems.append(.init(field: "links", reason: "must be at most \(linksMaximum) links")) }
        for (i, link) in links.enumerated() where !isWebLink(link) || link.count > linkLengthMaximum {
            problems.append(.init(field: "links[\(i)]", reason: "must be an http(s) address of at most \(linkLengthMaximum) characters"))
        }
        if !problems.isEmpty { throw ValidationErrors(problems) }
        return (message, links)
    }

    /// A delivery typed into one text box: lines that are web addresses become its links, the rest its message.
    /// The result is checked like an API delivery, so the page refuses exactly what the API refuses.
    public static func validateDeliveryText(_ text: String) throws(ValidationErrors) -> (message: String, links: [String]) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let links = lines.filter(isWebLink)
        var message = lines.filter { !isWebLink($0) }.joined(separator: "\n")
        if message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !links.isEmpty { message = "Delivered" }
        return try validateDelivery(message: message, links: links)
    }

    /// Why a dispute is opened: required.
    public static func validateDisputeReason(_ raw: String?) throws(ValidationError) -> String {
        try required(raw, field: "reason", what: "say what went wrong", maximum: longTextMaximum)
    }

    /// The other side's answer to a dispute: required.
    public static func validateDisputeAnswer(_ raw: String?) throws(ValidationError) -> String {
        try required(raw, field: "message", what: "your side of the story", maximum: longTextMaximum)
    }

    /// A milestone delivery's message: optional.
    public static func validateMilestoneMessage(_ raw: String?) throws(ValidationError) -> String {
        try optional(raw, field: "message", maximum: longTextMaximum)
    }

    /// A revision request (`message`) or a cancellation note (`reason`): optional.
    public static func validateNote(_ raw: String?, field: String) throws(ValidationError) -> String {
        try optional(raw, field: field, maximum: noteMaximum)
    }

    static func isWebLink(_ s: String) -> Bool { s.hasPrefix("https://") || s.hasPrefix("http://") }

    private static func required(_ raw: String?, field: String, what: String, maximum: Int) throws(ValidationError) -> String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= maximum else {
            throw ValidationError(field: field, reason: "is required: \(what), in at most \(maximum) characters")
        }
        return text
    }

    private static func optional(_ raw: String?, field: String, maximum: Int) throws(ValidationError) -> String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= maximum else { throw ValidationError(field: field, reason: "must be at most \(maximum) characters") }
        return text
    }
}

/// Everything about an order that decides which steps its parties may take now.
public struct OrderSituation: Equatable, Sendable {
    public var kind: OrderKind
    public var state: OrderState
    public var revisionsUsed: Int
    public var revisionsAllowed: Int
    public var cancellationProposedBy: OrderActor?
    /// A custom order's milestones, in order; empty for a package order; nil when the caller did not load them
    /// (then the dispute step is offered as the process table says, and the workflow decides).
    public var milestones: [MilestoneProgress.State]?

    public init(kind: OrderKind, state: OrderState, revisionsUsed: Int = 0, revisionsAllowed: Int = 0,
                cancellationProposedBy: OrderActor? = nil, milestones: [MilestoneProgress.State]? = []) {
        self.kind = kind
        self.state = state
        self.revisionsUsed = revisionsUsed
        self.revisionsAllowed = revisionsAllowed
        self.cancellationProposedBy = cancellationProposedBy
        self.milestones = milestones
    }

    /// Money still in escrow on a custom order: a milestone funded or delivered and not yet released.
    public var hasEscrowedMilestone: Bool { (milestones ?? []).contains { $0 == .funded || $0 == .delivered } }
}

/// A step on one milestone of a custom order.
public enum MilestoneStep: String, Codable, Sendable, CaseIterable {
    case fund, deliver, accept
}

extension OrderProcess {
    /// The order-level steps `actor` may take now: the process table, narrowed by the facts that guard a step
    /// (revisions left, who proposed a cancellation) and by the order's kind (a custom order moves through its
    /// milestones, and may be disputed only while one holds money). The API's `allowedEvents`, the order page's
    /// buttons and the tests all ask this one function.
    public static func availableEvents(for actor: OrderActor, in situation: OrderSituation) -> [OrderEvent] {
        allowedEvents(from: situation.state, actor: actor).filter { event in
            if situation.kind == .custom {
                if MilestonePlan.packageOnlyEvents.contains(event) { return false }
                if event == .openDispute && situation.milestones != nil && !situation.hasEscrowedMilestone { return false }
            }
            switch event {
            case .requestRevision:
                return situation.revisionsUsed < situation.revisionsAllowed
            case .proposeCancellation:
                return situation.cancellationProposedBy == nil
            case .acceptCancellation:
                return situation.cancellationProposedBy.map { $0 != actor } ?? false
            case .settle:
                // Taken only by accepting the other side's proposal (SettlementRules), never as a step of its own.
                return false
            default:
                return true
            }
        }
    }

    /// The steps `actor` may take on milestone `index` now. Only while the order takes milestone steps (not once
    /// disputed or ended); the buyer funds and accepts, the seller delivers.
    public static func availableMilestoneSteps(for actor: OrderActor, index: Int, in situation: OrderSituation,
                                               transferPending: Bool = false) -> [MilestoneStep] {
        guard situation.kind == .custom, let milestones = situation.milestones, milestones.indices.contains(index),
              situation.state == .awaitingPayment || situation.state == .inProgress else { return [] }
        let state = milestones[index]
        switch actor {
        case .buyer:
            var steps: [MilestoneStep] = []
            if state == .awaitingFunding && !transferPending { steps.append(.fund) }
            if state == .funded || state == .delivered { steps.append(.accept) }
            return steps
        case .seller:
            return state == .funded ? [.deliver] : []
        case .arbiter, .system:
            return []
        }
    }
}

/// Where a dispute stands: open until an arbiter, a settlement or a deadline's default outcome resolves it.
public enum DisputeState: String, Codable, Sendable, CaseIterable {
    case open
    case resolved
}

/// A bank transfer a buyer announced under the manual provider.
public enum DepositState: String, Codable, Sendable, CaseIterable {
    /// Announced; an admin has not seen it arrive yet.
    case pending
    /// An admin confirmed it arrived: the order or milestone is funded.
    case confirmed
    /// The order ended unpaid: confirming it is refused.
    case void
}

/// A rule's delay as a person says it ("3 days", "48 hours"), so pages and policies print the value the code runs.
public enum SpokenDuration {
    public static func of(seconds: Int) -> String {
        if seconds % OrderProcess.daySeconds == 0 {
            let days = seconds / OrderProcess.daySeconds
            return days == 1 ? "1 day" : "\(days) days"
        }
        if seconds % OrderProcess.hourSeconds == 0 {
            let hours = seconds / OrderProcess.hourSeconds
            return hours == 1 ? "1 hour" : "\(hours) hours"
        }
        let minutes = max(1, seconds / 60)
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }

    /// A deadline counted in hours ("72 hours"): short answer windows read more exactly this way than in days.
    public static func inHours(seconds: Int) -> String {
        guard seconds % OrderProcess.hourSeconds == 0 else { return of(seconds: seconds) }
        let hours = seconds / OrderProcess.hourSeconds
        return hours == 1 ? "1 hour" : "\(hours) hours"
    }
}

extension OrderProcess {
    /// The published timer named `name` (`auto_accept`, `dispute_answer`, …).
    public static func timer(named name: String) -> OrderTimer? { timers.first { $0.name == name } }

    /// How long a buyer has to answer a delivery before it is accepted for them, in words.
    public static var autoAcceptDelayText: String { SpokenDuration.of(seconds: autoAcceptSeconds) }
}

extension DisputeRules {
    /// How long the other side has to answer a dispute, in words.
    public static var answerWindowText: String { SpokenDuration.inHours(seconds: answerWindowSeconds) }
    /// How long an arbiter has to decide once the dispute is answered, in words.
    public static var arbiterWindowText: String { SpokenDuration.of(seconds: arbiterWindowSeconds) }
}
