// What a contact's page shows: the contact and its status, who referred whom, the targets it is linked to,
// the edit and referral forms, and the conversation lengths the "plan an interview" form offers.
import Foundation
import GuildCore

extension ContactPage {
    struct Model: Encodable {
        struct LinkedTarget: Encodable { var id: UUID; var name: String; var linked: Bool }
        var contact: ContactDTO
        var linkedTargets: [LinkedTarget]
        var statusLabel: String
        var chain: ChainDTO
        var targets: [TargetDTO]
        var seniorities: [InterviewPageForm.Option]
        var channels: [InterviewPageForm.Option]
        var length: InterviewPageForm.Length
        var limits = InterviewPageForm.Limits.current
        var values: [String: String]
        @EmptyAsNull var errors: [String: String]
        var referralValues: [String: String]
        var referralErrors: [String: String]

        init(contact c: ContactRecord, status: InterviewStage, chain: ChainDTO, targets: [TargetDTO], values: [String: String],
             errors: [String: String], referralValues: [String: String], referralErrors: [String: String]) {
            contact = ContactDTO(c, status: status)
            linkedTargets = targets.map { LinkedTarget(id: $0.id, name: $0.name, linked: c.targetIDs.contains($0.id.uuidString)) }
            statusLabel = status.label
            self.chain = chain
            self.targets = targets
            seniorities = InterviewPageForm.seniorities
            channels = InterviewPageForm.channels
            length = .current
            self.values = values
            self.errors = errors
            self.referralValues = referralValues
            self.referralErrors = referralErrors
        }
    }
}
