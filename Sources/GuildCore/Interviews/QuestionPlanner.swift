// Builds the question plan for one conversation: rapport first, research findings turned into questions to test,
// career questions, strategy for senior contacts, things to share in return, all fitted to the agreed length.
import Foundation

public enum QuestionKind: String, Codable, CaseIterable, Sendable {
    case rapport
    case research
    case career
    case strategy
    case share
}

public struct PlannedQuestion: Codable, Equatable, Hashable, Sendable, Identifiable {
    /// Stable within a plan: "rapport.started", "finding.<uuid>", "share.<uuid>", or the id given to a custom question.
    public var id: String
    public var kind: QuestionKind
    public var text: String
    /// The finding this question tests or shares, so its verdict can be recorded against it.
    public var findingID: UUID?

    public init(id: String, kind: QuestionKind, text: String, findingID: UUID? = nil) {
        self.id = id
        self.kind = kind
        self.text = text
        self.findingID = findingID
    }
}

public struct QuestionPlan: Codable, Equatable, Sendable {
    public var minutes: Int
    public var questions: [PlannedQuestion]

    public init(minutes: Int, questions: [PlannedQuestion]) {
        self.minutes = minutes
        self.questions = questions
    }
}

public enum QuestionPlanner {
    /// A question with its answer and a little follow-up takes about three minutes.
    public static let minutesPerQuestion = 3
    public static let maximumQuestions = 12

    /// How the plan is put together, for the method page.
    public static let rules: [String] = [
        "About one question per \(minutesPerQuestion) minutes: a 15-minute conversation holds about 5, a 30-minute one about 10.",
        "Rapport questions come first: interest in the contact's own story builds trust and gives you material for later.",
        "Senior and executive contacts get broad strategy questions right after one rapport opener.",
        "When a contact has a focus area, findings about that area are tested first.",
        "Research findings become \"According to my research, …\" questions, so the contact has something to react to.",
        "Findings marked to share are offered in return: the conversation is an exchange.",
        "Career questions cover pay and lifestyle, the usual path, culture, and how competitive your background is, never a request for a job.",
    ]

    public static let rapportQuestions: [PlannedQuestion] = [
        PlannedQuestion(id: "rapport.started", kind: .rapport, text: "How did you first get into this work, and what drew you to it?"),
        PlannedQuestion(id: "rapport.rewarding", kind: .rapport, text: "What do you enjoy most about it, and what has been the most rewarding part?"),
        PlannedQuestion(id: "rapport.challenging", kind: .rapport, text: "What has been the hardest part, and did anything surprise you?"),
        PlannedQuestion(id: "rapport.typical_day", kind: .rapport, text: "What does a typical day or week look like for you?"),
        PlannedQuestion(id: "rapport.skills", kind: .rapport, text: "Which skills matter most for doing this well, and which do you keep working on?"),
        PlannedQuestion(id: "rapport.who_succeeds", kind: .rapport, text: "What kind of people tend to thrive in this work?"),
        PlannedQuestion(id: "rapport.wish_known", kind: .rapport, text: "What do you know now that you wish you had known when you started?"),
    ]

    public static let strategyQuestions: [PlannedQuestion] = [
        PlannedQuestion(id: "strategy.direction", kind: .strategy, text: "Where do you see the field heading over the next five years, and what will decide who does well?"),
        PlannedQuestion(id: "strategy.decisions", kind: .strategy, text: "Which decisions are hardest for leaders in this area right now?"),
        PlannedQuestion(id: "strategy.bets", kind: .strategy, text: "If you were starting out today, which parts of the field would you bet on?"),
        PlannedQuestion(id: "strategy.blind_spots", kind: .strategy, text: "What do newcomers most often misunderstand about how this business really works?"),
    ]

    public static let careerQuestions: [PlannedQuestion] = [
        PlannedQuestion(id: "career.salary_lifestyle", kind: .career, text: "What pay range and working life (hours, travel, pace) should someone starting out expect, and what do published figures leave out?"),
        PlannedQuestion(id: "career.competitiveness", kind: .career, text: "Given a background like mine, how competitive would I be, and which part of it is most relevant?"),
        PlannedQuestion(id: "career.path", kind: .career, text: "What does a typical career path look like from the first role onwards, and does it differ between employers?"),
        PlannedQuestion(id: "career.improve_chances", kind: .career, text: "What would most improve my chances of doing well in this work?"),
        PlannedQuestion(id: "career.culture", kind: .career, text: "How would you describe the culture where you work, and how much does it vary across the field?"),
    ]

