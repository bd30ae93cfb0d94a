// What a research target's page shows: the target with its readiness, its findings and the finding form.
import Foundation
import GuildCore

extension TargetPage {
    struct Model: Encodable {
        var target: TargetDTO
        struct Row: Encodable { var finding: FindingDTO; var recorded: Date }
        var findings: [Row]
        var kinds: [InterviewPageForm.Option]
        var policy: [String]
        var limits = InterviewPageForm.Limits.current
        var values: [String: String]
        var share: Bool
        @EmptyAsNull var errors: [String: String]

        init(target t: ResearchTargetRecord, findings: [FindingRecord], values: [String: String], share: Bool, errors: [String: String]) {
            target = TargetDTO(id: t.id!, kind: t.kind, name: t.name, findingCount: findings.count,
                               readiness: ResearchReadiness.assess(findings: findings.map(\.core)))
            self.findings = findings.map { Row(finding: FindingDTO($0), recorded: $0.recordedAt) }
            kinds = InterviewPageForm.findingKinds
            policy = ReadinessPolicy.standard.descriptions
            self.values = values
            self.share = share
            self.errors = errors
        }
    }
}
