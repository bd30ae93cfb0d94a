// What the interviews board shows: targets, contacts in one column per stage, what is due, follow-ups and the interviews.
import Foundation
import GuildCore

extension DashboardPage {
    struct Model: Encodable {
        struct Column: Encodable { var stage: String; var label: String; var contacts: [ContactSummary] }
        struct Row: Encodable { var id: UUID; var contactName: String; var targetName: String; var stage: String; var stageLabel: String; var minutes: Int }
        var targets: [TargetDTO]
        var columns: [Column]
        var due: [DueItem]
        var followUps: [FollowUpDTO]
        var followUpRules: [String]
        var interviews: [Row]
        var incomingCount: Int
        var kinds: [InterviewPageForm.Option]
        var limits = InterviewPageForm.Limits.current
        var values: [String: String]
        @EmptyAsNull var errors: [String: String]

        init(dashboard: DashboardDTO, followUps: [FollowUpDTO], interviews: [InterviewRecord], incomingCount: Int,
             values: [String: String], errors: [String: String]) {
            targets = dashboard.targets
            columns = InterviewPageForm.stageLabels.map { Column(stage: $0.0, label: $0.1, contacts: dashboard.contactsByStatus[$0.0] ?? []) }
            due = dashboard.due
            self.followUps = followUps
            followUpRules = FollowUpPolicy.threeBSeven.descriptions
            self.interviews = interviews.map {
                Row(id: $0.id!, contactName: $0.contact.name, targetName: $0.target.name, stage: $0.stage,
                    stageLabel: InterviewPageForm.label($0.stage), minutes: $0.minutes)
            }
            self.incomingCount = incomingCount
            kinds = InterviewPageForm.targetKinds
            self.values = values
            self.errors = errors
        }
    }
}
