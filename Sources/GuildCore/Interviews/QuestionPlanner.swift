// Builds the question plan for one conversation: rapport first, research findings turned into questions to test,
// career questions, strategy for senior contacts, things to share in return, all fitted to the agreed length.
import Foundation

public enum QuestionKind: String, Codable, CaseIterable, Sendable {
    case rapport
    case research
    case career
    case strategy
    case share
    /// The closing questions: who else to talk to, what to read, a small task to try.
    case closing
}

/// What a question is for, in the TIARA method: rapport, then trends, insights, advice, resources and assignments.
public enum Tiara: String, Codable, CaseIterable, Sendable {
    case rapport
    case trends
    case insights
    case advice
    case resources
    case assignments

    /// The purpose as the plan page says it.
    public var purpose: String {
        switch self {
        case .rapport: "Rapport: the contact's own story."
        case .trends: "Trends: where the field is heading."
        case .insights: "Insights: what it is really like, from the inside."
        case .advice: "Advice: what the contact would do in your place."
        case .resources: "Resources: who else to talk to, what to read."
        case .assignments: "Assignments: a small task to try the work."
        }
    }
}

public struct PlannedQuestion: Codable, Equatable, Hashable, Sendable, Identifiable {
    /// Stable within a plan: "rapport.started", "finding.<uuid>", "share.<uuid>", or the id given to a custom question.
    public var id: String
    public var kind: QuestionKind
    public var text: String
    /// The finding this question tests or shares, so its verdict can be recorded against it.
    public var findingID: UUID?
    /// What the question is for (TIARA).
    public var tiara: Tiara

    public init(id: String, kind: QuestionKind, text: String, findingID: UUID? = nil, tiara: Tiara? = nil) {
        self.id = id
        self.kind = kind
        self.text = text
        self.findingID = findingID
        self.tiara = tiara ?? Self.defaultTiara(for: kind)
    }

    /// A question without a stated purpose (one the explorer added, or one saved before TIARA) by its kind.
    public static func defaultTiara(for kind: QuestionKind) -> Tiara {
        switch kind {
        case .rapport: .rapport
        case .research, .share: .insights
        case .strategy: .trends
        case .career: .advice
        case .closing: .resources
        }
    }

    enum CodingKeys: String, CodingKey { case id, kind, text, findingID, tiara }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(QuestionKind.self, forKey: .kind)
        // Plans saved before questions carried a purpose read as their kind suggests.
        self.init(id: try c.decode(String.self, forKey: .id), kind: kind, text: try c.decode(String.self, forKey: .text),
                  findingID: try c.decodeIfPresent(UUID.self, forKey: .findingID), tiara: try c.decodeIfPresent(Tiara.self, forKey: .tiara))
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
    /// From this length on a plan holds at least one question on trends, insights, advice and resources.
    public static let fullTiaraMinutes = 25
    /// From this length on (every length Guild allows) a plan ends with "who else should I talk to?".
    public static let closingResourcesMinutes = 15

