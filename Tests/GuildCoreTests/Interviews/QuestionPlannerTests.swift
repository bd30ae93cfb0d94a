// Tests for the question planner: forms per finding kind, ordering by seniority and focus, fitting to length, and edits.
import Foundation
import Testing
@testable import GuildCore

@Suite("Question planner")
struct QuestionPlannerTests {
    typealias F = InterviewFixtures

    static let forms: [(FindingKind, String)] = [
        (.competitor, "the main players are these: X leads. Am I missing anyone significant"),
        (.trend, "one trend stands out: X leads. Is it affecting your work"),
        (.challenge, "a major challenge is this: X leads. Is that what you see day to day"),
        (.innovation, "this innovation is gaining ground: X leads. Has it changed how you work yet"),
        (.salary, "pay typically looks like this: X leads. Does that match what you see"),
        (.lifestyle, "the working life looks like this: X leads. Is that accurate"),
        (.careerPath, "the usual career path runs like this: X leads. Is that how it tends to go"),
        (.skills, "these skills and experiences are expected: X leads. Which matter most in practice"),
        (.culture, "the culture is described like this: X leads. How does that compare with your experience"),
    ]

    @Test("each finding kind yields its own question form", arguments: forms)
    func formPerKind(kind: FindingKind, expected: String) {
        // given a finding of one kind
        let finding = F.finding(30, kind, "X leads.")
        // when turned into a question
        let question = QuestionPlanner.question(for: finding)
        // then it tests the finding in that kind's words and links back to it
        #expect(question.text.hasPrefix("According to my research, \(expected)"))
        #expect(question.findingID == finding.id)
        #expect(question.kind == (QuestionPlanner.researchKinds.contains(kind) ? .research : .career))
    }

    @Test("all nine forms are different")
    func formsDiffer() {
        // given one finding of every kind with the same statement
        let texts = FindingKind.allCases.map { QuestionPlanner.question(for: F.finding(31, $0, "Same statement")).text }
        // then no two kinds share a form
        #expect(Set(texts).count == FindingKind.allCases.count)
    }

    @Test("question count fits the agreed length", arguments: [(15, 5), (20, 7), (25, 8), (30, 10)])
    func questionCount(minutes: Int, count: Int) {
        // given rich research
        // when planning for a length
        let plan = QuestionPlanner.plan(findings: F.allKinds + [F.shared], contact: F.contact(), minutes: minutes)
        // then about one question per three minutes, with rapport first
        #expect(plan.minutes == minutes)
        #expect(plan.questions.count == count)
        #expect(plan.questions.first?.kind == .rapport)
        #expect(Set(plan.questions.map(\.id)).count == plan.questions.count)
    }

    @Test("a 15-minute plan: rapport, the most important research, something to share, advice for the level, who else to talk to")
    func fifteenMinutes() {
        // given rich research and a mid-level contact
        // when planning 15 minutes
        let plan = QuestionPlanner.plan(findings: F.allKinds + [F.shared], contact: F.contact(), minutes: 15)
        // then the sections come in the method's order, ending with the referral question (issue 14: TIARA)
        #expect(plan.questions.map(\.kind) == [.rapport, .research, .share, .career, .closing])
        #expect(plan.questions[0].id == "rapport.started")
        #expect(plan.questions[1].findingID == F.competitor.id)
        #expect(plan.questions[3].id == "mid.skills_next")
        #expect(plan.questions[4].id == "resources.who_else")
    }

    @Test("a 30-minute plan covers more research and career ground, rapport still first")
    func thirtyMinutes() {
        // given rich research
        // when planning 30 minutes
        let plan = QuestionPlanner.plan(findings: F.allKinds + [F.shared], contact: F.contact(), minutes: 30)
        let kinds = plan.questions.map(\.kind)
        // then three rapport questions open and research dominates
        #expect(Array(kinds.prefix(3)) == [.rapport, .rapport, .rapport])
        #expect(kinds.filter { $0 == .research }.count == 3)
        #expect(kinds.filter { $0 == .career }.count == 2)
        #expect(kinds.contains(.share))
        #expect(!kinds.contains(.strategy))
    }

