import Foundation
import Testing
import Vapor
import VaporTesting
import GuildCore
@testable import GuildApp

@Suite struct InterviewsAPITests {
    struct RequestBody: Decodable { var channel: String; var subject: String; var body: String; var warnings: [WarningList.W]; var gaps: [Gap]; var mailto: String? }
    struct Gap: Decodable { var code: String; var message: String }
    struct Plan: Decodable { var id: UUID; var minutes: Int; var edited: Bool; var questions: [Q] }
    struct Q: Codable, Sendable { var id: String?; var kind: String; var text: String; var findingId: UUID? }
    struct ThankYou: Decodable { var subject: String; var body: String; var dueAt: String; var reminder: String }
    struct Interview: Decodable { var id: UUID; var stage: String; var scheduledAt: String?; var heldAt: String?; var followUpsSent: Int; var notes: [String: String]; var platformStatus: String? }

    @Test(arguments: TestDatabase.all)
    func contractRoutesEndToEnd(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an explorer with a researched target, a referred contact and an interview
            let ada = try await app.member("Ada Explorer")
            let r = try await app.researchedInterview(ada)

            // when they draft the request
            let draft = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/request", headers: ada.bearer)
            // then it is an email naming the referral first, with warnings as {code, message}
            #expect(draft.status == .ok)
            let body = try draft.decode(RequestBody.self)
            #expect(body.channel == "email")
            #expect(!body.subject.isEmpty)
            #expect(body.body.contains("Sam Lee"))
            #expect(body.body.contains("20 minutes"))
            #expect(body.mailto?.hasPrefix("mailto:maya@nimbus.example") == true)
            #expect(!body.warnings.contains { $0.code == "missing_referral" })

            // other channels on request
            let phone = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/request?channel=phone", headers: ada.bearer)
            #expect(try phone.decode(RequestBody.self).channel == "phone")
            let badChannel = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/request?channel=fax", headers: ada.bearer)
            #expect(badChannel.status == .unprocessableEntity)
            #expect(badChannel.errorBody?.field == "channel")

            // the draft check catches a job request
            let check = try await app.send(.POST, "/api/v1/interviews/drafts/check", headers: ada.bearer,
                                           json: ["subject": "Hello", "body": "Could you forward my resume to HR? I am looking for a job at your company."])
            #expect(check.status == .ok)
            let codes = try check.decode(WarningList.self).warnings.map(\.code)
            #expect(codes.contains("asks_for_job"))
            #expect(codes.contains("too_short"))

            // the plan: minutes and questions with kinds, rapport first
            let plan = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/plan", headers: ada.bearer)
            #expect(plan.status == .ok)
            let p = try plan.decode(Plan.self)
            #expect(p.minutes == 20)
            #expect(p.questions.count >= 4)
            #expect(!p.edited)
            #expect(p.questions.contains { $0.findingId != nil })

            // the thank-you is a 409 until the conversation is held
            let early = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/thank-you", headers: ada.bearer)
            #expect(early.status == .conflict)
            #expect(early.errorBody?.code == "not_held")

            // invite.ics needs a time
            let noTime = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/invite.ics", headers: ada.bearer)
            #expect(noTime.status == .conflict)
            #expect(try await app.moveStage(ada, r.interviewID, "requested").status == .ok)
            #expect(try await app.moveStage(ada, r.interviewID, "scheduled", scheduledAt: "2026-12-01T15:00:00Z").status == .ok)
            let ics = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/invite.ics", headers: ada.bearer)
            #expect(ics.status == .ok)
            #expect(ics.headers.contentType?.subType == "calendar")
            #expect(ics.body.string.contains("BEGIN:VEVENT"))
            #expect(ics.body.string.contains("DTSTART:20261201T150000Z"))

            let eml = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/request.eml", headers: ada.bearer)
            #expect(eml.status == .ok)
            #expect(eml.headers.contentType?.type == "message")
            #expect(eml.body.string.contains("To: Maya Ortiz <maya@nimbus.example>"))

            // lists
            let targets = try await app.send(.GET, "/api/v1/interviews/targets", headers: ada.bearer)
            struct T: Decodable { var id: UUID; var findingCount: Int }
            #expect(try targets.decode([T].self).first?.findingCount == 5)
            let findings = try await app.send(.GET, "/api/v1/interviews/targets/\(r.targetID)/findings", headers: ada.bearer)
            struct F: Decodable { var kind: String; var source: String; var recordedAt: String }
            #expect(try findings.decode([F].self).count == 5)
            let contacts = try await app.send(.GET, "/api/v1/interviews/contacts", headers: ada.bearer)
            struct C: Decodable { var id: UUID; var status: String; var targetIds: [String] }
            let c = try contacts.decode([C].self)
            #expect(c.first?.status == "scheduled")
            #expect(c.first?.targetIds == [r.targetID.uuidString])
        }
    }

    @Test(arguments: TestDatabase.all)
    func anotherMemberGets404AndChangesNothing(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given Ada's research and Bob, another member
            let ada = try await app.member("Ada")
            let bob = try await app.member("Bob")
            let r = try await app.researchedInterview(ada)
            // when Bob reads or writes Ada's things
            let attempts: [(HTTPMethod, String, [String: String]?)] = [
                (.GET, "/api/v1/interviews/targets/\(r.targetID)", nil),
                (.GET, "/api/v1/interviews/targets/\(r.targetID)/findings", nil),
                (.POST, "/api/v1/interviews/targets/\(r.targetID)/findings", ["kind": "trend", "statement": "x", "source": "y"]),
                (.GET, "/api/v1/interviews/contacts/\(r.contactID)", nil),
                (.POST, "/api/v1/interviews/contacts/\(r.contactID)/referrals", ["name": "Z", "title": "T", "organisation": "O", "email": "z@o.example", "seniority": "mid", "preferredChannel": "email"]),
                (.GET, "/api/v1/interviews/\(r.interviewID)", nil),
                (.GET, "/api/v1/interviews/\(r.interviewID)/request", nil),
                (.GET, "/api/v1/interviews/\(r.interviewID)/plan", nil),
                (.POST, "/api/v1/interviews/\(r.interviewID)/stage", ["stage": "requested"]),
                (.POST, "/api/v1/interviews/\(r.interviewID)/notes", ["mostInteresting": "hijack"]),
                (.GET, "/api/v1/interviews/\(r.interviewID)/invite.ics", nil),
                (.GET, "/api/v1/interviews/\(r.interviewID)/request.eml", nil),
                (.POST, "/api/v1/interviews/\(r.interviewID)/accept", ["scheduledAt": "2026-12-01T15:00:00Z"]),
            ]
            for (method, path, body) in attempts {
                let res = try await app.send(method, path, headers: bob.bearer, json: body)
                // then each is a 404
                #expect(res.status == .notFound, "\(method) \(path)")
            }
            // and Bob cannot plan an interview with Ada's target and contact
            let borrow = try await app.send(.POST, "/api/v1/interviews", headers: bob.bearer, json: InterviewBody(targetId: r.targetID, contactId: r.contactID, minutes: 20))
            #expect(borrow.status == .unprocessableEntity)
            #expect(borrow.errorBody?.field == "targetId")
            // and nothing changed
            let mine = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)", headers: ada.bearer)
            let i = try mine.decode(Interview.self)
            #expect(i.stage == "to_contact")
            #expect(try await FindingRecord.query(on: app.db).count() == 5)
            #expect(try await ContactRecord.query(on: app.db).count() == 1)
            #expect(try await InterviewRecord.query(on: app.db).count() == 1)
            // and Bob's lists are empty
            let list = try await app.send(.GET, "/api/v1/interviews/targets", headers: bob.bearer)
            #expect(list.body.string == "[]")
            // and without a token it is a 401
            #expect(try await app.send(.GET, "/api/v1/interviews/targets").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func validationNamesTheField(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            let r = try await app.researchedInterview(ada)
            let cases: [(String, any Encodable & Sendable, String)] = [
                ("/api/v1/interviews/targets", ["kind": "planet", "name": "Mars"], "kind"),
                ("/api/v1/interviews/targets", ["kind": "job", "name": "  "], "name"),
                ("/api/v1/interviews/targets/\(r.targetID)/findings", FindingBody(kind: "trend", statement: "  ", source: "a report"), "statement"),
                ("/api/v1/interviews/targets/\(r.targetID)/findings", FindingBody(kind: "trend", statement: "Something real", source: nil), "source"),
                ("/api/v1/interviews/targets/\(r.targetID)/findings", FindingBody(kind: "gossip", statement: "x", source: "y"), "kind"),
                ("/api/v1/interviews/contacts", ["name": "A", "title": "B", "organisation": "C", "email": "a@c.example", "seniority": "boss", "preferredChannel": "email"], "seniority"),
                ("/api/v1/interviews/contacts", ["name": "A", "title": "B", "organisation": "C", "email": "a@c.example", "seniority": "mid", "preferredChannel": "pigeon"], "preferredChannel"),
                ("/api/v1/interviews/contacts", ["name": "A", "title": "B", "organisation": "C", "seniority": "mid", "preferredChannel": "email"], "email"),
                ("/api/v1/interviews", InterviewBody(targetId: r.targetID, contactId: r.contactID, minutes: 45), "minutes"),
                ("/api/v1/interviews", InterviewBody(targetId: r.targetID, contactId: r.contactID, minutes: 10), "minutes"),
                ("/api/v1/interviews/\(r.interviewID)/outcomes", ["findingId": r.findingIDs[0].uuidString, "verdict": "refuted"], "note"),
                ("/api/v1/interviews/\(r.interviewID)/outcomes", ["findingId": r.findingIDs[0].uuidString, "verdict": "doubtful"], "verdict"),
                ("/api/v1/interviews/drafts/check", ["subject": String(repeating: "long ", count: 120), "body": "Hello"], "subject"),
                ("/api/v1/interviews/\(r.interviewID)/notes", ["notes": Dictionary(uniqueKeysWithValues: (0..<60).map { ("q\($0)", "note") })], "notes"),
            ]
            for (path, body, field) in cases {
                let res = try await app.send(.POST, path, headers: ada.bearer, json: body)
                #expect(res.status == .unprocessableEntity, "\(path) \(field): \(res.body.string)")
                #expect(res.errorBody?.field == field, "\(path): \(res.body.string)")
            }
            // nothing extra was stored
            #expect(try await ResearchTargetRecord.query(on: app.db).count() == 1)
            #expect(try await FindingRecord.query(on: app.db).count() == 5)
            #expect(try await ContactRecord.query(on: app.db).count() == 1)
            #expect(try await InterviewRecord.query(on: app.db).count() == 1)
            #expect(try await InterviewRecord.find(r.interviewID, on: app.db)?.notes.isEmpty == true)
            #expect(try await FindingRecord.query(on: app.db).all().allSatisfy { $0.verdict == nil })
            // malformed JSON is a 400
            let bad = try await app.send(.POST, "/api/v1/interviews/targets", headers: ada.bearer, raw: "{nope")
            #expect(bad.status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.all)
    func stageMovesFollowTheRulesAndName409s(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            let r = try await app.researchedInterview(ada)
            // an illegal jump is a 409 naming the current stage
            let jump = try await app.moveStage(ada, r.interviewID, "held")
            #expect(jump.status == .conflict)
            #expect(jump.errorBody?.code == "illegal_stage_transition")
            #expect(jump.errorBody?.message.contains("to_contact") == true)
            // a bad stage name is a 422 naming stage
            let bogus = try await app.moveStage(ada, r.interviewID, "married")
            #expect(bogus.status == .unprocessableEntity)
            #expect(bogus.errorBody?.field == "stage")
            // scheduling needs a time
            #expect(try await app.moveStage(ada, r.interviewID, "requested").status == .ok)
            let noTime = try await app.moveStage(ada, r.interviewID, "scheduled")
            #expect(noTime.status == .unprocessableEntity)
            #expect(noTime.errorBody?.field == "scheduledAt")
            // legal moves go through and stamp times
            let scheduled = try await app.moveStage(ada, r.interviewID, "scheduled", scheduledAt: "2026-12-01T15:00:00Z")
            #expect(try scheduled.decode(Interview.self).scheduledAt == "2026-12-01T15:00:00Z")
            let held = try await app.moveStage(ada, r.interviewID, "held")
            #expect(try held.decode(Interview.self).heldAt != nil)
            let back = try await app.moveStage(ada, r.interviewID, "requested")
            #expect(back.status == .conflict)
            #expect(back.errorBody?.message.contains("'held'") == true)
            #expect(try await app.moveStage(ada, r.interviewID, "thanked").status == .ok)
            let kept = try await app.moveStage(ada, r.interviewID, "following_up")
            #expect(try kept.decode(Interview.self).stage == "following_up")
        }
    }

    @Test(arguments: TestDatabase.all)
    func conversationClockStartsWhenScheduledAndOffersToEndOnTime(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let t0 = Date(timeIntervalSince1970: 1_796_000_000)
            app.interviewClock = .fixed(t0)
            let ada = try await app.member("Ada")
            let r = try await app.researchedInterview(ada, minutes: 20)
            // not scheduled yet: 409 naming the stage
            let early = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/start", headers: ada.bearer)
            #expect(early.status == .conflict)
            #expect(early.errorBody?.message.contains("to_contact") == true)
            _ = try await app.moveStage(ada, r.interviewID, "requested")
            _ = try await app.moveStage(ada, r.interviewID, "scheduled", scheduledAt: "2026-12-01T15:00:00Z")
            let started = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/start", headers: ada.bearer).decode(ClockDTO.self)
            #expect(started.phase == "running")
            #expect(started.remainingSeconds == 20 * 60)
            // 18 minutes in: wrap up, offering to end on time
            app.interviewClock = .fixed(t0.addingTimeInterval(18 * 60))
            let wrap = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/clock", headers: ada.bearer).decode(ClockDTO.self)
            #expect(wrap.phase == "wrap_up")
            #expect(wrap.remainingSeconds == 120)
            #expect(wrap.message?.contains("end on time") == true)
            // 21 minutes in: over time, stay only if invited
            app.interviewClock = .fixed(t0.addingTimeInterval(21 * 60))
            let over = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/clock", headers: ada.bearer).decode(ClockDTO.self)
            #expect(over.phase == "overtime")
            #expect(over.remainingSeconds == -60)
            #expect(over.message?.contains("only stay longer if they invite you") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func planEditsPersistAndAreValidated(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            let r = try await app.researchedInterview(ada)
            let generated = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/plan", headers: ada.bearer).decode(Plan.self)
            // when the explorer reverses the order, rewrites the first and adds one of their own
            var questions = generated.questions.reversed().map { $0 }
            questions[0].text = "What surprised you most in your first year?"
            questions.append(Q(id: nil, kind: "career", text: "Which communities should I join?", findingId: nil))
            let saved = try await app.send(.PUT, "/api/v1/interviews/\(r.interviewID)/plan", headers: ada.bearer, json: ["questions": questions])
            #expect(saved.status == .ok)
            // then reading it again gives exactly that plan
            let again = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/plan", headers: ada.bearer).decode(Plan.self)
            #expect(again.edited)
            #expect(again.questions.map(\.text) == questions.map(\.text))
            #expect(again.questions.first?.id == generated.questions.last?.id)
            #expect(again.questions.last?.id?.hasPrefix("custom.") == true)
            // an empty question is refused, naming it, and the saved plan stays
            var broken = questions
            broken[2].text = "  "
            let refused = try await app.send(.PUT, "/api/v1/interviews/\(r.interviewID)/plan", headers: ada.bearer, json: ["questions": broken])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.errorBody?.field == "questions[2].text")
            let still = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/plan", headers: ada.bearer).decode(Plan.self)
            #expect(still.questions.map(\.text) == questions.map(\.text))
        }
    }

    @Test(arguments: TestDatabase.all)
    func thankYouNamesTheNotesAndDashboardShowsItDue(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let heldAt = Date(timeIntervalSince1970: 1_796_000_000)
            app.interviewClock = .fixed(heldAt)
            let ada = try await app.member("Ada Explorer")
            let r = try await app.researchedInterview(ada)
            let plan = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/plan", headers: ada.bearer).decode(Plan.self)
            _ = try await app.moveStage(ada, r.interviewID, "requested")
            _ = try await app.moveStage(ada, r.interviewID, "scheduled", scheduledAt: "2026-12-01T15:00:00Z")
            _ = try await app.moveStage(ada, r.interviewID, "held")
            // when the explorer saves notes
            let firstID = plan.questions[0].id!
            let notes = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/notes", headers: ada.bearer,
                                           json: NotesBody(notes: [firstID: "she started by running guerrilla tests in cafes"],
                                                           mostInteresting: "how diary studies reveal habits nobody admits in interviews",
                                                           adviceToAct: "join the local ResearchOps meetup", whatIShared: "the remote testing trend"))
            #expect(notes.status == .ok)
            #expect(try notes.decode(Interview.self).notes[firstID] == "she started by running guerrilla tests in cafes")
            // then the thank-you names those specific things and is due in 24 hours
            let ty = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/thank-you", headers: ada.bearer).decode(ThankYou.self)
            #expect(ty.body.contains("Maya Ortiz"))
            #expect(ty.body.contains("diary studies"))
            #expect(ty.body.contains("ResearchOps meetup"))
            #expect(ty.body.contains("guerrilla tests"))
            #expect(ty.dueAt == InterviewDates.iso(heldAt.addingTimeInterval(86_400)))
            // and the dashboard lists the thank-you as due
            struct Due: Decodable { var interviewId: UUID; var kind: String }
            struct Dash: Decodable { var due: [Due]; var contactsByStatus: [String: [ContactSummary]] }
            let dash = try await app.send(.GET, "/api/v1/interviews/dashboard", headers: ada.bearer).decode(Dash.self)
            #expect(dash.due.contains { $0.kind == "thank_you" && $0.interviewId == r.interviewID })
            #expect(dash.contactsByStatus["held"]?.map(\.id) == [r.contactID])
            #expect(dash.contactsByStatus["to_contact"]?.isEmpty == true)
            // once thanked it is no longer due
            _ = try await app.moveStage(ada, r.interviewID, "thanked")
            let after = try await app.send(.GET, "/api/v1/interviews/dashboard", headers: ada.bearer).decode(Dash.self)
            #expect(!after.due.contains { $0.kind == "thank_you" })
        }
    }

    @Test(arguments: TestDatabase.all)
    func findingOutcomesAreRecordedWithWhatChanged(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            let r = try await app.researchedInterview(ada)
            let res = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/outcomes", headers: ada.bearer,
                                         json: ["findingId": r.findingIDs[2].uuidString, "verdict": "refined", "note": "closer to 55,000 in cities"])
            #expect(res.status == .ok)
            struct F: Decodable { var id: UUID; var verdict: String?; var verdictNote: String? }
            let list = try await app.send(.GET, "/api/v1/interviews/targets/\(r.targetID)/findings", headers: ada.bearer).decode([F].self)
            let salary = list.first { $0.id == r.findingIDs[2] }
            #expect(salary?.verdict == "refined")
            #expect(salary?.verdictNote == "closer to 55,000 in cities")
            // a finding of another target is refused
            let other = try await app.id(app.send(.POST, "/api/v1/interviews/targets", headers: ada.bearer, json: ["kind": "industry", "name": "Fintech"]))
            let f = try await app.id(app.send(.POST, "/api/v1/interviews/targets/\(other)/findings", headers: ada.bearer,
                                              json: FindingBody(kind: "trend", statement: "Open banking grows", source: "FT")))
            let wrong = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/outcomes", headers: ada.bearer,
                                           json: ["findingId": f.uuidString, "verdict": "confirmed"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.errorBody?.field == "findingId")
        }
    }

    @Test(arguments: TestDatabase.all)
    func referralsBuildAChain(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            let r = try await app.researchedInterview(ada)
            let referral: [String: String] = ["name": "Jo Park", "title": "Research director", "organisation": "Cobalt Studio",
                                              "email": "jo@cobalt.example", "seniority": "executive", "preferredChannel": "email"]
            let jo = try await app.id(app.send(.POST, "/api/v1/interviews/contacts/\(r.contactID)/referrals", headers: ada.bearer, json: referral))
            var next = referral; next["name"] = "Kim Lo"; next["email"] = "kim@cobalt.example"
            let kim = try await app.id(app.send(.POST, "/api/v1/interviews/contacts/\(jo)/referrals", headers: ada.bearer, json: next))
            // the new contact names its referrer (so the request names them first)
            struct C: Decodable { var referredBy: String?; var referredByContactId: UUID? }
            let joRecord = try await app.send(.GET, "/api/v1/interviews/contacts/\(jo)", headers: ada.bearer).decode(C.self)
            #expect(joRecord.referredBy == "Maya Ortiz")
            #expect(joRecord.referredByContactId == r.contactID)
            // the chain runs from the first contact to the last
            let chain = try await app.send(.GET, "/api/v1/interviews/contacts/\(kim)/chain", headers: ada.bearer).decode(ChainDTO.self)
            #expect(chain.chain.map(\.name) == ["Maya Ortiz", "Jo Park", "Kim Lo"])
            let first = try await app.send(.GET, "/api/v1/interviews/contacts/\(r.contactID)/chain", headers: ada.bearer).decode(ChainDTO.self)
            #expect(first.referrals.map(\.id) == [jo])
        }
    }

    @Test(arguments: TestDatabase.all)
    func followUpsFollow3B7(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a request sent on Monday 2026-11-02 at 09:00 UTC
            let monday = try InterviewDates.parse("2026-11-02T09:00:00Z", field: "t")
            app.interviewClock = .fixed(monday)
            let ada = try await app.member("Ada")
            let r = try await app.researchedInterview(ada)
            _ = try await app.send(.POST, "/api/v1/interviews/contacts", headers: ada.bearer,
                                   json: ["name": "Lee Chan", "title": "Researcher", "organisation": "Nimbus Labs", "email": "lee@nimbus.example", "seniority": "mid", "preferredChannel": "email"])
            _ = try await app.moveStage(ada, r.interviewID, "requested")
            struct FU: Decodable { var step: String; var alternatives: [FollowUpDTO.Alternative] }
            // on Tuesday it is waiting
            app.interviewClock = .fixed(monday.addingTimeInterval(86_400))
            #expect(try await app.send(.GET, "/api/v1/interviews/follow-ups", headers: ada.bearer).decode([FU].self).first?.step == "waiting")
            // on Thursday (3 business days) try another contact at the same organisation
            app.interviewClock = .fixed(monday.addingTimeInterval(3 * 86_400))
            let three = try await app.send(.GET, "/api/v1/interviews/follow-ups", headers: ada.bearer).decode([FU].self)
            #expect(three.first?.step == "try_another_contact")
            #expect(three.first?.alternatives.map(\.name) == ["Lee Chan"])
            // on the next Wednesday (7 business days across the weekend) follow up once
            app.interviewClock = .fixed(monday.addingTimeInterval(9 * 86_400))
            #expect(try await app.send(.GET, "/api/v1/interviews/follow-ups", headers: ada.bearer).decode([FU].self).first?.step == "follow_up_once")
            struct Due: Decodable { var kind: String }
            struct Dash: Decodable { var due: [Due] }
            #expect(try await app.send(.GET, "/api/v1/interviews/dashboard", headers: ada.bearer).decode(Dash.self).due.contains { $0.kind == "follow_up" })
            // after the one follow-up: stop
            _ = try await app.moveStage(ada, r.interviewID, "following_up")
            #expect(try await app.send(.GET, "/api/v1/interviews/follow-ups", headers: ada.bearer).decode([FU].self).first?.step == "stop")
        }
    }

    @Test(arguments: TestDatabase.all)
    func onPlatformRequestNeedsOptInThenBothGetAnInvite(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given an explorer and a practitioner who has not opted in
            let ada = try await app.member("Ada Explorer")
            let pat = try await app.member("Pat Practitioner")
            let contact: [String: String] = ["name": "Pat Practitioner", "title": "Senior designer", "organisation": "Freelance",
                                             "email": "pat@example.org", "seniority": "senior", "preferredChannel": "email", "memberId": pat.id.uuidString]
            let r = try await app.researchedInterview(ada, contact: contact)
            // when the explorer sends the request on the platform: 409 until Pat opts in
            let refused = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/platform-request", headers: ada.bearer)
            #expect(refused.status == .conflict)
            #expect(refused.errorBody?.code == "not_open_to_interviews")
            #expect(try await app.send(.GET, "/api/v1/interviews/incoming", headers: pat.bearer).body.string == "[]")
            let optIn = try await app.send(.PATCH, "/api/v1/me", headers: pat.bearer, json: ["openToInterviews": true])
            #expect(optIn.status == .ok)
            let sent = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/platform-request", headers: ada.bearer)
            #expect(sent.status == .ok)
            #expect(try sent.decode(Interview.self).stage == "requested")
            // then Pat sees it, with the request text
            let incoming = try await app.send(.GET, "/api/v1/interviews/incoming", headers: pat.bearer).decode([IncomingDTO].self)
            #expect(incoming.map(\.id) == [r.interviewID])
            #expect(incoming.first?.explorerName == "Ada Explorer")
            #expect(incoming.first?.body.contains("20 minutes") == true)
            // a third member cannot accept it
            let eve = try await app.member("Eve")
            #expect(try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/accept", headers: eve.bearer, json: ["scheduledAt": "2026-12-02T10:00:00Z"]).status == .notFound)
            // accepting needs a valid time
            let badTime = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/accept", headers: pat.bearer, json: ["scheduledAt": "tomorrow"])
            #expect(badTime.status == .unprocessableEntity)
            #expect(badTime.errorBody?.field == "scheduledAt")
            // when Pat accepts with a time
            let accepted = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/accept", headers: pat.bearer, json: ["scheduledAt": "2026-12-02T10:00:00Z"])
            #expect(accepted.status == .ok)
            #expect(try accepted.decode(IncomingDTO.self).status == "accepted")
            // then the interview is scheduled and both get the same .ics
            let mine = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)", headers: ada.bearer).decode(Interview.self)
            #expect(mine.stage == "scheduled")
            #expect(mine.platformStatus == "accepted")
            let explorerICS = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/invite.ics", headers: ada.bearer)
            let practitionerICS = try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/invite.ics", headers: pat.bearer)
            #expect(explorerICS.status == .ok)
            #expect(practitionerICS.status == .ok)
            #expect(practitionerICS.body.string.contains("DTSTART:20261202T100000Z"))
            #expect(practitionerICS.body.string.contains("pat@example.org"))
            #expect(try await app.send(.GET, "/api/v1/interviews/\(r.interviewID)/invite.ics", headers: eve.bearer).status == .notFound)
            // and a second answer is a conflict
            let again = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/decline", headers: pat.bearer, json: ["reason": "too_busy"])
            #expect(again.status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.all)
    func declineUsesThePoliteTemplateAndProposeKeepsItOpen(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada Explorer")
            let pat = try await app.member("Pat Practitioner")
            _ = try await app.send(.PATCH, "/api/v1/me", headers: pat.bearer, json: ["openToInterviews": true])
            let contact: [String: String] = ["name": "Pat", "title": "Designer", "organisation": "Freelance", "seniority": "mid",
                                             "preferredChannel": "phone", "phone": "+44 20 7946 0000", "memberId": pat.id.uuidString]
            let r = try await app.researchedInterview(ada, contact: contact)
            #expect(try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/platform-request", headers: ada.bearer).status == .ok)
            let proposed = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/propose", headers: pat.bearer, json: ["times": "Thursday 3pm or Friday 10am"])
            #expect(try proposed.decode(IncomingDTO.self).status == "proposed")
            let declined = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/decline", headers: pat.bearer,
                                              json: ["reason": "too_busy", "suggestion": "the UX guild mentoring scheme"])
            let d = try declined.decode(IncomingDTO.self)
            #expect(d.status == "declined")
            #expect(d.reply?.contains("Hello Ada Explorer") == true)
            #expect(d.reply?.contains("the UX guild mentoring scheme") == true)
            let badReason = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/decline", headers: pat.bearer, json: ["reason": "bored"])
            #expect(badReason.status == .unprocessableEntity)
            #expect(badReason.errorBody?.field == "reason")
        }
    }
}

struct NotesBody: Codable, Sendable { var notes: [String: String]; var mostInteresting: String; var adviceToAct: String; var whatIShared: String }
