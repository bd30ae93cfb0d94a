// What a research target's page shows: the target with its readiness, its findings, the sources contacts
// recommended, and the finding form.
import Foundation
import GuildCore

extension TargetPage {
    struct Model: Encodable {
        var target: TargetDTO
        struct Row: Encodable { var finding: FindingDTO; var recorded: Date }
        var findings: [Row]
        /// What contacts recommended reading, following or joining; the unread first.
        struct SourceRow: Encodable { var source: SourceDTO; var added: Date; var read: Bool }
        var sources: [SourceRow]
        var kinds: [InterviewPageForm.Option]
        var policy: [String]
        /// The LAMP scale's choices (0–3) with words for each end.
        var scale: [Scale]
        struct Scale: Encodable { var value: Int; var label: String }
        var limits = InterviewPageForm.Limits.current
        var values: [String: String]
        var share: Bool
        @EmptyAsNull var errors: [String: String]

        init(target: TargetDTO, findings: [FindingRecord], sources: [ResearchSourceRecord] = [], values: [String: String], share: Bool, errors: [String: String]) {
            self.target = target
            self.findings = findings.map { Row(finding: FindingDTO($0), recorded: $0.recordedAt) }
            self.sources = sources.map { SourceRow(source: SourceDTO($0), added: $0.addedAt, read: $0.readAt != nil) }
            kinds = InterviewPageForm.findingKinds
            policy = ReadinessPolicy.standard.descriptions
            scale = LampList.scale.map { Scale(value: $0, label: $0 == LampList.scale.lowerBound ? "\($0) (none)" : $0 == LampList.scale.upperBound ? "\($0) (most)" : "\($0)") }
            self.values = values
            self.share = share
            self.errors = errors
        }
    }
}