    /// How the plan is put together, for the method page.
    public static let rules: [String] = [
        "About one question per \(minutesPerQuestion) minutes: a 15-minute conversation holds about 5, a 30-minute one about 10.",
        "Every question says what it is for (TIARA): rapport, trends, insights, advice, resources or assignments.",
        "Rapport questions come first: interest in the contact's own story builds trust and gives you material for later.",
        "Junior contacts are asked how they got in and found their feet; mid-level contacts how they progressed; senior contacts about strategy; executives about the forces reshaping the field.",
        "When a contact has a focus area, findings about that area are tested first.",
        "Research findings become \"According to my research, …\" questions, so the contact has something to react to.",
        "Findings marked to share are offered in return: the conversation is an exchange.",
        "Career questions cover pay and lifestyle, the usual path, culture, and how competitive your own background is, never a request for a job.",
        "A plan of \(fullTiaraMinutes) minutes or more asks at least one question on trends, insights, advice and resources.",
        "Every plan of \(closingResourcesMinutes) minutes or more ends by asking who else to talk to: one conversation leads to the next.",
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

    /// An executive's career is long: the opener asks about its turning points rather than how it began.
    public static let executiveOpener = PlannedQuestion(id: "rapport.turning_points", kind: .rapport, text: "Looking back over your career, which turning points shaped it most?")

    public static let strategyQuestions: [PlannedQuestion] = [
        PlannedQuestion(id: "strategy.direction", kind: .strategy, text: "Where do you see the field heading over the next five years, and what will decide who does well?", tiara: .trends),
        PlannedQuestion(id: "strategy.decisions", kind: .strategy, text: "Which decisions are hardest for leaders in this area right now?", tiara: .insights),
        PlannedQuestion(id: "strategy.bets", kind: .strategy, text: "If you were starting out today, which parts of the field would you bet on?", tiara: .advice),
        PlannedQuestion(id: "strategy.blind_spots", kind: .strategy, text: "What do newcomers most often misunderstand about how this business really works?", tiara: .insights),
    ]

    /// Executives see the whole field: the forces reshaping it and what makes people grow in it.
    public static let executiveQuestions: [PlannedQuestion] = [
        PlannedQuestion(id: "strategy.direction", kind: .strategy, text: "Where do you see the field heading over the next five years, and what will decide who does well?", tiara: .trends),
        PlannedQuestion(id: "executive.forces", kind: .strategy, text: "Which forces from outside the field (regulation, technology, customers) will reshape it most, and how is your organisation getting ready?", tiara: .trends),
        PlannedQuestion(id: "executive.growth", kind: .strategy, text: "Over a whole career, what separates the people who grow into leaders in this field from those who stall?", tiara: .insights),
        PlannedQuestion(id: "strategy.bets", kind: .strategy, text: "If you were starting out today, which parts of the field would you bet on?", tiara: .advice),
    ]

    /// Junior contacts started recently: how they got in and found their feet is fresh.
    public static let juniorQuestions: [PlannedQuestion] = [
        PlannedQuestion(id: "junior.getting_in", kind: .career, text: "Looking back on how you got into your first role, what would you do the same way and what differently?", tiara: .advice),
        PlannedQuestion(id: "junior.first_months", kind: .career, text: "What did your first months involve, and what helped you most to find your feet?", tiara: .insights),
    ]

    /// Mid-level contacts have made the first step up: how they progressed is what they know best.
    public static let midQuestions: [PlannedQuestion] = [
        PlannedQuestion(id: "mid.skills_next", kind: .career, text: "Which skills should someone starting out build first to progress the way you have?", tiara: .advice),
        PlannedQuestion(id: "mid.progression", kind: .career, text: "What moved you from your first role to where you are now, and what did the step up demand?", tiara: .insights),
    ]

    public static let careerQuestions: [PlannedQuestion] = [
        PlannedQuestion(id: "career.salary_lifestyle", kind: .career, text: "What pay range and working life (hours, travel, pace) should someone starting out expect, and what do published figures leave out?", tiara: .insights),
        competitivenessQuestion(background: nil),
        PlannedQuestion(id: "career.path", kind: .career, text: "What does a typical career path look like from the first role onwards, and does it differ between employers?", tiara: .insights),
        PlannedQuestion(id: "career.improve_chances", kind: .career, text: "What would most improve my chances of doing well in this work?", tiara: .advice),
        PlannedQuestion(id: "career.culture", kind: .career, text: "How would you describe the culture where you work, and how much does it vary across the field?", tiara: .insights),
    ]

    /// Filling questions for a purpose no finding covered.
    public static let trendsQuestion = PlannedQuestion(id: "trends.changes", kind: .career, text: "What changes do you see coming in this field over the next few years, and how are people preparing for them?", tiara: .trends)
    public static let insightsQuestion = PlannedQuestion(id: "insights.misunderstood", kind: .career, text: "What do people outside the field most often misunderstand about the work?", tiara: .insights)

    /// The closing questions: the referral question always; reading and a small task in longer plans.
    public static let whoElseQuestion = PlannedQuestion(id: "resources.who_else", kind: .closing, text: "Who else would you suggest I talk to, and may I mention that you suggested them?", tiara: .resources)
    public static let readingQuestion = PlannedQuestion(id: "resources.reading", kind: .closing, text: "What should I read, follow or join to keep learning about this field?", tiara: .resources)
    public static let assignmentQuestion = PlannedQuestion(id: "assignments.try", kind: .closing, text: "Is there a small task or project I could try to find out whether this work suits me?", tiara: .assignments)

    /// "How competitive would I be?", in the explorer's own words about their background when the profile has them.
    public static func competitivenessQuestion(background: String?) -> PlannedQuestion {
        let clean = background.map { InterviewText.stripTrailingPunctuation(InterviewText.shortened($0, maxWords: 20)) } ?? ""
        let text = clean.isEmpty
            ? "How competitive would I be with the background I have now, and which part of it would you build on first?"
            : "My background is this: \(clean). How competitive would that make me, and which part of it is most relevant?"
        return PlannedQuestion(id: "career.competitiveness", kind: .career, text: text, tiara: .advice)
    }

    /// Kinds tested as research; the others feed career questions.
    public static let researchKinds: [FindingKind] = [.competitor, .trend, .challenge, .innovation, .skills]

    /// What testing a finding of each kind is for.
    public static func tiara(for kind: FindingKind) -> Tiara {
        switch kind {
        case .competitor, .trend, .innovation: .trends
        case .challenge, .skills, .salary, .lifestyle, .careerPath, .culture: .insights
        }
    }

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
        return PlannedQuestion(id: "finding.\(finding.id.uuidString.lowercased())", kind: kind, text: text, findingID: finding.id, tiara: tiara(for: finding.kind))
    }