    @Test("senior and executive contacts get strategy right after one rapport opener", arguments: [Seniority.senior, .executive])
    func seniorGetsStrategy(seniority: Seniority) {
        // given a senior contact
        // when planning
        let plan = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(seniority: seniority), minutes: 20)
        // then strategy follows the opener
        #expect(plan.questions[0].kind == .rapport)
        #expect(plan.questions[1].kind == .strategy)
        #expect(plan.questions[1].id == "strategy.direction")
        // and a junior contact gets none
        let junior = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(seniority: .junior), minutes: 20)
        #expect(!junior.questions.contains { $0.kind == .strategy })
        #expect(junior.questions[1].kind == .rapport)
    }

    @Test("seniority changes which research comes first")
    func seniorityChangesResearchOrder() {
        // given the same findings
        // when planning for a mid and an executive contact
        let mid = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(seniority: .mid), minutes: 30)
        let exec = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(seniority: .executive), minutes: 30)
        // then mid starts research with competitors, the executive with the trend
        #expect(mid.questions.first { $0.kind == .research }?.findingID == F.competitor.id)
        #expect(exec.questions.first { $0.kind == .research }?.findingID == F.trend.id)
    }

    @Test("a focus area puts matching findings first")
    func focusArea() {
        // given a contact focused on technology, and another on driver shortages
        let tech = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(focusArea: "technology"), minutes: 15)
        let drivers = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(focusArea: "drivers and last-mile"), minutes: 15)
        let none = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(), minutes: 15)
        // then the matching finding is the first research question
        #expect(tech.questions.first { $0.kind == .research }?.findingID == F.innovation.id)
        #expect(drivers.questions.first { $0.kind == .research }?.findingID == F.challenge.id)
        #expect(none.questions.first { $0.kind == .research }?.findingID == F.competitor.id)
    }

    @Test("focus matching uses statement words and kind keywords")
    func focusMatch() {
        // given findings and focus areas
        // then words, plurals and kind keywords match; unrelated focus does not
        #expect(FocusMatch.matches(F.challenge, focusArea: "driver"))
        #expect(FocusMatch.matches(F.salary, focusArea: "Compensation"))
        #expect(FocusMatch.matches(F.innovation, focusArea: "tech"))
        #expect(!FocusMatch.matches(F.culture, focusArea: "customs law"))
        #expect(!FocusMatch.matches(F.culture, focusArea: nil))
    }

    @Test("shared findings appear as things to offer, not as questions")
    func sharedFindings() throws {
        // given a finding marked to share
        // when planning
        let plan = QuestionPlanner.plan(findings: F.allKinds + [F.shared], contact: F.contact(), minutes: 15)
        // then it is a share item in the explorer's own words, with its source
        let item = try #require(plan.questions.first { $0.kind == .share })
        #expect(item.findingID == F.shared.id)
        #expect(item.text == "Something I came across that may interest you: A new EU rule will require emissions reporting for freight from 2026. (Source: Logistics Weekly, 2025.)")
        #expect(plan.questions.filter { $0.findingID == F.shared.id }.count == 1)
    }

    @Test("thin research still fills the plan with rapport and career questions")
    func thinResearch() {
        // given no findings
        // when planning 30 minutes
        let plan = QuestionPlanner.plan(findings: [], contact: F.contact(), minutes: 30)
        // then every slot is filled with general questions
        #expect(plan.questions.count == 10)
        #expect(plan.questions.filter { $0.kind == .career }.count == 6)
        #expect(plan.questions.filter { $0.kind == .rapport }.count == 3)
        #expect(plan.questions.last?.id == "resources.who_else")
        #expect(plan.questions.allSatisfy { $0.findingID == nil })
    }

    @Test("no planned question asks for a job")
    func noJobRequests() {
        // given every plan shape
        for seniority in Seniority.allCases {
            let plan = QuestionPlanner.plan(findings: F.allKinds + [F.shared], contact: F.contact(seniority: seniority), minutes: 30)
            // then the detector finds nothing
            #expect(plan.jobRequestWarnings.isEmpty)
        }
        let all = QuestionPlanner.rapportQuestions + QuestionPlanner.strategyQuestions + QuestionPlanner.careerQuestions
            + QuestionPlanner.executiveQuestions + QuestionPlanner.juniorQuestions + QuestionPlanner.midQuestions
            + [QuestionPlanner.executiveOpener, QuestionPlanner.trendsQuestion, QuestionPlanner.insightsQuestion, QuestionPlanner.whoElseQuestion,
               QuestionPlanner.readingQuestion, QuestionPlanner.assignmentQuestion, QuestionPlanner.competitivenessQuestion(background: "ten years in retail management")]
        #expect(all.allSatisfy { !JobRequestDetector.containsJobRequest($0.text) })
    }
}

