// Tests for the interview vocabulary, stage moves, record validation and research readiness.
import Foundation
import Testing
@testable import GuildCore

@Suite("Interview vocabulary and records")
struct InterviewRecordsTests {
    typealias F = InterviewFixtures

    @Test("vocabulary raw values are the API's snake_case words")
    func rawValues() throws {
        // given the enums
        // then their wire values are the contract's
        #expect(TargetKind.allCases.map(\.rawValue) == ["job", "organisation", "industry"])
        #expect(FindingKind.allCases.map(\.rawValue) == ["competitor", "trend", "challenge", "innovation", "salary", "lifestyle", "career_path", "skills", "culture"])
        #expect(Seniority.allCases.map(\.rawValue) == ["junior", "mid", "senior", "executive"])
        #expect(ContactChannel.allCases.map(\.rawValue) == ["email", "phone", "post"])
        #expect(FindingVerdict.allCases.map(\.rawValue) == ["confirmed", "refined", "refuted"])
        #expect(InterviewStage.allCases.map(\.rawValue) == ["to_contact", "requested", "scheduled", "held", "thanked", "following_up", "declined"])
        // when decoding a snake_case value
        let decoded = try JSONDecoder().decode([FindingKind].self, from: Data(#"["career_path"]"#.utf8))
        // then it is the camelCase case
        #expect(decoded == [.careerPath])
    }

    @Test("a finding survives a JSON round trip")
    func findingRoundTrip() throws {
        // given a finding
        let finding = F.shared
        // when encoded and decoded
        let data = try JSONEncoder().encode(finding)
        let back = try JSONDecoder().decode(ResearchFinding.self, from: data)
        // then it is unchanged
        #expect(back == finding)
        #expect(String(decoding: data, as: UTF8.self).contains(#""kind":"trend""#))
    }

    @Test("legal stage moves follow the published table")
    func legalMoves() throws {
        // given an interview not yet contacted
        var stage = InterviewStage.toContact
        // when it goes through the happy path
        for next in [InterviewStage.requested, .scheduled, .held, .thanked, .followingUp] {
            stage = try stage.moving(to: next)
        }
        // then it ends following up, and a nudged request can still be scheduled
        #expect(stage == .followingUp)
        #expect(try InterviewStage.requested.moving(to: .followingUp) == .followingUp)
        #expect(InterviewStage.followingUp.canMove(to: .scheduled))
    }

    @Test("an illegal stage move is a conflict naming the current stage")
    func illegalMove() {
        // given a requested interview
        // when jumping straight to thanked
        // then a conflict names 'requested'
        #expect {
            _ = try InterviewStage.requested.moving(to: .thanked)
        } throws: { error in
            guard let conflict = error as? ConflictError else { return false }
            return conflict.code == "illegal_stage_transition" && conflict.message.contains("'requested'") && conflict.message.contains("'thanked'")
        }
        #expect(!InterviewStage.held.canMove(to: .requested))
        #expect(InterviewStage.transitions.allSatisfy { !$0.meaning.isEmpty })
    }

    @Test("a finding without statement or source is rejected field by field")
    func findingValidation() {
        // given an empty statement and a blank source
        // when validating
        // then both fields are named
        #expect(throws: ValidationErrors([
            ValidationError(field: "statement", reason: "Must not be empty."),
            ValidationError(field: "source", reason: "Say where this finding comes from (an article, a report, a web address, a person)."),
        ])) {
            try ResearchFinding.validate(statement: "  ", source: "\n")
        }
        #expect(throws: Never.self) { try F.trend.validate() }
    }

    @Test("a refined or refuted finding needs a note; a confirmed one does not")
    func outcomeValidation() {
        // given outcomes of each verdict
        // then only refined/refuted without a note are refused
        #expect(throws: Never.self) { try FindingOutcome(findingID: F.trend.id, verdict: .confirmed).validate() }
        #expect(throws: Never.self) { try FindingOutcome(findingID: F.trend.id, verdict: .refined, note: "Only in the south").validate() }
        #expect(throws: ValidationErrors([ValidationError(field: "note", reason: "Say what the contact said instead when a finding is refuted.")])) {
            try FindingOutcome(findingID: F.trend.id, verdict: .refuted, note: " ").validate()
        }
    }

    @Test("contact validation names bad email, missing email for the email channel, and empty names")
    func contactValidation() throws {
        // given a contact with a malformed address
        var contact = F.contact()
        contact.email = "amara at northwind"
        contact.title = ""
        // when validating
        let error = try #require(throws: ValidationErrors.self) { try contact.validate() }
        // then title and email are named
        #expect(error.errors.map(\.field) == ["title", "email"])

        // given an email-channel contact without an address
        contact = F.contact()
        contact.email = nil
        let missing = try #require(throws: ValidationErrors.self) { try contact.validate() }
        #expect(missing.errors == [ValidationError(field: "email", reason: "Is required when the preferred channel is email.")])

        // given a phone contact without an address: fine
        contact.preferredChannel = .phone
        #expect(throws: Never.self) { try contact.validate() }
    }

    @Test("email addresses", arguments: [
        ("amara@northwind.example", true), ("first.last+tag@sub.example.org", true),
        ("no-at-sign.example", false), ("two@@example.org", false), ("space in@example.org", false),
        ("dot.@example.org", false), ("x@localhost", false), ("x@exa_mple.org", false),
        ("new\nline@example.org", false), ("émile@example.org", false),
    ])
    func emailAddresses(address: String, valid: Bool) {
        // given an address
        // when checking it
        // then the verdict is as expected
        #expect(EmailAddress.isValid(address) == valid)
    }

    @Test("explorer profile needs a web profile link and availability")
    func explorerValidation() throws {
        // given a profile with a bare link and no availability
        let profile = ExplorerProfile(name: "Jonas", headline: "student", profileURL: "linkedin.com/in/jonas", availability: " ")
        // when validating
        let error = try #require(throws: ValidationErrors.self) { try profile.validate() }
        // then both are named
        #expect(error.errors.map(\.field) == ["profileURL", "availability"])
        #expect(throws: Never.self) { try F.explorer.validate() }
    }

    @Test("minutes must be between 15 and 30", arguments: [(14, false), (15, true), (22, true), (30, true), (31, false), (60, false)])
    func minutesRange(minutes: Int, ok: Bool) {
        // given a requested length
        // when validating
        let result = Result { try InterviewLength.validate(minutes: minutes) }
        // then only 15...30 passes, and failures name the field
        switch result {
        case .success: #expect(ok)
        case .failure(let error): #expect(!ok && (error as? ValidationErrors)?.errors.first?.field == "minutes")
        }
    }

    @Test("target phrases read naturally")
    func targetPhrases() {
        // given targets of each kind
        // then their phrases fit inside a sentence
        #expect(ResearchTarget(id: F.id(1), kind: .job, name: "UX researcher").phrase == "the role of UX researcher")
        #expect(ResearchTarget(id: F.id(1), kind: .industry, name: "logistics").phrase == "the logistics industry")
        #expect(ResearchTarget(id: F.id(1), kind: .industry, name: "games industry").phrase == "the games industry")
        #expect(ResearchTarget(id: F.id(1), kind: .organisation, name: "Northwind Freight").phrase == "Northwind Freight")
    }
}

