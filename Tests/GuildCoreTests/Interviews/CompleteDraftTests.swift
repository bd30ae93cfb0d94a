// The request and the thank-you hold every element of a good one, and pass the checks they are held to.
import Foundation
import Testing
@testable import GuildCore

@Suite("Complete drafts")
struct CompleteDraftTests {
    typealias F = InterviewFixtures

    @Test("the request acknowledges the time, offers phone, video and in person, invites the contact's own time, and closes", arguments: [true, false])
    func requestElements(referred: Bool) {
        // given a contact, referred or not, and rich research
        let contact = F.contact(referredBy: referred ? "Lena Fischer" : nil)
        // when drafting the email
        let draft = RequestDraft.email(explorer: F.explorer, contact: contact, target: F.target, findings: F.allKinds, minutes: 20)
        let body = draft.body
        // then every element is there
        #expect(body.contains("I know your time is precious"))
        #expect(body.contains("by phone, video or in person over coffee"))
        #expect(body.contains("I am available weekdays after 1 pm."))
        #expect(body.contains("Or name a time that suits you."))
        #expect(body.contains("Thank you; I look forward to your reply."))
        #expect(body.contains("Near-shoring"), "the research still fits")
        #expect(body.hasSuffix("Jonas Weber\naccountant moving into logistics planning\nhttps://guild.example/u/jonas"))
        // and the draft passes its own checks, the job-ask check among them
        #expect(draft.warnings.isEmpty, "\(draft.warnings)")
        #expect(!JobRequestDetector.containsJobRequest(body, organisation: contact.organisation))
    }

    @Test("the thank-you names the contact's work, how it bears on the explorer's choice, what they shared, and signs with the profile link")
    func thankYouElements() {
        // given notes from a conversation with what the explorer shared in their own words
        let note = ThankYouDraft.make(
            contactName: "Amara Okafor", explorerName: "Jonas Weber", heldAt: F.date(2025, 12, 2, 14, 0),
            notes: [QuestionNote(question: "How did you first get into this work?", answer: "Started as a night-shift planner at a port")],
            mostInteresting: "how you plan capacity across three countries", adviceToAct: "take the APICS planning course",
            contactTitle: "Operations Manager", contactOrganisation: "Northwind Freight", topic: "logistics",
            whatIShared: "the Logistics Weekly piece on emissions reporting", profileURL: "https://guild.example/u/jonas")
        let body = note.body
        // then each element is there, in the explorer's own words where they wrote some
        #expect(body.contains("about your work as Operations Manager at Northwind Freight"))
        #expect(body.contains("It has made logistics much more concrete for me as I decide where to take my own career."))
        #expect(body.contains("I hope what I shared in return is useful to you: the Logistics Weekly piece on emissions reporting."))
        #expect(body.contains("What interested me most was how you plan capacity across three countries."))
        #expect(body.contains("I will act on your advice: take the APICS planning course."))
        #expect(body.hasSuffix("Best regards,\nJonas Weber\nhttps://guild.example/u/jonas"))
        // and it passes the job-ask check it is held to
        #expect(DraftCheck.check(kind: .thankYou, subject: note.subject, body: body, organisation: "Northwind Freight").isEmpty)
    }

    @Test("a thank-you or follow-up that asks for a job is warned about; the request rules do not apply to it")
    func thankYouAndFollowUpAreChecked() {
        let thanks = "Dear Amara,\n\nThank you so much for your time. I've attached my CV in case a role comes up.\n\nBest,\nJonas"
        let codes = DraftCheck.check(kind: .thankYou, subject: "Thank you", body: thanks).map(\.code)
        #expect(codes == [.asksForJob])
        let followUp = "Dear Amara, just following up: is your team hiring this spring?"
        #expect(DraftCheck.check(kind: .followUp, subject: "Following up", body: followUp, organisation: "Northwind Freight").map(\.code) == [.asksForJob])
        #expect(DraftCheck.check(kind: .followUp, subject: "Following up", body: "Dear Amara, I took the course you suggested. Thank you!").isEmpty)
    }
}