    /// Kinds tested as research; the others feed career questions.
    public static let researchKinds: [FindingKind] = [.competitor, .trend, .challenge, .innovation, .skills]

    /// How many questions fit: about one per three minutes.
    public static func questionCount(minutes: Int) -> Int {
        let count = (minutes + minutesPerQuestion / 2) / minutesPerQuestion
        return min(max(count, 3), maximumQuestions)
    }

    /// The question that tests one finding; each kind has its own form.
    public static func question(for finding: ResearchFinding) -> PlannedQuestion {
        let s = statementClause(finding.statement)
        let text: String = switch finding.kind {
        case .competitor: "According to my research, the main players are these: \(s). Am I missing anyone significant, or a newcomer I should know about?"
        case .trend: "According to my research, one trend stands out: \(s). Is it affecting your work, and do you think the coverage overstates it?"
        case .challenge: "According to my research, a major challenge is this: \(s). Is that what you see day to day, or are there bigger problems?"
        case .innovation: "According to my research, this innovation is gaining ground: \(s). Has it changed how you work yet, or is it mostly talk so far?"
        case .salary: "According to my research, pay typically looks like this: \(s). Does that match what you see, and is there anything the published figures leave out?"
        case .lifestyle: "According to my research, the working life looks like this: \(s). Is that accurate, and are there nuances that rarely get written about?"
        case .careerPath: "According to my research, the usual career path runs like this: \(s). Is that how it tends to go, and does it differ by employer?"
        case .skills: "According to my research, these skills and experiences are expected: \(s). Which matter most in practice, and how does my background compare?"
        case .culture: "According to my research, the culture is described like this: \(s). How does that compare with your experience, and does it vary much between organisations?"
        }
        let kind: QuestionKind = researchKinds.contains(finding.kind) ? .research : .career
        return PlannedQuestion(id: "finding.\(finding.id.uuidString.lowercased())", kind: kind, text: text, findingID: finding.id)
    }

    /// A finding offered to the contact in return.
    public static func shareItem(for finding: ResearchFinding) -> PlannedQuestion {
        var text = "Something I came across that may interest you: \(statementClause(finding.statement))."
        if finding.hasSource {
            text += " (Source: \(InterviewText.shortened(finding.source, maxWords: 20)).)"
        }
        return PlannedQuestion(id: "share.\(finding.id.uuidString.lowercased())", kind: .share, text: text, findingID: finding.id)
    }

    public static func plan(findings: [ResearchFinding], contact: InterviewContact, minutes: Int) -> QuestionPlan {
        let slots = questionCount(minutes: minutes)
        let large = slots >= 8
        let senior = contact.seniority.prefersStrategy
        let usable = findings.filter { !InterviewText.trimmed($0.statement).isEmpty }

        let shares = ordered(usable.filter(\.share), focusArea: contact.focusArea, seniority: contact.seniority).map(shareItem)
        let tested = usable.filter { !$0.share }
        let research = ordered(tested.filter { researchKinds.contains($0.kind) }, focusArea: contact.focusArea, seniority: contact.seniority)
            .map(question)
        let career = careerCandidates(tested, focusArea: contact.focusArea)
        let strategy = senior ? strategyQuestions : []

        var sections: [Section: [PlannedQuestion]] = [
            .rapport: rapportQuestions, .strategy: strategy, .research: research, .share: shares, .career: career,
        ]
        var quota: [Section: Int] = [
            .rapport: senior ? 1 : (large ? 3 : 2),
            .strategy: senior ? (large ? 2 : 1) : 0,
            .share: large ? 2 : 1,
            .career: large ? 2 : 1,
        ]
        quota[.research] = max(0, slots - quota.values.reduce(0, +))
        var taken: [Section: Int] = [:]
        for section in Section.allCases {
            taken[section] = min(quota[section] ?? 0, sections[section]?.count ?? 0)
        }
        // Slots a thin section could not use go to the next most useful section.
        let fallback: [Section] = senior ? [.strategy, .research, .career, .rapport, .share] : [.research, .career, .rapport, .share]
        var free = slots - taken.values.reduce(0, +)
        for section in fallback where free > 0 {
            let room = (sections[section]?.count ?? 0) - (taken[section] ?? 0)
            let extra = min(room, free)
            taken[section, default: 0] += extra
            free -= extra
        }
        for section in Section.allCases {
            sections[section] = Array((sections[section] ?? []).prefix(taken[section] ?? 0))
        }

        let rapport = sections[.rapport] ?? []
        var questions: [PlannedQuestion] = []
        if senior {
            questions += rapport.prefix(1)
            questions += sections[.strategy] ?? []
            questions += sections[.research] ?? []
            questions += sections[.share] ?? []
            questions += sections[.career] ?? []
            questions += rapport.dropFirst()
        } else {
            questions += rapport
            questions += sections[.research] ?? []
            questions += sections[.share] ?? []
            questions += sections[.career] ?? []
        }
        return QuestionPlan(minutes: minutes, questions: questions)
    }

