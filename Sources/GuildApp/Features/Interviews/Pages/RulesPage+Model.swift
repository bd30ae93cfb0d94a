// What the rules page shows: the job-ask check (what it reads, each rule with examples flagged and left alone),
// the request checks, the conversation length, the planner and the follow-up rule, all from the core.
import Foundation
import GuildCore

extension RulesPage {
    struct Model: Encodable {
        struct Rule: Encodable { var code: String; var description: String; var flagged: [String]; var notFlagged: [String] }
        var why = JobRequestDetector.why
        var method = JobRequestDetector.method
        var jobAskRules = JobRequestDetector.rules.map { Rule(code: $0.code, description: $0.description, flagged: $0.flagged, notFlagged: $0.notFlagged) }
        var draftRules = DraftWarningCode.allCases.map(\.rule)
        var length = InterviewLength.rule
        var planRules = QuestionPlanner.rules
        var followUpRules = FollowUpPolicy.threeBSeven.descriptions
        /// What every request holds, on every channel (email, phone script, letter).
        var requestElements = RequestElement.allCases.map(\.rule)
        /// The follow-up weeks after the conversation.
        var afterRules = FollowUpDraft.rules
        var lampRules = LampList.rules
    }
}
