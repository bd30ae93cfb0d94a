// What the contacts list shows: each contact with its status in words, and the new-contact form.
import Foundation
import GuildCore

extension ContactsPage {
    struct Model: Encodable {
        struct Row: Encodable { var contact: ContactDTO; var statusLabel: String }
        var contacts: [Row]
        var seniorities: [InterviewPageForm.Option]
        var channels: [InterviewPageForm.Option]
        var limits = InterviewPageForm.Limits.current
        var values: [String: String]
        @EmptyAsNull var errors: [String: String]

        init(contacts: [ContactRecord], statuses: [UUID: InterviewStage], values: [String: String], errors: [String: String]) {
            self.contacts = contacts.map { c in
                let s = statuses[c.id!] ?? .toContact
                return Row(contact: ContactDTO(c, status: s), statusLabel: s.label)
            }
            seniorities = InterviewPageForm.seniorities
            channels = InterviewPageForm.channels
            self.values = values
            self.errors = errors
        }
    }
}
