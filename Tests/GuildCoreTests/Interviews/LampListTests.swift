// The LAMP list's published order, and the 3B7 suggestion that follows it.
import Foundation
import Testing
@testable import GuildCore

@Suite("LAMP list")
struct LampListTests {
    typealias F = InterviewFixtures

    struct Row { var id: UUID; var name: String; var score: LampScore }

    @Test("advocacy first, then motivation, then postings, then name")
    func order() {
        // given targets that differ in one factor at a time
        let rows = [
            Row(id: F.id(1), name: "Zebra Labs", score: LampScore(advocacy: false, motivation: 3, postings: 3)),
            Row(id: F.id(2), name: "Bakery", score: LampScore(advocacy: true, motivation: 0, postings: 0)),
            Row(id: F.id(3), name: "Archive", score: LampScore(advocacy: true, motivation: 2, postings: 0)),
            Row(id: F.id(4), name: "Cinema", score: LampScore(advocacy: true, motivation: 2, postings: 3)),
            Row(id: F.id(5), name: "aardvark", score: LampScore(advocacy: false, motivation: 3, postings: 3)),
        ]
        // when ranked
        let ranked = LampList.ranked(rows, score: \.score, name: \.name, id: \.id)
        // then someone-there beats motivation, motivation beats postings, and names break ties case-insensitively
        #expect(ranked.map(\.item.name) == ["Cinema", "Archive", "Bakery", "aardvark", "Zebra Labs"])
        #expect(ranked.map(\.rank) == [1, 2, 3, 4, 5])
    }

    @Test("motivation and postings are 0 to 3, and a wrong one names its field")
    func validation() {
        #expect(throws: Never.self) { try LampList.validate(motivation: 0, postings: 3) }
        #expect(throws: ValidationErrors([ValidationError(field: "motivation", reason: "Must be a whole number from 0 to 3.")])) {
            try LampList.validate(motivation: 4, postings: nil)
        }
        #expect(throws: ValidationErrors([ValidationError(field: "postings", reason: "Must be a whole number from 0 to 3.")])) {
            try LampList.validate(motivation: nil, postings: -1)
        }
    }

    @Test("advocacy holds for a contact, a referral or a member who offers conversations")
    func advocacy() {
        #expect(!AdvocacyEvidence().advocacy)
        #expect(AdvocacyEvidence(hasContact: true).advocacy)
        #expect(AdvocacyEvidence(hasOfferingMember: true).reasons == ["a member who offers conversations"])
    }

    @Test("3B7's next contact follows the LAMP order of their targets, then the same organisation, then the name")
    func nextContact() {
        // given contacts linked to targets ranked 2 and 1, one at the silent contact's organisation, one with no target
        let candidates = [
            NextContactCandidate(id: F.id(11), name: "Bea", organisation: "Nimbus Labs", bestTargetRank: 2),
            NextContactCandidate(id: F.id(12), name: "Cai", organisation: "Cobalt", bestTargetRank: 1),
            NextContactCandidate(id: F.id(13), name: "Ann", organisation: "Nimbus Labs", bestTargetRank: nil),
            NextContactCandidate(id: F.id(14), name: "Dov", organisation: "Elsewhere", bestTargetRank: 2),
        ]
        // when the contact at Nimbus Labs has not answered
        let order = LampList.nextContacts(candidates, sameOrganisationAs: "nimbus labs")
        // then the best-ranked target's contact comes first; at equal rank a colleague of the silent contact; no target last
        #expect(order.map(\.name) == ["Cai", "Bea", "Dov", "Ann"])
    }
}

@Suite("Findings over several conversations")
struct FindingVerdictsTests {
    typealias F = InterviewFixtures

    @Test("each conversation keeps its own verdict; a correction replaces only its own")
    func perConversation() {
        // given two conversations that confirmed a finding and one that refuted it
        var list: [ConversationVerdict] = []
        list = FindingVerdicts.recording(.init(interviewID: F.id(1), verdict: .confirmed, note: nil, at: F.date(2026, 1, 5)), in: list)
        list = FindingVerdicts.recording(.init(interviewID: F.id(2), verdict: .refuted, note: "Pay is lower in the north", at: F.date(2026, 1, 9)), in: list)
        list = FindingVerdicts.recording(.init(interviewID: F.id(3), verdict: .confirmed, note: nil, at: F.date(2026, 1, 12)), in: list)
        // then all three stand, in the order they were given
        #expect(FindingVerdicts.summary(list) == "confirmed by 2, refuted by 1")
        #expect(list.map(\.interviewID) == [F.id(1), F.id(2), F.id(3)])
        // when the second conversation's verdict is corrected, the others are untouched
        list = FindingVerdicts.recording(.init(interviewID: F.id(2), verdict: .refined, note: "Lower in the north only", at: F.date(2026, 1, 13)), in: list)
        #expect(FindingVerdicts.summary(list) == "confirmed by 2, refined by 1")
        #expect(list.count == 3)
        #expect(FindingVerdicts.summary([]) == "")
    }
}
