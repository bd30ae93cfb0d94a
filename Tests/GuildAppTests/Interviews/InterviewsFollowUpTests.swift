// After the conversation: what the contact recommended reading becomes a research source in one step, the follow-up
// note weeks later reports what the explorer did (checked for job asks), and a meeting across a daylight-saving change
// is spoken at the member's own wall-clock time. API and pages, on both databases.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct InterviewsFollowUpTests {
    struct Source: Decodable { var id: UUID; var targetId: UUID; var contactName: String; var kind: String; var title: String; var link: String?; var readAt: String? }
    struct Note: Decodable { var subject: String; var body: String; var sendFrom: String; var ready: Bool; var hints: [String]; var warnings: [WarningList.W] }
    struct Interview: Decodable { var scheduledAt: String? }

    /// An interview moved to held at `heldAt` on the interview clock.
    func held(_ app: Application, _ ada: TestMember, heldAt: Date) async throws -> ResearchedInterview {
        app.interviewClock = .fixed(heldAt)
        let r = try await app.researchedInterview(ada)
        _ = try await app.moveStage(ada, r.interviewID, "requested")
        _ = try await app.moveStage(ada, r.interviewID, "scheduled", scheduledAt: "2026-12-01T15:00:00Z")
        #expect(try await app.moveStage(ada, r.interviewID, "held").status == .ok)
        return r
    }

    @Test(arguments: TestDatabase.all)
    func aReadingRecommendationBecomesAResearchSource(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Explorer")
            let r = try await app.researchedInterview(ada)
            let path = "/api/v1/interviews/\(r.interviewID)/sources"
            let good = ["title": "Just Enough Research", "link": "https://example.org/just-enough-research", "kind": "read"]
            // before the conversation there is nothing to recommend yet
            #expect(try await app.send(.POST, path, headers: ada.bearer, json: good).errorBody?.code == "not_held")
            _ = try await app.moveStage(ada, r.interviewID, "requested")
            _ = try await app.moveStage(ada, r.interviewID, "scheduled", scheduledAt: "2026-12-01T15:00:00Z")
            // bad input is refused naming the field, and changes nothing
            let badLink = try await app.send(.POST, path, headers: ada.bearer, json: ["title": "A book", "link": "ftp://files.example/x"])
            #expect(badLink.status == .unprocessableEntity && badLink.errorBody?.field == "link")
            #expect(try await app.send(.POST, path, headers: ada.bearer, json: ["title": "  "]).errorBody?.field == "title")
            #expect(try await app.send(.POST, path, headers: ada.bearer, json: ["title": "A podcast", "kind": "watch"]).errorBody?.field == "kind")
            #expect(try await ResearchSourceRecord.query(on: app.db).count() == 0)
            // another member cannot add to this interview
            let eve = try await app.member("Eve Other")
            #expect(try await app.send(.POST, path, headers: eve.bearer, json: good).status == .notFound)
            // during the conversation the answer becomes a source on the target, in one step, with who recommended it
            let created = try await app.send(.POST, path, headers: ada.bearer, json: good)
            #expect(created.status == .created)
            let source = try created.decode(Source.self)
            #expect(source.targetId == r.targetID && source.contactName == "Maya Ortiz" && source.readAt == nil)
            let listed = try await app.send(.GET, "/api/v1/interviews/targets/\(r.targetID)/sources", headers: ada.bearer).decode([Source].self)
            #expect(listed.map(\.title) == ["Just Enough Research"])
            #expect(try await app.send(.GET, "/api/v1/interviews/targets/\(r.targetID)/sources", headers: eve.bearer).status == .notFound)
            // marking it read: the owner only, and the field is required
            #expect(try await app.send(.PATCH, "/api/v1/interviews/sources/\(source.id)", headers: eve.bearer, json: ["read": true]).status == .notFound)
            #expect(try await app.send(.PATCH, "/api/v1/interviews/sources/\(source.id)", headers: ada.bearer, json: [String: String]()).errorBody?.field == "read")
            let read = try await app.send(.PATCH, "/api/v1/interviews/sources/\(source.id)", headers: ada.bearer, json: ["read": true]).decode(Source.self)
            #expect(read.readAt != nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theFollowUpReportsWhatTheExplorerDidAndIsCheckedForJobAsks(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let heldAt = Date(timeIntervalSince1970: 1_796_000_000)
            let ada = try await app.member("Ada Explorer")
            app.interviewClock = .fixed(heldAt)
            let early = try await app.researchedInterview(ada)
            // no follow-up before the conversation was held
            #expect(try await app.send(.GET, "/api/v1/interviews/\(early.interviewID)/follow-up", headers: ada.bearer).errorBody?.code == "not_held")
            let r = try await held(app, ada, heldAt: heldAt)
            _ = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/notes", headers: ada.bearer,
                                   json: NotesBody(notes: [:], mostInteresting: "diary studies", adviceToAct: "join the local ResearchOps meetup",
                                                   whatIShared: "the remote testing trend"))
            // a source she recommended, read; and a person she named, written to
            let source = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/sources", headers: ada.bearer,
                                            json: ["title": "Just Enough Research"]).decode(Source.self)
            _ = try await app.send(.PATCH, "/api/v1/interviews/sources/\(source.id)", headers: ada.bearer, json: ["read": true])
            let kim = try app.id(await app.send(.POST, "/api/v1/interviews/contacts/\(r.contactID)/referrals", headers: ada.bearer,
                                                json: ["name": "Kim Park", "title": "Research ops lead", "organisation": "Cobalt Studio",
                                                       "email": "kim@cobalt.example", "seniority": "mid", "preferredChannel": "email"]))
            let next = try app.id(await app.send(.POST, "/api/v1/interviews", headers: ada.bearer,
                                                 json: InterviewBody(targetId: r.targetID, contactId: kim, minutes: 20)))
            _ = try await app.moveStage(ada, next, "requested")
            // when she drafts the follow-up with her own account
            let did = "I went to two meetups and now help run the next one"
            let note = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/follow-up?whatIDid=\(did.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                                          headers: ada.bearer).decode(Note.self)
            // then it names the advice, what she did, the reading and the person, asks for nothing and passes the check
            #expect(note.body.contains("You advised me: join the local ResearchOps meetup."))
            #expect(note.body.contains("I went to two meetups and now help run the next one."))
            #expect(note.body.contains("I read Just Enough Research, as you suggested."))
            #expect(note.body.contains("I have written to Kim Park at Cobalt Studio, as you suggested."))
            #expect(note.body.hasPrefix("Dear Maya Ortiz,"))
            #expect(note.warnings.isEmpty && note.hints.isEmpty)
            #expect(note.sendFrom == InterviewDates.iso(heldAt.addingTimeInterval(21 * 86_400)) && !note.ready)
            // weeks later it is time to send it
            app.interviewClock = .fixed(heldAt.addingTimeInterval(22 * 86_400))
            #expect(try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/follow-up", headers: ada.bearer).decode(Note.self).ready)
            // an account that asks for a job is warned about, as in the request and the thank-you
            let ask = "Could you pass my CV to your hiring manager?".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let warned = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/follow-up?whatIDid=\(ask)", headers: ada.bearer).decode(Note.self)
            #expect(warned.warnings.map(\.code) == ["asks_for_job"])
            // an over-long account is refused naming the field; another member's interview is not found
            let long = String(repeating: "a", count: InterviewLimits.summaryCharacters + 1)
            #expect(try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/follow-up?whatIDid=\(long)", headers: ada.bearer).errorBody?.field == "whatIDid")
            let eve = try await app.member("Eve Other")
            #expect(try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/follow-up", headers: eve.bearer).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func thePagesTurnTheReadingAnswerIntoASourceAndDraftTheFollowUp(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let heldAt = Date(timeIntervalSince1970: 1_796_000_000)
            let ada = try await app.member("Ada Explorer")
            let r = try await held(app, ada, heldAt: heldAt)
            let page = try await PageSession.loggedIn(app, ada)
            let base = "/interviews/\(r.interviewID)"
            // the note under "what should I read?" fills the source form on the conversation page
            _ = try await page.post(base + "/notes", form: ["note[\(QuestionPlanner.readingQuestion.id)]": "The <b>Research</b> Practice newsletter",
                                                             "adviceToAct": "write a case study"], from: base + "/conversation")
            let conversation = try await page.get(base + "/conversation").body.string
            #expect(conversation.contains("id=\"src-title\"") && conversation.contains("value=\"The &lt;b&gt;Research&lt;/b&gt; Practice newsletter\""))
            // a bad address is refused with the field named, and nothing is stored
            _ = try await page.post(base + "/sources", form: ["title": "A blog", "link": "not a link"], from: base + "/conversation")
            #expect(try await ResearchSourceRecord.query(on: app.db).count() == 0)
            // one submit makes the source
            let added = try await page.post(base + "/sources", form: ["title": "The Research Practice newsletter", "kind": "follow"], from: base + "/conversation")
            #expect(added.status == .seeOther)
            let source = try #require(try await ResearchSourceRecord.query(on: app.db).first())
            #expect(source.sourceKind == .follow && source.$contact.id == r.contactID)
            // the target page lists it with who recommended it, and marks it done
            let target = try await page.get("/interviews/targets/\(r.targetID)").body.string
            #expect(target.contains("The Research Practice newsletter") && target.contains("recommended by") && target.contains("Maya Ortiz"))
            #expect(try await page.post("/interviews/sources/\(source.requireID())/read", form: ["read": "true"], from: "/interviews/targets/\(r.targetID)").status == .seeOther)
            #expect(try await ResearchSourceRecord.find(source.id, on: app.db)?.readAt != nil)
            // the follow-up page drafts the note from it and the explorer's words, and says when to send it
            let followUp = try await page.get(base + "/follow-up?whatIDid=I+wrote+my+first+case+study")
            #expect(followUp.status == .ok)
            let body = followUp.body.string
            #expect(body.contains("I wrote my first case study.") && body.contains("I read The Research Practice newsletter, as you suggested."))
            #expect(body.contains("id=\"job-ask-ok\"") && body.contains("id=\"send-from\""))
            // before the conversation the page says why there is no note yet
            let fresh = try await app.researchedInterview(ada)
            #expect(try await page.get("/interviews/\(fresh.interviewID)/follow-up").body.string.contains("id=\"problem\""))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aMeetingAcrossADaylightSavingChangeIsSpokenAtTheMembersLocalTime(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a member in Paris, where clocks go forward on 29 March 2026
            let ada = try await app.member("Ada Explorer")
            let user = try #require(try await User.find(ada.id, on: app.db))
            user.timezone = "Europe/Paris"
            try await user.save(on: app.db)
            let page = try await PageSession.loggedIn(app, ada)
            let before = try await app.researchedInterview(ada)
            let after = try app.id(await app.send(.POST, "/api/v1/interviews", headers: ada.bearer,
                                                  json: InterviewBody(targetId: before.targetID, contactId: before.contactID, minutes: 20)))
            // when she schedules 10:30 on the Saturday before the change and on the Monday after it, on the page form
            for (id, local) in [(before.interviewID, "2026-03-28T10:30"), (after, "2026-03-30T10:30")] {
                _ = try await page.post("/interviews/\(id)/stage", form: ["stage": "requested"], from: "/interviews/\(id)")
                _ = try await page.post("/interviews/\(id)/stage", form: ["stage": "scheduled", "scheduledAt": local], from: "/interviews/\(id)")
            }
            // then the stored instants are an hour apart in UTC (winter time, then summer time)
            let winter = try await app.send(.GET, "/api/v1/interviews/\(before.interviewID)", headers: ada.bearer).decode(Interview.self)
            let summer = try await app.send(.GET, "/api/v1/interviews/\(after)", headers: ada.bearer).decode(Interview.self)
            #expect(winter.scheduledAt == "2026-03-28T09:30:00Z")
            #expect(summer.scheduledAt == "2026-03-30T08:30:00Z")
            // and both pages speak 10:30, her wall-clock time, never the UTC hour
            let saturday = try await page.get("/interviews/\(before.interviewID)").body.string
            let monday = try await page.get("/interviews/\(after)").body.string
            #expect(saturday.contains("28 March") && saturday.contains("at 10:30") && !saturday.contains("at 09:30"))
            #expect(monday.contains("30 March") && monday.contains("at 10:30") && !monday.contains("at 08:30"))
        }
    }
}
