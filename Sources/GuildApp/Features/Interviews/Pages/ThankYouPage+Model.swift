// What the thank-you page shows: the note (or why there is none yet), a mail link, and whether it can be marked sent.
import Foundation
import GuildCore

extension ThankYouPage {
    struct Model: Encodable {
        var interview: InterviewDTO
        var note: ThankYouDTO?
        var problem: String?
        var mailto: String?
        var canMarkThanked: Bool
        /// When the note is due, said in words in the member's time zone by `#when`.
        var due: Date?

        init(interview i: InterviewRecord, note: ThankYouDTO?, problem: String?) {
            interview = InterviewDTO(i, target: i.target, contact: i.contact)
            self.note = note
            self.problem = problem
            mailto = note.flatMap { n in i.contact.email.map { MailtoLink.make(to: [$0], subject: n.subject, body: n.body) } }
            canMarkThanked = i.interviewStage == .held
            due = i.heldAt.map { $0.addingTimeInterval(ThankYouDraft.dueAfter) }
        }
    }
}