    enum Section: CaseIterable {
        case rapport, strategy, research, share, career
    }

    /// Focus matches first; then by kind priority (senior contacts care most about direction), one of each kind
    /// before a second of any, newest first.
    static func ordered(_ findings: [ResearchFinding], focusArea: String?, seniority: Seniority) -> [ResearchFinding] {
        let priority: [FindingKind] = seniority.prefersStrategy
            ? [.trend, .innovation, .competitor, .challenge, .skills, .salary, .careerPath, .culture, .lifestyle]
            : [.competitor, .trend, .challenge, .innovation, .skills, .salary, .careerPath, .culture, .lifestyle]
        func byPriority(_ list: [ResearchFinding]) -> [ResearchFinding] {
            let sorted = list.sorted { left, right in
                let leftRank = priority.firstIndex(of: left.kind) ?? priority.count
                let rightRank = priority.firstIndex(of: right.kind) ?? priority.count
                if leftRank != rightRank { return leftRank < rightRank }
                if left.recordedAt != right.recordedAt { return left.recordedAt > right.recordedAt }
                return left.id.uuidString < right.id.uuidString
            }
            var firsts: [ResearchFinding] = []
            var rest: [ResearchFinding] = []
            var seen = Set<FindingKind>()
            for finding in sorted {
                if seen.insert(finding.kind).inserted { firsts.append(finding) } else { rest.append(finding) }
            }
            return firsts + rest
        }
        let focused = findings.filter { FocusMatch.matches($0, focusArea: focusArea) }
        let others = findings.filter { !FocusMatch.matches($0, focusArea: focusArea) }
        return byPriority(focused) + byPriority(others)
    }

    /// Career questions: built from a finding where there is one, the general form where there is not.
    static func careerCandidates(_ findings: [ResearchFinding], focusArea: String?) -> [PlannedQuestion] {
        func newest(_ kind: FindingKind) -> ResearchFinding? {
            let ofKind = findings.filter { $0.kind == kind }
            return ofKind.first { FocusMatch.matches($0, focusArea: focusArea) }
                ?? ofKind.max { $0.recordedAt < $1.recordedAt }
        }
        func generic(_ id: String) -> PlannedQuestion? { careerQuestions.first { $0.id == id } }
        var list: [PlannedQuestion?] = []
        list.append(newest(.salary).map(question) ?? generic("career.salary_lifestyle"))
        list.append(generic("career.competitiveness"))
        list.append(newest(.careerPath).map(question) ?? generic("career.path"))
        list.append(generic("career.improve_chances"))
        list.append(newest(.lifestyle).map(question))
        list.append(newest(.culture).map(question) ?? generic("career.culture"))
        return list.compactMap { $0 }
    }

    /// The statement as a clause inside a question: one line, no closing full stop, not overlong.
    static func statementClause(_ statement: String) -> String {
        InterviewText.shortened(statement, maxWords: 40)
    }
}

