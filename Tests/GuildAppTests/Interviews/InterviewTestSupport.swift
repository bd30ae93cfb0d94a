// Shared steps for the interviews tests: a researched target, a contact and an interview, all through the API.
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import GuildApp

struct IDBody: Decodable { var id: UUID }
struct WarningList: Decodable { struct W: Decodable { var code: String; var message: String }; var warnings: [W] }

struct ResearchedInterview {
    let targetID: UUID
    let contactID: UUID
    let interviewID: UUID
    let findingIDs: [UUID]
}

extension Application {
    func id(_ res: TestingHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> UUID {
        #expect(res.status == .created, "\(res.body.string)", sourceLocation: sourceLocation)
        return try res.decode(IDBody.self).id
    }

    /// A job target with findings of the kinds readiness asks for, an email contact and a 20-minute interview.
    func researchedInterview(_ m: TestMember, contact: [String: String]? = nil, minutes: Int = 20) async throws -> ResearchedInterview {
        let target = try id(await send(.POST, "/api/v1/interviews/targets", headers: m.bearer, json: ["kind": "job", "name": "UX researcher"]))
        var findings: [UUID] = []
        let rows: [(String, String, Bool)] = [
            ("competitor", "The biggest agencies hiring UX researchers are Nimbus Labs and Cobalt Studio.", false),
            ("trend", "Remote usability testing has replaced most lab sessions since 2022.", true),
            ("salary", "Junior UX researchers earn between 48,000 and 60,000 a year.", false),
            ("skills", "Survey design and interview synthesis are the most requested skills.", false),
            ("challenge", "Research budgets are the first to be cut in a downturn.", false),
        ]
        for (kind, statement, share) in rows {
            let res = try await send(.POST, "/api/v1/interviews/targets/\(target)/findings", headers: m.bearer,
                                     json: FindingBody(kind: kind, statement: statement, source: "UX Collective salary survey 2025", share: share))
            findings.append(try id(res))
        }
        let contactBody = contact ?? ["name": "Maya Ortiz", "title": "Lead UX researcher", "organisation": "Nimbus Labs",
                                      "email": "maya@nimbus.example", "seniority": "senior", "focusArea": "research operations",
                                      "preferredChannel": "email", "referredBy": "Sam Lee"]
        let contactID = try id(await send(.POST, "/api/v1/interviews/contacts", headers: m.bearer, json: contactBody))
        let interview = try id(await send(.POST, "/api/v1/interviews", headers: m.bearer,
                                          json: InterviewBody(targetId: target, contactId: contactID, minutes: minutes)))
        return ResearchedInterview(targetID: target, contactID: contactID, interviewID: interview, findingIDs: findings)
    }

    func moveStage(_ m: TestMember, _ interview: UUID, _ stage: String, scheduledAt: String? = nil) async throws -> TestingHTTPResponse {
        var body = ["stage": stage]
        if let scheduledAt { body["scheduledAt"] = scheduledAt }
        return try await send(.POST, "/api/v1/interviews/\(interview)/stage", headers: m.bearer, json: body)
    }
}

struct FindingBody: Codable, Sendable { var kind: String; var statement: String; var source: String?; var share: Bool? }
struct InterviewBody: Codable, Sendable { var targetId: UUID; var contactId: UUID; var minutes: Int }
