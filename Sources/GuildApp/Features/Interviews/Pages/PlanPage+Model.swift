// What the plan page shows: the questions in order with their move buttons, the add form and the planner's rules.
import Foundation
import GuildCore

extension PlanPage {
    struct Model: Encodable {
        struct Row: Encodable {
            var index: Int; var question: PlanQuestionDTO; var first: Bool; var last: Bool; var up: Int; var down: Int
            /// What the question is for, in words ("Trends: where the field is heading.").
            var purpose: String
        }
        var interview: InterviewDTO
        var plan: PlanDTO
        var rows: [Row]
        var kinds: [InterviewPageForm.Option]
        var rules: [String]

        init(interview i: InterviewRecord, plan: PlanDTO) {
            interview = InterviewDTO(i, target: i.target, contact: i.contact)
            self.plan = plan
            rows = plan.questions.enumerated().map {
                Row(index: $0.offset, question: $0.element, first: $0.offset == 0, last: $0.offset == plan.questions.count - 1,
                    up: $0.offset - 1, down: $0.offset + 1, purpose: $0.element.tiara.purpose)
            }
            kinds = InterviewPageForm.questionKinds
            rules = QuestionPlanner.rules
        }
    }
}
