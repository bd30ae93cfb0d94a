// The LAMP list: each research target's advocacy (derived from the explorer's contacts), motivation and postings
// (the explorer's own), and its rank by GuildCore's rule; also the 3B7 "try another contact" order that follows it.
import Vapor
import Fluent
import GuildCore

extension InterviewStore {
    /// Each target's evidence of advocacy, from the explorer's contacts: linked to the target (or working at the
    /// organisation it names), referred by someone, or a Guild member who offers conversations.
    static func advocacy(targets: [ResearchTargetRecord], contacts: [ContactRecord], on db: any Database) async throws -> [UUID: AdvocacyEvidence] {
        let memberIDs = Array(Set(contacts.compactMap(\.memberID)))
        let offering = memberIDs.isEmpty ? Set<UUID>() :
            Set(try await User.query(on: db).filter(\.$id ~~ memberIDs).all().filter(\.openToInterviews).compactMap(\.id))
        var result: [UUID: AdvocacyEvidence] = [:]
        for t in targets {
            guard let id = t.id else { continue }
            let name = t.name.lowercased()
            let there = contacts.filter {
                $0.targetIDs.contains(id.uuidString) || (t.targetKind == .organisation && $0.organisation.lowercased() == name)
            }
            result[id] = AdvocacyEvidence(
                hasContact: !there.isEmpty,
                hasReferral: there.contains { $0.referredByContactID != nil || !($0.referredBy ?? "").trimmingCharacters(in: .whitespaces).isEmpty },
                hasOfferingMember: there.contains { $0.memberID.map(offering.contains) ?? false })
        }
        return result
    }

    /// The explorer's targets in LAMP order with their scores and ranks.
    static func lampRanking(owner: UUID, on db: any Database) async throws -> [(target: ResearchTargetRecord, lamp: LampDTO)] {
        let targets = try await ResearchTargetRecord.query(on: db).filter(\.$explorer.$id == owner).all()
        let evidence = try await advocacy(targets: targets, contacts: try await contacts(owner: owner, on: db), on: db)
        func score(_ t: ResearchTargetRecord) -> LampScore {
            LampScore(advocacy: evidence[t.id!]?.advocacy ?? false, motivation: t.motivation, postings: t.postings)
        }
        return LampList.ranked(targets, score: score, name: \.name, id: { $0.id! }).map { entry in
            let s = score(entry.item)
            return (entry.item, LampDTO(advocacy: s.advocacy, motivation: s.motivation, postings: s.postings, rank: entry.rank,
                                        reasons: evidence[entry.item.id!]?.reasons ?? []))
        }
    }

    /// Sets the explorer's motivation and postings for one target (0–3 each; either may be left out).
    static func setLamp(_ input: LampInput, on t: ResearchTargetRecord, on db: any Database) async throws {
        try LampList.validate(motivation: input.motivation, postings: input.postings)
        if let m = input.motivation { t.motivation = m }
        if let p = input.postings { t.postings = p }
        try await t.update(on: db)
    }

    /// Contacts to try instead of one who has not answered, best first by the LAMP order of their targets.
    static func nextContacts(after contact: ContactRecord, contacts: [ContactRecord], statuses: [UUID: InterviewStage],
                             ranks: [String: Int]) -> [FollowUpDTO.Alternative] {
        let candidates = contacts.filter { $0.id != contact.id && (statuses[$0.id!] ?? .toContact) == .toContact }.map { c in
            NextContactCandidate(id: c.id!, name: c.name, organisation: c.organisation,
                                 bestTargetRank: c.targetIDs.compactMap { ranks[$0] }.min())
        }
        return LampList.nextContacts(candidates, sameOrganisationAs: contact.organisation).map { FollowUpDTO.Alternative(id: $0.id, name: $0.name) }
    }
}
