// The LAMP list through the API and the pages: the explorer's judgements, derived advocacy, the published order,
// and the 3B7 suggestion that follows it.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct InterviewsLampTests {
    struct Lamp: Decodable { var advocacy: Bool; var motivation: Int; var postings: Int; var rank: Int }
    struct Target: Decodable { var id: UUID; var name: String; var lamp: Lamp }

    func target(_ app: Application, _ m: TestMember, _ name: String, kind: String = "job") async throws -> UUID {
        try app.id(await app.send(.POST, "/api/v1/interviews/targets", headers: m.bearer, json: ["kind": kind, "name": name]))
    }

    @Test(arguments: TestDatabase.all)
    func targetsComeInLampOrderAnd3B7SuggestsByIt(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let monday = try InterviewDates.parse("2026-11-02T09:00:00Z", field: "t")
            app.interviewClock = .fixed(monday)
            let ada = try await app.member("Ada")
            // given the researched target (UX researcher, with Maya at Nimbus Labs) and two more
            let r = try await app.researchedInterview(ada)
            let bakery = try await target(app, ada, "Bakery")
            let archive = try await target(app, ada, "Archive")
            // when the explorer judges them: the bakery and the archive motivate most, the archive has more postings
            for (id, body) in [(bakery, ["motivation": 3, "postings": 1]), (archive, ["motivation": 3, "postings": 2]), (r.targetID, ["motivation": 1, "postings": 0])] {
                let res = try await app.send(.PATCH, "/api/v1/interviews/targets/\(id)", headers: ada.bearer, json: body)
                #expect(res.status == .ok, "\(res.body.string)")
            }
            // then the target with a contact there comes first despite lower motivation, then motivation, then postings
            var list = try await app.send(.GET, "/api/v1/interviews/targets", headers: ada.bearer).decode([Target].self)
            #expect(list.map(\.name) == ["UX researcher", "Archive", "Bakery"])
            #expect(list.map(\.lamp.rank) == [1, 2, 3])
            #expect(list.map(\.lamp.advocacy) == [true, false, false])
            #expect(list[1].lamp.motivation == 3 && list[1].lamp.postings == 2)

            // given a contact for the bakery and one for the archive, neither asked yet
            let bakerCore = ["name": "Bo Baker", "title": "Owner", "organisation": "Crumb", "email": "bo@crumb.example", "seniority": "junior", "preferredChannel": "email"]
            let bo = try app.id(await app.send(.POST, "/api/v1/interviews/contacts", headers: ada.bearer, json: bakerCore))
            let archivist = ["name": "Aya Archivist", "title": "Archivist", "organisation": "City Archive", "email": "aya@archive.example", "seniority": "mid", "preferredChannel": "email"]
            let aya = try app.id(await app.send(.POST, "/api/v1/interviews/contacts", headers: ada.bearer, json: archivist))
            for (contact, targetID) in [(bo, bakery), (aya, archive)] {
                var body = bakerCore
                if contact == aya { body = archivist }
                let linked = try await app.send(.PUT, "/api/v1/interviews/contacts/\(contact)", headers: ada.bearer,
                                                json: ContactPut(fields: body, targetIds: [targetID]))
                #expect(linked.status == .ok, "\(linked.body.string)")
            }
            // the two targets now have someone there, and keep their motivation order
            list = try await app.send(.GET, "/api/v1/interviews/targets", headers: ada.bearer).decode([Target].self)
            #expect(list.map(\.name) == ["Archive", "Bakery", "UX researcher"])
            // when Maya has not answered for three business days
            _ = try await app.moveStage(ada, r.interviewID, "requested")
            app.interviewClock = .fixed(monday.addingTimeInterval(3 * 86_400))
            struct FU: Decodable { var step: String; var alternatives: [FollowUpDTO.Alternative] }
            let due = try await app.send(.GET, "/api/v1/interviews/follow-ups", headers: ada.bearer).decode([FU].self)
            // then the next contact suggested is the one for the best-ranked target
            #expect(due.first?.step == "try_another_contact")
            #expect(due.first?.alternatives.map(\.name) == ["Aya Archivist", "Bo Baker"])
            // and the dashboard page lists the targets in that order
            let page = PageSession(app)
            _ = try await page.post("/login", form: ["email": ada.email, "password": "correct horse battery"])
            let html = try await page.get("/interviews").body.string
            let positions = ["Archive", "Bakery", "UX researcher"].compactMap { html.range(of: ">\($0)</a>")?.lowerBound }
            #expect(positions.count == 3 && positions == positions.sorted())
            #expect(html.contains("Aya Archivist"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func lampValuesOffTheScaleAreRefusedAndOthersTargetsAreNotFound(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let ada = try await app.member("Ada")
            let bob = try await app.member("Bob")
            let bakery = try await target(app, ada, "Bakery")
            // a motivation of 4 is a 422 naming the field, and nothing changes
            let bad = try await app.send(.PATCH, "/api/v1/interviews/targets/\(bakery)", headers: ada.bearer, json: ["motivation": 4, "postings": 1])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.errorBody?.field == "motivation")
            let stored = try #require(try await ResearchTargetRecord.find(bakery, on: app.db))
            #expect(stored.motivation == 0 && stored.postings == 0)
            // another member's target is not found, and unchanged
            let other = try await app.send(.PATCH, "/api/v1/interviews/targets/\(bakery)", headers: bob.bearer, json: ["motivation": 2])
            #expect(other.status == .notFound)
            #expect(try await ResearchTargetRecord.find(bakery, on: app.db)?.motivation == 0)
            // the page's form shows the problem with a 422 and saves a good value
            let page = PageSession(app)
            _ = try await page.post("/login", form: ["email": ada.email, "password": "correct horse battery"])
            let path = "/interviews/targets/\(bakery)"
            let refused = try await page.post(path + "/lamp", form: ["motivation": "9", "postings": "1"], from: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Must be a whole number from 0 to 3."))
            let saved = try await page.post(path + "/lamp", form: ["motivation": "2", "postings": "3"], from: path)
            #expect(saved.status == .seeOther)
            let after = try #require(try await ResearchTargetRecord.find(bakery, on: app.db))
            #expect(after.motivation == 2 && after.postings == 3)
        }
    }
}

