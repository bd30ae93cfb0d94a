// What the follow-up page shows: the note (or why there is none yet), when it is worth sending, hints, the job-ask
// check, and the form for the explorer's own account of what they did.
import Foundation
import GuildCore

extension FollowUpPage {
    struct Model: Encodable {
        var interview: InterviewDTO
        var note: FollowUpNoteDTO?
        var problem: String?
        var whatIDid: String
        /// The first day worth sending it, said by `#day` in the member's time zone.
        var sendFrom: Date?
        var weeks = FollowUpDraft.sendAfterDays / 7
        var rules = FollowUpDraft.rules
        var maximum = InterviewLimits.summaryCharacters
        var canMarkSent: Bool

        init(interview i: InterviewRecord, note: FollowUpNoteDTO?, problem: String?, whatIDid: String) {
            interview = InterviewDTO(i, target: i.target, contact: i.contact)
            self.note = note
            self.problem = problem
            self.whatIDid = whatIDid
            sendFrom = i.heldAt.map { $0.addingTimeInterval(Double(FollowUpDraft.sendAfterDays) * 86_400) }
            canMarkSent = i.interviewStage == .thanked
        }
    }
}
