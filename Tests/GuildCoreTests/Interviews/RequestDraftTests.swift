// Tests for the request drafts on each channel and the draft checker's warnings.
import Foundation
import Testing
@testable import GuildCore

@Suite("Request drafts")
struct RequestDraftTests {
    typealias F = InterviewFixtures

    @Test("the email draft follows the method and passes its own checks")
    func emailDraft() throws {
        // given a referred contact preferring email and solid research
        let contact = F.contact(referredBy: "Lena Fischer")
        // when drafting
        let draft = RequestDraft.make(explorer: F.explorer, contact: contact, target: F.target, findings: F.allKinds, minutes: 20)
        // then it is an email within 50–125 words with no warnings
        #expect(draft.channel == .email)
        let words = InterviewText.wordCount(draft.body)
        #expect((50...125).contains(words), "words: \(words)\n\(draft.body)")
        #expect(draft.warnings.isEmpty, "\(draft.warnings)")
        // and the referral comes before anything else after the greeting
        let paragraphs = draft.body.components(separatedBy: "\n\n")
        #expect(paragraphs[0] == "Dear Amara Okafor,")
        #expect(paragraphs[1].hasPrefix("Lena Fischer suggested I get in touch with you."))
        // and it says who, why, research, the time, availability, and signs with the profile link
        #expect(draft.body.contains("I am Jonas Weber, accountant moving into logistics planning"))
        #expect(draft.body.contains("Operations Manager at Northwind Freight"))
        #expect(draft.body.contains("Near-shoring is moving warehouse capacity"))
        #expect(draft.body.contains("20 minutes"))
        #expect(draft.body.contains("I am available weekdays after 1 pm."))
        #expect(draft.body.hasSuffix("Jonas Weber\naccountant moving into logistics planning\nhttps://guild.example/u/jonas"))
        #expect(draft.subject == "Lena Fischer suggested I contact you")
        // and pay is not raised in a first message
        #expect(!draft.body.contains("32,000"))
    }

    @Test("without a referral the subject names the topic and the body starts with who you are")
    func emailWithoutReferral() {
        // given a contact nobody referred
        // when drafting
        let draft = RequestDraft.email(explorer: F.explorer, contact: F.contact(), target: F.target, findings: [F.trend], minutes: 15)
        // then
        #expect(draft.subject == "A 15-minute conversation about logistics?")
        #expect(draft.body.components(separatedBy: "\n\n")[1].hasPrefix("I am Jonas Weber"))
        #expect(draft.warnings.isEmpty, "\(draft.warnings)")
    }

    @Test("the email shortens itself to stay under 125 words")
    func longInputsAreShortened() {
        // given long findings and a long headline
        let long = String(repeating: "very detailed observation about regional freight markets ", count: 6)
        let findings = [F.finding(20, .trend, long), F.finding(21, .innovation, long), F.finding(22, .competitor, long)]
        let explorer = ExplorerProfile(name: "Jonas Weber", headline: String(repeating: "keen and curious ", count: 10), profileURL: "https://guild.example/u/jonas", availability: "weekdays after 1 pm")
        // when drafting
        let draft = RequestDraft.email(explorer: explorer, contact: F.contact(referredBy: "Lena Fischer"), target: F.target, findings: findings, minutes: 30)
        // then it still fits
        #expect(InterviewText.wordCount(draft.body) <= 125, "\(draft.body)")
        #expect(!draft.warnings.contains { $0.code == .tooLong })
    }

    @Test("focus-area findings are the ones mentioned")
    func focusFindingsMentioned() {
        // given a contact focused on technology
        let contact = F.contact(focusArea: "technology")
        // when drafting
        let draft = RequestDraft.email(explorer: F.explorer, contact: contact, target: F.target, findings: F.allKinds, minutes: 20)
        // then the technology finding is named first
        #expect(draft.body.contains("for example: Warehouses are piloting AI technology"))
    }

