// What the conversation page shows: the agenda with notes, the findings to test, and the timer's settings
// (wrap-up time and messages from the core's clock).
import Foundation
import GuildCore

extension ConversationPage {
    struct Model: Encodable {
        struct Row: Encodable { var number: Int; var question: PlannedQuestion; var note: String }
        struct FindingRow: Encodable { var finding: FindingDTO; var confirmed: Bool; var refined: Bool; var refuted: Bool }
        var interview: InterviewDTO
        var rows: [Row]
        var findings: [FindingRow]
        var speed: Int
        var wrapUpSeconds: Int
        var wrapUpMessage: String
        var overtimeMessage: String
        var canFinish: Bool
        /// Seconds already elapsed when the page was drawn (a started conversation resumes after a reload).
        var elapsedSeconds: Int?
        /// The referral form under "who else should I talk to?".
        var seniorities = InterviewPageForm.seniorities
        /// The research-source form under "what should I read?": the note under that question fills the title, and
        /// the sources already added from this conversation are listed.
        var sources: [SourceDTO]
        var readingNote: String
        var sourceKinds = SourceKind.allCases.map { InterviewPageForm.Option(value: $0.rawValue, label: $0.label) }
        var sourceLimits = SourceLimits()
        struct SourceLimits: Encodable {
            var title = ResearchSource.titleCharacters, link = ResearchSource.linkCharacters, note = ResearchSource.noteCharacters
        }
        var limits = InterviewPageForm.Limits.current

        init(interview i: InterviewRecord, plan: QuestionPlan, findings: [FindingRecord], sources: [ResearchSourceRecord] = [], speed: Int, now: Date) {
            interview = InterviewDTO(i, target: i.target, contact: i.contact)
            rows = plan.questions.enumerated().map { Row(number: $0.offset + 1, question: $0.element, note: i.notes[$0.element.id] ?? "") }
            self.findings = findings.map {
                FindingRow(finding: FindingDTO($0), confirmed: $0.verdict == "confirmed", refined: $0.verdict == "refined", refuted: $0.verdict == "refuted")
            }
            self.speed = speed
            self.sources = sources.map(SourceDTO.init)
            let reading = (i.notes[QuestionPlanner.readingQuestion.id] ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            readingNote = sources.contains { $0.title == reading } ? "" : String(reading.prefix(ResearchSource.titleCharacters))
            wrapUpSeconds = Int(ConversationClock.wrapUpSeconds)
            wrapUpMessage = ConversationPhase.wrapUp(remaining: ConversationClock.wrapUpSeconds).message ?? ""
            overtimeMessage = ConversationPhase.overtime(over: 1).message ?? ""
            canFinish = i.interviewStage == .scheduled
            elapsedSeconds = i.startedAt.map { Int(max(0, (i.heldAt ?? now).timeIntervalSince($0))) }
        }
    }
}
