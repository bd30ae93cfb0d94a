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

@Suite("Complete drafts on every channel")
struct EveryChannelDraftTests {
    typealias F = InterviewFixtures

    @Test("the email, the phone script and the letter hold every element of the request, from the same rules", arguments: ContactChannel.allCases)
    func everyChannelHoldsEveryElement(channel: ContactChannel) {
        // given a contact who prefers this channel
        let contact = F.contact(channel: channel, referredBy: "Lena Fischer")
        // when drafting the request
        let draft = RequestDraft.make(explorer: F.explorer, contact: contact, target: F.target, findings: F.allKinds, minutes: 20)
        // then no element is missing, and the draft passes its own checks, the job-ask check among them
        #expect(RequestAsk.missing(in: draft.body).isEmpty, "\(channel): missing \(RequestAsk.missing(in: draft.body).map(\.rule))")
        #expect(draft.body.contains("by phone, video or in person over coffee"))
        #expect(draft.body.contains("Or name a time that suits you."))
        #expect(draft.body.contains("I look forward to"))
        #expect(draft.warnings.isEmpty, "\(draft.warnings)")
    }

    @Test("the element check finds what a thin request leaves out")
    func missingElementsAreNamed() {
        let thin = "Dear Amara, could we talk for 20 minutes by video? I am available on Tuesdays. Best, Jonas"
        #expect(RequestAsk.missing(in: thin) == [.acknowledgesTime, .offersPhone, .offersInPerson, .invitesTheirTime, .closes])
        #expect(RequestAsk.missing(in: "Hello") == RequestElement.allCases)
    }

    @Test("the follow-up reports the advice, what was done, the reading and the people, asks for nothing, and passes the job-ask check")
    func followUpElements() {
        let held = F.date(2026, 3, 2, 14, 0)
        let note = FollowUpDraft.make(
            contactName: "Amara Okafor", explorerName: "Jonas Weber", heldAt: held, topic: "logistics",
            adviceToAct: "take the APICS planning course", whatIDid: "i enrolled and passed the first module last week",
            sourcesRead: ["The Loadstar", "Supply Chain Dive"],
            referrals: [FollowedReferral(name: "Kim Park", organisation: "Cobalt Freight", progress: .spokeWith),
                        FollowedReferral(name: "Lee Cho", organisation: "", progress: .wroteTo)],
            profileURL: "https://guild.example/u/jonas")
        #expect(note.body.hasPrefix("Dear Amara Okafor,\n\nA few weeks ago you kindly talked with me about logistics"))
        #expect(note.body.contains("You advised me: take the APICS planning course. I enrolled and passed the first module last week."))
        #expect(note.body.contains("I read The Loadstar and Supply Chain Dive, as you suggested."))
        #expect(note.body.contains("I also talked with Kim Park at Cobalt Freight on your suggestion"))
        #expect(note.body.contains("I have written to Lee Cho, as you suggested."))
        #expect(note.body.contains("No need to reply"))
        #expect(note.body.hasSuffix("Best regards,\nJonas Weber\nhttps://guild.example/u/jonas"))
        #expect(note.sendFrom == held.addingTimeInterval(21 * 86_400) && note.hints.isEmpty)
        #expect(DraftCheck.check(kind: .followUp, subject: note.subject, body: note.body, organisation: "Northwind Freight").isEmpty)
        // without the explorer's account, the note says what would make it worth sending
        let bare = FollowUpDraft.make(contactName: "Amara", explorerName: "Jonas", heldAt: held, topic: nil, adviceToAct: nil, whatIDid: "  ")
        #expect(bare.hints.count == 2 && !bare.body.contains("You advised me"))
    }

    @Test("a research source needs a title; its address, when given, is a web address")
    func researchSourceValidation() throws {
        let ok = try ResearchSource.validate(title: " Just Enough Research ", link: " https://example.org/book ", note: "")
        #expect(ok.title == "Just Enough Research")
        #expect(ok.link == "https://example.org/book" && ok.note == nil)
        for (title, link, field) in [("", "https://example.org", "title"), ("A book", "javascript:alert(1)", "link"), ("A book", "example.org/x", "link"),
                                     ("Two\nlines", "", "title")] {
            do {
                _ = try ResearchSource.validate(title: title, link: link, note: nil)
                Issue.record("\(title) \(link) passed")
            } catch let e as ValidationErrors {
                #expect(e.errors.map(\.field) == [field])
            }
        }
    }
}
