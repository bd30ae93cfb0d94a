// Says what is still thin in an explorer's research before they ask anyone for a conversation.
import Foundation

/// One thing missing from the research, in plain words.
public struct ReadinessGap: Codable, Equatable, Hashable, Sendable {
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// The thresholds research is measured against; one public value so the method page can show it.
public struct ReadinessPolicy: Codable, Equatable, Sendable {
    public var minimumFindings: Int
    /// Kinds without which the conversation has little to test: who competes, where things are going, and pay.
    public var requiredKinds: [FindingKind]

    public init(minimumFindings: Int, requiredKinds: [FindingKind]) {
        self.minimumFindings = minimumFindings
        self.requiredKinds = requiredKinds
    }

    public static let standard = ReadinessPolicy(minimumFindings: 5, requiredKinds: [.salary, .competitor, .trend])

    /// The rules in plain language, in the order they are checked.
    public var descriptions: [String] {
        [
            "Collect at least \(minimumFindings) findings before asking for a conversation, so it can be an exchange rather than an interrogation.",
        ] + requiredKinds.map { "Have at least one \($0.label.lowercased()) finding: \(ResearchReadiness.whyKindMatters($0))" }
            + ["Every finding names its source, so you can say where you read it and the contact can judge it."]
    }
}

public enum ResearchReadiness {
    /// What is thin, most basic first; empty means ready to draft a request.
    public static func assess(findings: [ResearchFinding], policy: ReadinessPolicy = .standard) -> [ReadinessGap] {
        var gaps: [ReadinessGap] = []
        if findings.count < policy.minimumFindings {
            let missing = policy.minimumFindings - findings.count
            gaps.append(ReadinessGap(
                code: "too_few_findings",
                message: "You have \(findings.count) finding\(findings.count == 1 ? "" : "s"); gather at least \(missing) more so you bring something to the conversation instead of only asking."
            ))
        }
        let kinds = Set(findings.map(\.kind))
        for kind in policy.requiredKinds where !kinds.contains(kind) {
            gaps.append(ReadinessGap(code: "no_\(kind.rawValue)_finding", message: "No \(kind.label.lowercased()) finding yet. \(whyKindMatters(kind))"))
        }
        let unsourced = findings.filter { !$0.hasSource }.count
        if unsourced > 0 {
            gaps.append(ReadinessGap(
                code: "finding_without_source",
                message: "\(unsourced) finding\(unsourced == 1 ? " has" : "s have") no source. Note where each one comes from so you can say \"according to my research\" with confidence."
            ))
        }
        return gaps
    }

    public static func isReady(findings: [ResearchFinding], policy: ReadinessPolicy = .standard) -> Bool {
        assess(findings: findings, policy: policy).isEmpty
    }

    static func whyKindMatters(_ kind: FindingKind) -> String {
        switch kind {
        case .salary: "A salary range you found lets you raise pay without asking the contact to reveal their own."
        case .competitor: "Knowing the main players lets you ask who you missed."
        case .trend: "A trend gives you something current to bring and to test."
        case .challenge: "A known challenge shows you understand the hard parts of the work."
        case .innovation: "An innovation is news you can share in return."
        case .lifestyle: "Hours, travel and pace are easier to ask about with something to react to."
        case .careerPath: "Titles you have seen let you ask how the path really goes."
        case .skills: "The skills you found let you ask how competitive your background is."
        case .culture: "What you read about the culture gives the contact something to confirm or correct."
        }
    }
}