    @Test("a phone contact gets a call script with what to say if the answer is no")
    func phoneScript() {
        // given a contact who asked to be called
        let contact = F.contact(channel: .phone, referredBy: "Lena Fischer")
        // when drafting
        let draft = RequestDraft.make(explorer: F.explorer, contact: contact, target: F.target, findings: F.allKinds, minutes: 15)
        // then it is a script naming the referral early and asking for 15 minutes
        #expect(draft.channel == .phone)
        #expect(draft.body.hasPrefix("Hello, may I speak with Amara Okafor?\n\nLena Fischer suggested I call you."))
        #expect(draft.body.contains("Would you have 15 minutes to talk"))
        #expect(draft.body.contains("someone else you would suggest"))
        #expect(draft.warnings.isEmpty, "\(draft.warnings)")
    }

    @Test("a postal contact gets a letter with the profile link in the text")
    func letter() {
        // given a contact who prefers post
        let contact = F.contact(channel: .post)
        // when drafting
        let draft = RequestDraft.make(explorer: F.explorer, contact: contact, target: F.target, findings: F.allKinds, minutes: 30)
        // then it is a letter with addresses, the ask and the link
        #expect(draft.channel == .post)
        #expect(draft.body.hasPrefix("Jonas Weber\nhttps://guild.example/u/jonas\njonas@example.org\n\nAmara Okafor\nOperations Manager\nNorthwind Freight"))
        #expect(draft.body.contains("You can find more about me at https://guild.example/u/jonas, and reach me at jonas@example.org."))
        #expect(draft.body.contains("Yours sincerely,"))
        #expect(draft.warnings.isEmpty, "\(draft.warnings)")
    }
}

@Suite("Draft check")
struct DraftCheckTests {
    static let good = """
    Dear Ms. Okafor,

    Lena Fischer suggested I write to you. I am Jonas, an accountant exploring logistics planning, and your work \
    at Northwind Freight is exactly what I hope to understand. I have read about near-shoring and driver shortages \
    and would love to hear how they look from the inside. Could we talk for 20 minutes? I am available weekdays after 1 pm.

    Thank you,
    Jonas
    """