/// Whether a finding concerns a contact's focus area, by shared words in the statement or the finding's kind.
public enum FocusMatch {
    static let ignored: Set<String> = ["and", "the", "of", "in", "for", "with", "on", "to", "a", "an", "or", "at", "by", "its", "their"]

    public static func matches(_ finding: ResearchFinding, focusArea: String?) -> Bool {
        guard let focusArea else { return false }
        let focus = terms(focusArea)
        guard !focus.isEmpty else { return false }
        let candidates = terms(finding.statement) + terms(finding.kind.rawValue.replacingOccurrences(of: "_", with: " "))
            + finding.kind.keywords.map(stem)
        return focus.contains { term in
            candidates.contains { candidate in
                candidate == term
                    || (min(candidate.count, term.count) >= 4 && (candidate.hasPrefix(term) || term.hasPrefix(candidate)))
            }
        }
    }

    static func terms(_ text: String) -> [String] {
        text.lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map(String.init)
            .filter { !ignored.contains($0) && $0.count >= 2 }
            .map(stem)
    }

    static func stem(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }
}

extension QuestionPlan {
    /// Roughly how long the plan takes at three minutes a question.
    public var estimatedMinutes: Int { questions.count * QuestionPlanner.minutesPerQuestion }

    /// The plan with the question at `from` moved to position `to`.
    public func move(from: Int, to: Int) throws -> QuestionPlan {
        var errors: [ValidationError] = []
        if !questions.indices.contains(from) { errors.append(ValidationError(field: "from", reason: "No question at position \(from); the plan has \(questions.count).")) }
        if !questions.indices.contains(to) { errors.append(ValidationError(field: "to", reason: "No position \(to); the plan has \(questions.count) questions.")) }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        var copy = self
        let question = copy.questions.remove(at: from)
        copy.questions.insert(question, at: to)
        return copy
    }

    /// The plan with one question's wording replaced.
    public func replace(questionID: String, text: String) throws -> QuestionPlan {
        let index = try position(of: questionID)
        let clean = try Self.validatedText(text)
        var copy = self
        copy.questions[index].text = clean
        return copy
    }

    /// The plan with a question of the explorer's own added at `index` (at the end when nil).
    public func add(text: String, kind: QuestionKind, at index: Int? = nil, id: String = "custom.\(UUID().uuidString.lowercased())") throws -> QuestionPlan {
        let clean = try Self.validatedText(text)
        if questions.contains(where: { $0.id == id }) {
            throw ValidationErrors([ValidationError(field: "id", reason: "The plan already has a question with id \(id).")])
        }
        let target = index ?? questions.count
        guard (0...questions.count).contains(target) else {
            throw ValidationErrors([ValidationError(field: "index", reason: "Must be between 0 and \(questions.count).")])
        }
        var copy = self
        copy.questions.insert(PlannedQuestion(id: id, kind: kind, text: clean), at: target)
        return copy
    }

    /// The plan without one question.
    public func remove(questionID: String) throws -> QuestionPlan {
        let index = try position(of: questionID)
        var copy = self
        copy.questions.remove(at: index)
        return copy
    }

    /// Plan questions that read as asking for a job, for the editor to show.
    public var jobRequestWarnings: [DraftWarning] {
        questions.flatMap { question in
            JobRequestDetector.matches(in: question.text).map {
                DraftWarning(code: .asksForJob, message: "\"\($0.sentence)\" reads as asking for a job. \(JobRequestDetector.why)")
            }
        }
    }

    private func position(of questionID: String) throws -> Int {
        guard let index = questions.firstIndex(where: { $0.id == questionID }) else {
            throw ValidationErrors([ValidationError(field: "questionId", reason: "The plan has no question with id \(questionID).")])
        }
        return index
    }

    static let maximumQuestionCharacters = 500

    private static func validatedText(_ text: String) throws -> String {
        let clean = InterviewText.trimmed(text)
        if clean.isEmpty { throw ValidationErrors([ValidationError(field: "text", reason: "Must not be empty.")]) }
        if clean.count > maximumQuestionCharacters {
            throw ValidationErrors([ValidationError(field: "text", reason: "Must be at most \(maximumQuestionCharacters) characters.")])
        }
        return clean
    }
}
