// What an interview's page shows: its stage and the stages it may move to, the request draft for the chosen
// channel, the explorer's own draft with its check, and the 3B7 step when one is due.
import Foundation
import GuildCore

extension InterviewPage {
    struct Model: Encodable {
        struct Tab: Encodable { var value: String; var label: String; var active: Bool }
        /// A draft the explorer sent to the check: what they typed, the warnings, or why it was refused.
        struct Check { var subject: String; var body: String; var warnings: [DraftWarning]; var errors: [String: String] }

        var interview: InterviewDTO
        var stageLabel: String
        var stageDescription: String
        var nextStages: [InterviewPageForm.Option]
        var contact: ContactDTO
        var draft: RequestDTO
        var tabs: [Tab]
        var checked: Bool
        var checkSubject: String
        var checkBody: String
        var checkWarnings: [DraftWarning]
        @EmptyAsNull var errors: [String: String]
        var followUp: FollowUpDTO?
        var onPlatform: Bool
        var rules: [String]
        var scheduledLocal: String
        /// When the conversation is, said in words by `#when`, and the zone the form's times are read in.
        var scheduled: Date?
        var zoneName: String

        init(interview i: InterviewRecord, draft: RequestDTO, channel: ContactChannel, check: Check?, followUp: FollowUpDTO?, zone: TimeZone) {
            interview = InterviewDTO(i, target: i.target, contact: i.contact)
            stageLabel = InterviewPageForm.label(i.stage)
            stageDescription = i.interviewStage.description
            nextStages = i.interviewStage.allowedNextStages.map { InterviewPageForm.Option(value: $0.rawValue, label: InterviewPageForm.label($0.rawValue)) }
            contact = ContactDTO(i.contact, status: i.interviewStage)
            self.draft = draft
            tabs = InterviewPageForm.channels.map { Tab(value: $0.value, label: $0.label == "Phone" ? "Phone script" : $0.label, active: $0.value == channel.rawValue) }
            checked = check != nil
            checkSubject = check?.subject ?? draft.subject
            checkBody = check?.body ?? draft.body
            checkWarnings = check?.warnings ?? draft.warnings
            errors = check?.errors ?? [:]
            self.followUp = followUp
            onPlatform = i.contact.memberID != nil
            rules = FollowUpPolicy.threeBSeven.descriptions
            // The value of a datetime-local field, in the member's own time zone (the form reads it back the same way).
            scheduledLocal = i.scheduledAt.map { MeetingTime.formValue($0, in: zone) } ?? ""
            scheduled = i.scheduledAt
            zoneName = zone.identifier
        }
    }
}
