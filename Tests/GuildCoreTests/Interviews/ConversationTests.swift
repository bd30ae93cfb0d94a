// Tests for the conversation timer, the thank-you note and its reminder, and on-platform replies.
import Foundation
import Testing
@testable import GuildCore

@Suite("Conversation clock")
struct ConversationClockTests {
    static let start = InterviewFixtures.date(2025, 12, 2, 14, 0)

    @Test("phases across a 20-minute conversation")
    func phases() {
        // given a conversation that started at 14:00 for 20 minutes
        func phase(_ secondsIn: TimeInterval) -> ConversationPhase {
            ConversationClock.phase(startedAt: Self.start, minutes: 20, now: Self.start.addingTimeInterval(secondsIn))
        }
        // then it runs, wraps up in the last three minutes, and then is overtime
        #expect(phase(-60) == .notStarted)
        #expect(ConversationClock.phase(startedAt: nil, minutes: 20, now: Self.start) == .notStarted)
        #expect(phase(0) == .running(remaining: 1200))
        #expect(phase(16 * 60 + 59) == .running(remaining: 181))
        #expect(phase(17 * 60) == .wrapUp(remaining: 180))
        #expect(phase(19 * 60 + 30) == .wrapUp(remaining: 30))
        #expect(phase(20 * 60) == .overtime(over: 0))
        #expect(phase(22 * 60) == .overtime(over: 120))
    }

    @Test("wrap-up offers to end on time; overtime says stay only if invited")
    func messages() throws {
        // given the wrap-up and overtime phases
        let wrap = try #require(ConversationPhase.wrapUp(remaining: 150).message)
        let over = try #require(ConversationPhase.overtime(over: 10).message)
        // then the advice is there
        #expect(wrap.hasPrefix("About 3 minutes left."))
        #expect(wrap.contains("end on time"))
        #expect(over.contains("only stay longer if they invite you"))
        #expect(ConversationPhase.running(remaining: 600).message == nil)
    }
}

@Suite("Thank-you note")
struct ThankYouTests {
    static let held = InterviewFixtures.date(2025, 12, 2, 14, 0)
    static let notes = [
        QuestionNote(question: "How did you first get into this work, and what drew you to it?", answer: "Started as a night-shift planner at a port"),
        QuestionNote(question: "According to my research, one trend stands out: near-shoring. Is it affecting your work?", answer: "Yes, two new warehouses in Poland this year"),
        QuestionNote(question: "What do you wish you had known?", answer: "  "),
    ]

    @Test("the note names specific things from the conversation and is due in 24 hours")
    func namesSpecifics() {
        // given notes, a highlight and advice to act on
        // when drafting
        let note = ThankYouDraft.make(
            contactName: "Amara Okafor", explorerName: "Jonas Weber", heldAt: Self.held, notes: Self.notes,
            mostInteresting: "how you plan capacity across three countries", adviceToAct: "take the APICS planning course before applying anywhere"
        )
        // then
        #expect(note.dueAt == Self.held.addingTimeInterval(24 * 3600))
        #expect(note.subject == "Thank you for our conversation")
        #expect(note.body.hasPrefix("Dear Amara Okafor,"))
        #expect(note.body.contains("What interested me most was how you plan capacity across three countries."))
        #expect(note.body.contains("I will act on your advice: take the APICS planning course before applying anywhere."))
        #expect(note.body.contains("Started as a night-shift planner at a port"))
        #expect(!note.body.contains("two new warehouses"), "with a highlight, one note answer is enough")
        #expect(note.body.hasSuffix("Best regards,\nJonas Weber"))
    }

    @Test("without a highlight two answers from the notes are named, empty ones skipped")
    func fromNotesOnly() {
        // given notes only
        // when drafting
        let note = ThankYouDraft.make(contactName: "Amara", explorerName: "Jonas", heldAt: Self.held, notes: Self.notes)
        // then both answered notes are named by topic
        #expect(note.body.contains("your answer on \"How did you first get into this work, and what drew you to it\": Started as a night-shift planner at a port."))
        #expect(note.body.contains("your answer on \"one trend stands out: near-shoring\": Yes, two new warehouses in Poland this year."))
        #expect(!note.body.contains("What do you wish"))
    }

    @Test("the reminder is due within 24 hours and overdue after")
    func reminder() {
        // given a conversation at 14:00
        // then before it nothing is due; during the day it is due; after 24 hours overdue
        #expect(ThankYouDraft.reminder(heldAt: Self.held, now: Self.held.addingTimeInterval(-10)) == .notYet)
        #expect(ThankYouDraft.reminder(heldAt: Self.held, now: Self.held.addingTimeInterval(3600)) == .due(remaining: 23 * 3600))
        #expect(ThankYouDraft.reminder(heldAt: Self.held, now: Self.held.addingTimeInterval(24 * 3600)) == .due(remaining: 0))
        let late = ThankYouDraft.reminder(heldAt: Self.held, now: Self.held.addingTimeInterval(25 * 3600))
        #expect(late == .overdue(by: 3600))
        #expect(late.message.contains("overdue"))
        #expect(ThankYouReminder.due(remaining: 5400).message.contains("next 2 hours"))
    }
}

@Suite("Platform replies")
struct PlatformReplyTests {
    @Test("a decline is polite, gives the reason and a suggestion")
    func decline() {
        // given a practitioner declining with a reason and a suggestion
        // when writing the reply
        let reply = PlatformReply.decline(explorerName: "Jonas", practitionerName: "Amara Okafor", topic: "freight planning",
                                          reason: .tooBusy, suggestion: "Tomasz Nowak, who plans our Polish sites")
        // then it thanks, explains, points on and never blames
        #expect(reply.body.hasPrefix("Hello Jonas,\n\nThank you for asking to talk about freight planning"))
        #expect(reply.body.contains(DeclineReason.tooBusy.sentence))
        #expect(reply.body.contains("contact Tomasz Nowak, who plans our Polish sites instead."))
        #expect(reply.body.hasSuffix("Best regards,\nAmara Okafor"))
        // and without options it stays short
        let plain = PlatformReply.decline(explorerName: "Jonas", practitionerName: "Amara", topic: "freight")
        #expect(!plain.body.contains("instead"))
        #expect(plain.body.components(separatedBy: "\n\n").count == 4)
    }

    @Test("an acceptance summarises who, when, how long, where and what")
    func acceptance() {
        // given an accepted request
        let when = InterviewFixtures.date(2025, 12, 2, 13, 0)
        // when summarising
        let reply = PlatformReply.acceptance(explorerName: "Jonas", practitionerName: "Amara", minutes: 20, scheduledAt: when,
                                             timeZone: InterviewFixtures.paris, place: "Video call", topics: ["near-shoring", "planner career path"])
        // then every detail is there, in the reader's zone
        #expect(reply.subject == "Conversation agreed: Amara and Jonas")
        #expect(reply.body == """
        Amara agreed to a 20-minute conversation with Jonas.
        When: Tuesday 2 December 2025, 14:00 (Europe/Paris).
        Where: Video call.
        Topics: near-shoring; planner career path.
        Jonas will keep to the 20 minutes and send a short thank-you afterwards.
        """)
    }
}