    /// A finding offered to the contact in return.
    public static func shareItem(for finding: ResearchFinding) -> PlannedQuestion {
        var text = "Something I came across that may interest you: \(statementClause(finding.statement))."
        if finding.hasSource {
            text += " (Source: \(InterviewText.shortened(finding.source, maxWords: 20)).)"
        }
        return PlannedQuestion(id: "share.\(finding.id.uuidString.lowercased())", kind: .share, text: text, findingID: finding.id, tiara: tiara(for: finding.kind))
    }

    /// The plan for one conversation. `background` is the explorer's own, from their profile, for the competitiveness question.
    public static func plan(findings: [ResearchFinding], contact: InterviewContact, minutes: Int, background: String? = nil) -> QuestionPlan {
        let slots = questionCount(minutes: minutes)
        let closing = minutes >= closingResourcesMinutes ? [whoElseQuestion] : []
        let main = slots - closing.count
        let senior = contact.seniority.prefersStrategy
        let usable = findings.filter { !InterviewText.trimmed($0.statement).isEmpty }

        let shares = ordered(usable.filter(\.share), focusArea: contact.focusArea, seniority: contact.seniority).map(shareItem)
        let tested = usable.filter { !$0.share }
        let research = ordered(tested.filter { researchKinds.contains($0.kind) }, focusArea: contact.focusArea, seniority: contact.seniority)
            .map(question)
        // Asking an executive what a beginner earns wastes their time; the competitiveness question leads instead.
        let career = careerCandidates(tested, focusArea: contact.focusArea, background: background, includePay: contact.seniority != .executive)
        let level: [PlannedQuestion] = switch contact.seniority {
        case .junior: juniorQuestions
        case .mid: midQuestions
        case .senior: strategyQuestions
        case .executive: executiveQuestions
        }

        var sections: [Section: [PlannedQuestion]] = [
            .rapport: contact.seniority == .executive ? [executiveOpener] + rapportQuestions.dropFirst() : rapportQuestions, .level: level, .research: research, .share: shares, .career: career,
        ]
        // Research gets whatever the other sections leave: testing what the explorer read is the heart of the plan.
        let long = main >= 9
        var quota: [Section: Int] = senior
            ? [.rapport: 1, .level: long ? 2 : 1, .share: long ? 2 : 1, .career: main >= 7 ? 2 : 1]
            : [.rapport: main <= 4 ? 1 : (long ? 3 : 2), .level: 1, .share: long ? 2 : 1, .career: main <= 4 ? 0 : 1]
        quota[.research] = max(0, main - quota.values.reduce(0, +))
        var taken: [Section: Int] = [:]
        for section in Section.allCases {
            taken[section] = min(quota[section] ?? 0, sections[section]?.count ?? 0)
        }
        // Slots a thin section could not use go to the next most useful section.
        let fallback: [Section] = senior ? [.level, .research, .career, .rapport, .share] : [.research, .career, .rapport, .level, .share]
        var free = main - taken.values.reduce(0, +)
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
            questions += sections[.level] ?? []
            questions += sections[.research] ?? []
            questions += sections[.share] ?? []
            questions += sections[.career] ?? []
            questions += rapport.dropFirst()
        } else {
            questions += rapport
            questions += sections[.research] ?? []
            questions += sections[.share] ?? []
            questions += sections[.level] ?? []
            questions += sections[.career] ?? []
        }
        if minutes >= fullTiaraMinutes {
            questions = covering([.trends, .insights, .advice], in: questions)
        }
        return QuestionPlan(minutes: minutes, questions: questions + closing)
    }

    /// Makes sure each purpose appears at least once, by swapping in a filling question for the last question
    /// of a purpose the plan has more than one of (never the opening question).
    static func covering(_ purposes: [Tiara], in plan: [PlannedQuestion]) -> [PlannedQuestion] {
        var questions = plan
        let fillers: [Tiara: [PlannedQuestion]] = [
            .trends: [trendsQuestion, strategyQuestions[0]],
            .insights: [insightsQuestion, careerQuestions[2]],
            .advice: [careerQuestions[3], strategyQuestions[2]],
        ]
        for purpose in purposes where !questions.contains(where: { $0.tiara == purpose }) {
            guard let filler = fillers[purpose]?.first(where: { f in !questions.contains { $0.id == f.id } }) else { continue }
            let counts = Dictionary(grouping: questions, by: \.tiara).mapValues(\.count)
            // Prefer giving up a general question over one that tests the explorer's own research.
            let candidates = questions.indices.dropFirst().reversed().filter { (counts[questions[$0].tiara] ?? 0) > 1 }
            guard let index = candidates.first(where: { questions[$0].findingID == nil }) ?? candidates.first else { continue }
            questions[index] = filler
        }
        return questions
    }

    enum Section: CaseIterable {
        case rapport, level, research, share, career
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
    static func careerCandidates(_ findings: [ResearchFinding], focusArea: String?, background: String? = nil, includePay: Bool = true) -> [PlannedQuestion] {
        func newest(_ kind: FindingKind) -> ResearchFinding? {
            let ofKind = findings.filter { $0.kind == kind }
            return ofKind.first { FocusMatch.matches($0, focusArea: focusArea) }
                ?? ofKind.max { $0.recordedAt < $1.recordedAt }
        }
        func generic(_ id: String) -> PlannedQuestion? { careerQuestions.first { $0.id == id } }
        var list: [PlannedQuestion?] = []
        // How the explorer's own background would fare comes first: it is the question only a practitioner can answer.
        list.append(competitivenessQuestion(background: background))
        if includePay { list.append(newest(.salary).map(question) ?? generic("career.salary_lifestyle")) }
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
