import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct InterviewsPagesTests {
    /// Signs up through the form, so the session is a real page session.
    func signedIn(_ app: Application, _ name: String) async throws -> PageSession {
        let browser = PageSession(app)
        let res = try await browser.post("/signup", form: ["displayName": name, "email": "\(name.lowercased())@example.org", "password": "long enough secret"])
        #expect(res.status == .seeOther)
        return browser
    }

    @Test(arguments: TestDatabase.all)
    func pagesNeedAMemberAndEveryFormNeedsTheToken(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // a visitor is sent to log in
            let visitor = try await app.send(.GET, "/interviews")
            #expect(visitor.status == .seeOther)
            #expect(visitor.headers.first(name: .location)?.hasPrefix("/login") == true)
            // a member without the token is refused and nothing is stored
            let ada = try await signedIn(app, "Ada")
            let forged = try await ada.post("/interviews/targets", form: ["kind": "job", "name": "Baker"], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await ResearchTargetRecord.query(on: app.db).count() == 0)
            // with the token the target is made and the member lands on its page
            let made = try await ada.post("/interviews/targets", form: ["kind": "job", "name": "Baker"], from: "/interviews")
            #expect(made.status == .seeOther)
            let target = try #require(try await ResearchTargetRecord.query(on: app.db).first())
            #expect(made.headers.first(name: .location) == "/interviews/targets/\(target.id!)")
            let page = try await ada.get("/interviews/targets/\(target.id!)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Readiness check"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func findingFormShowsErrorsNextToFieldsAndEscapesText(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await signedIn(app, "Ada")
            _ = try await ada.post("/interviews/targets", form: ["kind": "industry", "name": "Bakeries <b>& co</b>"], from: "/interviews")
            let target = try #require(try await ResearchTargetRecord.query(on: app.db).first())
            let path = "/interviews/targets/\(target.id!)"
            // a finding without a source: 422, the error by the field, the typed text kept, nothing saved
            let missing = try await ada.post(path + "/findings", form: ["kind": "trend", "statement": "Sourdough <script>alert(1)</script> sells", "source": ""], from: path)
            #expect(missing.status == .unprocessableEntity)
            let html = missing.body.string
            #expect(html.contains("Say where this finding comes from"))
            #expect(html.contains("Sourdough &lt;script&gt;alert(1)&lt;/script&gt; sells"))
            #expect(!html.contains("<script>alert(1)"))
            #expect(try await FindingRecord.query(on: app.db).count() == 0)
            // with a source it is saved, and shown escaped
            let saved = try await ada.post(path + "/findings", form: ["kind": "trend", "statement": "Sourdough <script>alert(1)</script> sells", "source": "Baker's Weekly", "share": "on"], from: path)
            #expect(saved.status == .seeOther)
            let page = try await ada.get(path)
            #expect(page.body.string.contains("Bakeries &lt;b&gt;&amp; co&lt;/b&gt;"))
            #expect(!page.body.string.contains("<script>alert(1)"))
            let finding = try #require(try await FindingRecord.query(on: app.db).first())
            #expect(finding.share)
            #expect(finding.source == "Baker's Weekly")
        }
    }

    @Test(arguments: TestDatabase.all)
    func anotherMembersInterviewPagesAreNotFoundAndUnchanged(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let owner = try await app.member("Owner")
            let r = try await app.researchedInterview(owner)
            let bob = try await signedIn(app, "Bob")
            for path in ["", "/plan", "/conversation", "/thank-you", "/request.eml"] {
                #expect(try await bob.get("/interviews/\(r.interviewID)\(path)").status == .notFound, "\(path)")
            }
            #expect(try await bob.get("/interviews/targets/\(r.targetID)").status == .notFound)
            #expect(try await bob.get("/interviews/contacts/\(r.contactID)").status == .notFound)
            let move = try await bob.post("/interviews/\(r.interviewID)/stage", form: ["stage": "requested"], from: "/interviews")
            #expect(move.status == .notFound)
            let notes = try await bob.post("/interviews/\(r.interviewID)/notes", form: ["mostInteresting": "mine now"], from: "/interviews")
            #expect(notes.status == .notFound)
            let stored = try #require(try await InterviewRecord.find(r.interviewID, on: app.db))
            #expect(stored.stage == "to_contact")
            #expect(stored.mostInteresting == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func interviewPagesDraftPlanNotesAndThankYou(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an interview planned through the pages
            let ada = try await signedIn(app, "Ada")
            _ = try await ada.post("/interviews/targets", form: ["kind": "job", "name": "Florist"], from: "/interviews")
            let target = try #require(try await ResearchTargetRecord.query(on: app.db).first())
            _ = try await ada.post("/interviews/contacts", form: ["name": "Rosa Lind", "title": "Owner", "organisation": "Petal & Stem", "email": "rosa@petal.example",
                                                                  "seniority": "mid", "preferredChannel": "email", "referredBy": "Kai Berg"])
            let contact = try #require(try await ContactRecord.query(on: app.db).first())
            let planned = try await ada.post("/interviews/new", form: ["targetId": target.id!.uuidString, "contactId": contact.id!.uuidString, "minutes": "20"],
                                             from: "/interviews/contacts/\(contact.id!)")
            let interview = try #require(try await InterviewRecord.query(on: app.db).first())
            #expect(planned.headers.first(name: .location) == "/interviews/\(interview.id!)")
            let base = "/interviews/\(interview.id!)"
            // the draft names the referral first, with mailto and .eml
            let page = try await ada.get(base)
            #expect(page.body.string.contains("Kai Berg"))
            #expect(page.body.string.contains("href=\"mailto:rosa@petal.example?"))
            #expect(page.body.string.contains("\(base)/request.eml"))
            // the check (JSON for the page's script) flags a job request
            var headers = HTTPHeaders([("Accept", "application/json")])
            if let cookie = ada.cookie { headers.add(name: .cookie, value: cookie) }
            headers.add(name: "X-CSRF-Token", value: PageSession.csrfToken(in: page.body.string) ?? "")
            let check = try await app.testing().sendRequest(.POST, base + "/check", headers: headers, beforeRequest: { req in
                try req.content.encode(["subject": "Hi", "body": "Can you get me a job at your shop?"], as: .urlEncodedForm)
            })
            #expect(check.status == .ok)
            #expect(try check.content.decode(WarningList.self).warnings.contains { $0.code == "asks_for_job" })
            // plan: move the second question to the top, and it stays there
            let (before, _) = try await InterviewStore.currentPlan(try await InterviewStore.interview(interview.id!.uuidString, owner: interview.$explorer.id, on: app.db), on: app.db)
            _ = try await ada.post(base + "/plan/move", form: ["from": "1", "to": "0"], from: base + "/plan")
            let moved = try #require(try await InterviewRecord.find(interview.id, on: app.db)?.plan)
            #expect(moved.questions.first?.id == before.questions[1].id)
            // a bad move changes nothing
            _ = try await ada.post(base + "/plan/move", form: ["from": "0", "to": "99"], from: base + "/plan")
            #expect(try await InterviewRecord.find(interview.id, on: app.db)?.plan == moved)
            // schedule, hold, take notes keyed by question id, then draft the thank-you
            _ = try await ada.post(base + "/stage", form: ["stage": "requested"], from: base)
            let waiting = try await ada.get("/interviews")
            #expect(waiting.body.string.contains("Waiting for answers (3B7)"))
            #expect(waiting.body.string.contains("Give the contact a few business days to answer."))
            _ = try await ada.post(base + "/stage", form: ["stage": "scheduled", "scheduledAt": "2026-12-01T15:00"], from: base)
            _ = try await ada.post(base + "/stage", form: ["stage": "held"], from: base)
            let firstID = moved.questions[0].id
            let saved = try await ada.post(base + "/notes", form: ["note[\(firstID)]": "she apprenticed at a flower market for two years",
                                                                    "adviceToAct": "volunteer for a wedding season"], from: base + "/conversation")
            #expect(saved.status == .seeOther)
            let stored = try #require(try await InterviewRecord.find(interview.id, on: app.db))
            #expect(stored.stage == "held")
            #expect(stored.notes[firstID] == "she apprenticed at a flower market for two years")
            let thanks = try await ada.get(base + "/thank-you")
            #expect(thanks.status == .ok)
            #expect(thanks.body.string.contains("flower market"))
            #expect(thanks.body.string.contains("volunteer for a wedding season"))
            // and the dashboard lists it as due
            let dash = try await ada.get("/interviews")
            #expect(dash.body.string.contains("due-thank_you"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func contactPageLinksTargetsAndAddsReferrals(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await signedIn(app, "Ada")
            _ = try await ada.post("/interviews/targets", form: ["kind": "job", "name": "Florist"], from: "/interviews")
            _ = try await ada.post("/interviews/targets", form: ["kind": "industry", "name": "Events"], from: "/interviews")
            let targets = try await ResearchTargetRecord.query(on: app.db).sort(\.$name).all()
            _ = try await ada.post("/interviews/contacts", form: ["name": "Rosa Lind", "title": "Owner", "organisation": "Petal", "email": "rosa@petal.example",
                                                                  "seniority": "mid", "preferredChannel": "email"])
            let rosa = try #require(try await ContactRecord.query(on: app.db).first())
            let path = "/interviews/contacts/\(rosa.id!)"
            // when both targets are ticked on the edit form
            let saved = try await ada.post(path, form: ["name": "Rosa Lind", "title": "Owner", "organisation": "Petal", "email": "rosa@petal.example",
                                                        "seniority": "senior", "preferredChannel": "email", "targetsShown": "1",
                                                        "targetIds[]": targets[0].id!.uuidString], from: path)
            #expect(saved.status == .seeOther)
            let stored = try #require(try await ContactRecord.find(rosa.id, on: app.db))
            #expect(stored.targetIDs == [targets[0].id!.uuidString])
            #expect(stored.seniority == "senior")
            // a bad channel is a 422 on the page and changes nothing
            let bad = try await ada.post(path, form: ["name": "Rosa Lind", "title": "Owner", "organisation": "Petal", "seniority": "mid", "preferredChannel": "fax"], from: path)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Choose email, phone or letter."))
            #expect(try await ContactRecord.find(rosa.id, on: app.db)?.seniority == "senior")
            // a referral from the page is linked to Rosa
            let referred = try await ada.post(path + "/referrals", form: ["name": "Kai Berg", "title": "Planner", "organisation": "Bloom Events", "email": "kai@bloom.example",
                                                                          "seniority": "mid", "preferredChannel": "email"], from: path)
            #expect(referred.status == .seeOther)
            let kai = try #require(try await ContactRecord.query(on: app.db).filter(\.$name == "Kai Berg").first())
            #expect(kai.referredByContactID == rosa.id)
            #expect(kai.referredBy == "Rosa Lind")
            let page = try await ada.get("/interviews/contacts/\(kai.id!)")
            #expect(page.body.string.contains("href=\"/interviews/contacts/\(rosa.id!)\">Rosa Lind</a>"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func incomingRequestsCanBeAcceptedFromThePage(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let explorer = try await app.member("Ada Explorer")
            let pat = try await signedIn(app, "Pat")
            let patUser = try #require(try await User.query(on: app.db).filter(\.$email == "pat@example.org").first())
            patUser.openToInterviews = true
            try await patUser.save(on: app.db)
            let r = try await app.researchedInterview(explorer, contact: ["name": "Pat", "title": "Florist", "organisation": "Own shop", "email": "pat@example.org",
                                                                          "seniority": "senior", "preferredChannel": "email", "memberId": patUser.id!.uuidString])
            #expect(try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/platform-request", headers: explorer.bearer).status == .ok)
            let list = try await pat.get("/interviews/incoming")
            #expect(list.body.string.contains("From Ada Explorer"))
            let accepted = try await pat.post("/interviews/incoming/\(r.interviewID)/accept", form: ["scheduledAt": "2026-12-04T09:30", "place": "Video call"],
                                              from: "/interviews/incoming")
            #expect(accepted.status == .seeOther)
            let stored = try #require(try await InterviewRecord.find(r.interviewID, on: app.db))
            #expect(stored.stage == "scheduled")
            #expect(stored.platformStatus == "accepted")
            #expect(try await pat.get("/interviews/\(r.interviewID)/invite.ics").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.all)
    func demoMakesExplorersWithEveryStageAndKind(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let demo = DemoContext(app: app, console: Terminal(), gigCount: 0, seed: 7)
            try await DemoMembers.create(count: 24, in: demo)
            try await InterviewsFeature().demo(demo)
            let stages = Set(try await InterviewRecord.query(on: app.db).all().map(\.stage))
            #expect(stages == Set(InterviewStage.allCases.map(\.rawValue)))
            let kinds = Set(try await FindingRecord.query(on: app.db).all().map(\.kind))
            #expect(kinds == Set(FindingKind.allCases.map(\.rawValue)))
            #expect(try await ContactRecord.query(on: app.db).filter(\.$referredByContactID != nil).count() > 0)
            #expect(try await InterviewRecord.query(on: app.db).filter(\.$platformStatus == "pending").count() > 0)
            // reading recommendations became research sources, one of them read
            #expect(try await ResearchSourceRecord.query(on: app.db).count() > 0)
            #expect(try await ResearchSourceRecord.query(on: app.db).filter(\.$readAt != nil).count() > 0)
            #expect(demo.created["interviews"]?.isEmpty == false)
        }
    }

    @Test(arguments: TestDatabase.all)
    func pageAndAPIRefuseTheSameOverLongDraftAlike(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a member with an interview, signed in on the API and on the pages
            let ada = try await app.member("Ada")
            let r = try await app.researchedInterview(ada)
            let browser = PageSession(app)
            _ = try await browser.post("/login", form: ["email": ada.email, "password": "correct horse battery"])
            let base = "/interviews/\(r.interviewID)"
            let before = try #require(try await InterviewRecord.find(r.interviewID, on: app.db))
            // a body one character over the core's limit, and a sentence at its end the page must not cut away
            let tail = " Could you pass my CV along to the hiring manager?"
            let body = String(repeating: "a", count: InterviewLimits.draftBodyCharacters + 1 - tail.count) + tail
            #expect(body.count == InterviewLimits.draftBodyCharacters + 1)

            // when the API checks it
            let api = try await app.send(.POST, "/api/v1/interviews/drafts/check", headers: ada.bearer, json: ["subject": "Hello", "body": body])
            // when the page checks it (a browser's form, and the page's script asking for JSON)
            let page = try await browser.post(base + "/check", form: ["subject": "Hello", "body": body, "channel": "email"], from: base)
            var headers = HTTPHeaders([("Accept", "application/json")])
            if let cookie = browser.cookie { headers.add(name: .cookie, value: cookie) }
            headers.add(name: "X-CSRF-Token", value: PageSession.csrfToken(in: try await browser.get(base).body.string) ?? "")
            let script = try await app.testing().sendRequest(.POST, base + "/check", headers: headers, beforeRequest: { req in
                try req.content.encode(["subject": "Hello", "body": body], as: .urlEncodedForm)
            })

            // then all three are the same 422 naming the body, with the same reason
            #expect(api.status == .unprocessableEntity)
            #expect(page.status == .unprocessableEntity)
            #expect(script.status == .unprocessableEntity)
            let apiError = try #require(api.errorBody)
            #expect(apiError.field == "body")
            #expect(script.errorBody?.field == "body")
            #expect(script.errorBody?.message == apiError.message)
            // the page shows the form again with the problem and the explorer's whole text, not a shortened one
            let html = page.body.string
            #expect(html.contains("Must be at most \(InterviewLimits.draftBodyCharacters) characters."))
            #expect(html.contains("Could you pass my CV along to the hiring manager?"))
            #expect(!html.contains("No warnings: the draft follows the method."))
            // and nothing about the interview changed
            let after = try #require(try await InterviewRecord.find(r.interviewID, on: app.db))
            #expect(after.stage == before.stage)
            #expect(after.plan == before.plan)
        }
    }
}