    @Test("a good draft has no warnings")
    func goodDraft() {
        // given a brief, complete request
        // when checking it
        let warnings = DraftCheck.check(subject: "A short conversation about logistics", body: Self.good, referredBy: "Lena Fischer")
        // then nothing is wrong
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test("too long and too short")
    func length() throws {
        // given a padded draft and a terse one
        let long = Self.good + "\n" + String(repeating: "More background about me and my plans. ", count: 12)
        let short = "Hi, can we talk for 15 minutes? I am available Monday."
        // when checking them
        let longWarnings = DraftCheck.check(subject: "Hello", body: long)
        let shortWarnings = DraftCheck.check(subject: "Hello", body: short)
        // then each gets its warning with the word count
        let tooLong = try #require(longWarnings.first { $0.code == .tooLong })
        #expect(tooLong.message.contains("\(InterviewText.wordCount(long)) words"))
        #expect(shortWarnings.map(\.code) == [.tooShort])
    }

    @Test("a referral that is not named, or named late")
    func referral() {
        // given a draft that never names the referrer
        let missing = DraftCheck.check(subject: "Hello", body: Self.good, referredBy: "Priya Raman")
        // then missing_referral says who
        #expect(missing.map(\.code) == [.missingReferral])
        #expect(missing.first?.message.hasPrefix("Priya Raman referred you") == true)
        // given the referrer named only at the end
        let late = Self.good.replacingOccurrences(of: "Lena Fischer suggested I write to you. ", with: "") + "\nP.S. Lena Fischer says hello."
        let lateWarnings = DraftCheck.check(subject: "Hello", body: late, referredBy: "lena fischer")
        #expect(lateWarnings.map(\.code) == [.referralNotFirst])
        // and a title with punctuation in the referral still matches
        let titled = Self.good.replacingOccurrences(of: "Lena Fischer", with: "Dr. Lena Fischer")
        #expect(DraftCheck.check(subject: "Hello", body: titled, referredBy: "Dr. Lena Fischer").isEmpty)
        // and no referral set means no referral warning
        #expect(DraftCheck.check(subject: "Hello", body: Self.good, referredBy: "  ").isEmpty)
    }

    @Test("missing availability and missing time request")
    func availabilityAndTime() {
        // given a draft with neither availability nor a length
        let body = Self.good.replacingOccurrences(of: "Could we talk for 20 minutes? I am available weekdays after 1 pm.", with: "Could we talk sometime?")
        // when checking
        let codes = DraftCheck.check(subject: "Hello", body: body, referredBy: "Lena Fischer").map(\.code)
        // then both are flagged
        #expect(codes == [.missingAvailability, .missingTimeRequest])
    }

    @Test("time requests in many forms are recognised", arguments: [
        ("Could we talk for 15 minutes?", [15]), ("Do you have 15–30 minutes?", [15, 30]), ("twenty minutes would be plenty", [20]),
        ("a quarter of an hour", [15]), ("half an hour of your time", [30]), ("a 20-minute call", [20]), ("just 25 mins", [25]),
        ("could we meet for an hour", [60]), ("fifteen to thirty minutes", [15, 30]),
    ])
    func timeForms(text: String, minutes: [Int]) {
        // given a phrase asking for time
        // when reading it
        // then the minutes are found
        #expect(DraftCheck.askedMinutes(in: text) == minutes)
    }

    @Test("asking for an hour is too much")
    func tooMuchTime() {
        // given a draft asking for an hour
        let body = Self.good.replacingOccurrences(of: "20 minutes", with: "an hour")
        // when checking
        let warnings = DraftCheck.check(subject: "Hello", body: body, referredBy: "Lena Fischer")
        // then
        #expect(warnings.map(\.code) == [.asksForTooMuchTime])
    }

    @Test("a job request is flagged with the reason, quoting the sentence")
    func asksForJob() throws {
        // given a draft that slips in a job request
        let body = Self.good.replacingOccurrences(of: "Thank you,", with: "Do you know of any vacancies? Thank you,")
        // when checking
        let warnings = DraftCheck.check(subject: "Hello", body: body, referredBy: "Lena Fischer")
        // then one asks_for_job warning explains why it hurts
        #expect(warnings.map(\.code) == [.asksForJob])
        let message = try #require(warnings.first?.message)
        #expect(message.hasPrefix("\"Do you know of any vacancies?\" reads as asking for a job."))
        #expect(message.contains("screening"))
    }

    @Test("the subject is checked too")
    func subject() {
        // given an empty subject, a long one, and one asking for a job
        let empty = DraftCheck.check(subject: " ", body: Self.good, referredBy: "Lena Fischer")
        let long = DraftCheck.check(subject: "A request from a career changer for a short conversation about logistics planning in Europe", body: Self.good, referredBy: "Lena Fischer")
        let job = DraftCheck.check(subject: "Are you hiring?", body: Self.good, referredBy: "Lena Fischer")
        // then each gets its warning
        #expect(empty.map(\.code) == [.missingSubject])
        #expect(long.map(\.code) == [.longSubject])
        #expect(job.map(\.code) == [.asksForJob])
    }

    @Test("word limits do not apply to phone scripts")
    func phoneIgnoresLength() {
        // given a short script
        let script = "Hello, may I speak with Amara? Would you have 15 minutes? I am available weekdays."
        // when checking it as a phone script
        // then length is not judged
        #expect(DraftCheck.check(subject: "", body: script, channel: .phone).isEmpty)
        #expect(DraftCheck.check(subject: "", body: script, channel: .email).map(\.code) == [.tooShort, .missingSubject])
    }

    @Test("every warning code has a published rule")
    func rules() {
        // given all codes
        // then each has a plain rule and the documented wire value
        #expect(DraftWarningCode.allCases.allSatisfy { !$0.rule.isEmpty })
        #expect(DraftWarningCode.asksForJob.rawValue == "asks_for_job")
        #expect(DraftWarningCode.missingTimeRequest.rawValue == "missing_time_request")
    }
}