@Suite("Question plan edits")
struct QuestionPlanEditTests {
    typealias F = InterviewFixtures
    static let plan = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(), minutes: 15)

    @Test("move reorders without changing the original")
    func move() throws {
        // given a plan
        let original = Self.plan
        // when moving the last question to the top
        let moved = try original.move(from: 4, to: 0)
        // then it is first and the original is untouched
        #expect(moved.questions[0] == original.questions[4])
        #expect(moved.questions[1] == original.questions[0])
        #expect(moved.questions.count == original.questions.count)
        #expect(original == Self.plan)
    }

    @Test("move outside the plan names the field")
    func moveOutOfRange() {
        // given a five-question plan
        // when moving from position 9
        // then 'from' is named
        #expect(throws: ValidationErrors([ValidationError(field: "from", reason: "No question at position 9; the plan has 5.")])) {
            try Self.plan.move(from: 9, to: 0)
        }
    }

    @Test("replace, add and remove")
    func editText() throws {
        // given a plan
        // when rewording, adding a custom question and removing another
        let reworded = try Self.plan.replace(questionID: "rapport.started", text: "  How did you end up in freight?  ")
        let added = try reworded.add(text: "What would you read first?", kind: .research, at: 1, id: "custom.reading")
        let removed = try added.remove(questionID: "mid.skills_next")
        // then each change is there
        #expect(removed.questions[0].text == "How did you end up in freight?")
        #expect(removed.questions[1] == PlannedQuestion(id: "custom.reading", kind: .research, text: "What would you read first?"))
        #expect(!removed.questions.contains { $0.id == "mid.skills_next" })
        #expect(removed.questions.count == Self.plan.questions.count)
        #expect(removed.estimatedMinutes == 15)
    }

    @Test("invalid edits are refused with the field named")
    func invalidEdits() {
        // given a plan
        // then an unknown id, empty text, a duplicate id and a bad index are refused
        #expect(throws: ValidationErrors.self) { try Self.plan.remove(questionID: "nope") }
        #expect(throws: ValidationErrors([ValidationError(field: "text", reason: "Must not be empty.")])) {
            try Self.plan.replace(questionID: "rapport.started", text: " ")
        }
        #expect(throws: ValidationErrors([ValidationError(field: "id", reason: "The plan already has a question with id rapport.started.")])) {
            try Self.plan.add(text: "Again?", kind: .rapport, id: "rapport.started")
        }
        #expect(throws: ValidationErrors([ValidationError(field: "index", reason: "Must be between 0 and 5.")])) {
            try Self.plan.add(text: "Later?", kind: .career, at: 6, id: "custom.x")
        }
    }

    @Test("a custom question asking for a job shows a warning")
    func customJobRequest() throws {
        // given a plan with a job request added
        let plan = try Self.plan.add(text: "Are you hiring?", kind: .career, id: "custom.bad")
        // then the plan warns
        #expect(plan.jobRequestWarnings.map(\.code) == [.asksForJob])
    }
}