@Suite("Research readiness")
struct ResearchReadinessTests {
    typealias F = InterviewFixtures

    @Test("no findings: every gap is listed")
    func emptyResearch() {
        // given no findings
        // when assessing
        let gaps = ResearchReadiness.assess(findings: [])
        // then the count and each required kind are named
        #expect(gaps.map(\.code) == ["too_few_findings", "no_salary_finding", "no_competitor_finding", "no_trend_finding"])
        #expect(gaps.allSatisfy { !$0.message.isEmpty })
        #expect(!ResearchReadiness.isReady(findings: []))
    }

    @Test("enough sourced findings of the key kinds are ready")
    func ready() {
        // given five sourced findings including salary, competitor and trend
        let findings = [F.competitor, F.trend, F.salary, F.challenge, F.culture]
        // when assessing
        // then nothing is thin
        #expect(ResearchReadiness.assess(findings: findings).isEmpty)
        #expect(ResearchReadiness.isReady(findings: findings))
    }

    @Test("unsourced findings and a missing salary range are reported")
    func unsourced() throws {
        // given findings with two lacking a source and no salary
        var a = F.challenge; a.source = ""
        var b = F.culture; b.source = "  "
        let findings = [F.competitor, F.trend, a, b, F.skills]
        // when assessing
        let gaps = ResearchReadiness.assess(findings: findings)
        // then both problems appear with a count in plain words
        #expect(gaps.map(\.code) == ["no_salary_finding", "finding_without_source"])
        let sourceGap = try #require(gaps.last)
        #expect(sourceGap.message.hasPrefix("2 findings have no source"))
    }

    @Test("the policy is data with plain descriptions")
    func policyDescriptions() {
        // given the standard policy
        let policy = ReadinessPolicy.standard
        // then it lists one description per rule
        #expect(policy.minimumFindings == 5)
        #expect(policy.descriptions.count == 2 + policy.requiredKinds.count)
        // and a stricter policy changes the verdict
        let strict = ReadinessPolicy(minimumFindings: 6, requiredKinds: [])
        #expect(ResearchReadiness.assess(findings: [F.competitor, F.trend, F.salary, F.challenge, F.culture], policy: strict).map(\.code) == ["too_few_findings"])
    }
}