/// A contact as PUT takes it: every field, plus the targets it is linked to.
struct ContactPut: Content {
    var fields: [String: String]
    var targetIds: [UUID]
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        for (k, v) in fields { try c.encode(v, forKey: AnyKey(k)) }
        try c.encode(targetIds, forKey: AnyKey("targetIds"))
    }
    init(fields: [String: String], targetIds: [UUID]) { self.fields = fields; self.targetIds = targetIds }
    init(from decoder: any Decoder) throws { fields = [:]; targetIds = [] }
    struct AnyKey: CodingKey {
        var stringValue: String; var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

@Suite struct InterviewsFindingVerdictTests {
    struct Finding: Decodable { var id: UUID; var verdict: String?; var verdictSummary: String; var verdicts: [V]; struct V: Decodable { var interviewId: UUID; var verdict: String } }

    @Test(arguments: TestDatabase.all)
    func aFindingKeepsOneVerdictPerConversation(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given two conversations about the same target
            let ada = try await app.member("Ada")
            let r = try await app.researchedInterview(ada)
            let other = try app.id(await app.send(.POST, "/api/v1/interviews/contacts", headers: ada.bearer,
                json: ["name": "Lee Chan", "title": "Researcher", "organisation": "Cobalt Studio", "email": "lee@cobalt.example", "seniority": "mid", "preferredChannel": "email"]))
            let second = try app.id(await app.send(.POST, "/api/v1/interviews", headers: ada.bearer,
                                                   json: InterviewBody(targetId: r.targetID, contactId: other, minutes: 20)))
            let salary = r.findingIDs[2]
            // when the first confirms the salary finding and the second refutes it
            let one = try await app.send(.POST, "/api/v1/interviews/\(r.interviewID)/outcomes", headers: ada.bearer,
                                         json: ["findingId": salary.uuidString, "verdict": "confirmed"])
            #expect(one.status == .ok || one.status == .created, "\(one.body.string)")
            let two = try await app.send(.POST, "/api/v1/interviews/\(second)/outcomes", headers: ada.bearer,
                                         json: ["findingId": salary.uuidString, "verdict": "refuted", "note": "Closer to 40,000 outside the capital"])
            #expect(two.status == .ok || two.status == .created, "\(two.body.string)")
            // then both verdicts stand, each with its conversation
            let findings = try await app.send(.GET, "/api/v1/interviews/targets/\(r.targetID)/findings", headers: ada.bearer).decode([Finding].self)
            let f = try #require(findings.first { $0.id == salary })
            #expect(f.verdictSummary == "confirmed by 1, refuted by 1")
            #expect(f.verdicts.map(\.interviewId) == [r.interviewID, second])
            #expect(f.verdict == "refuted")
            // a bad verdict changes nothing
            let bad = try await app.send(.POST, "/api/v1/interviews/\(second)/outcomes", headers: ada.bearer,
                                         json: ["findingId": salary.uuidString, "verdict": "maybe"])
            #expect(bad.status.code >= 400 && bad.status.code < 500)
            let again = try await app.send(.GET, "/api/v1/interviews/targets/\(r.targetID)/findings", headers: ada.bearer).decode([Finding].self)
            #expect(again.first { $0.id == salary }?.verdictSummary == "confirmed by 1, refuted by 1")
        }
    }
}
