// `guild demo`, interviews step: explorers with researched targets, findings of every kind, contacts (some referred,
// one on Guild) and interviews in every stage, including an on-platform request waiting for a practitioner.
import Vapor
import Fluent
import GuildCore

enum InterviewsDemo {
    struct TargetSeed { var kind: TargetKind; var name: String; var findings: [(FindingKind, String, String)] }

    static let targets: [TargetSeed] = [
        TargetSeed(kind: .job, name: "UX researcher", findings: [
            (.competitor, "The agencies hiring most UX researchers locally are Nimbus Labs and Cobalt Studio.", "Job boards, October survey"),
            (.trend, "Remote, unmoderated usability testing has replaced most lab sessions.", "Nielsen Norman Group report"),
            (.challenge, "Research teams are often the first cut when budgets shrink.", "UX Collective article"),
            (.innovation, "AI tools now draft interview summaries, but researchers still check every quote.", "Conference talk, ResearchOps summit"),
            (.salary, "Junior UX researchers earn between 48,000 and 60,000 a year.", "Levels survey 2025"),
            (.lifestyle, "Most roles are hybrid, with travel for field studies a few times a year.", "Job adverts"),
            (.careerPath, "Many researchers start in support, marketing or psychology before moving into UX.", "LinkedIn profiles of 30 researchers"),
            (.skills, "Survey design and synthesis are the most requested skills.", "Job adverts"),
            (.culture, "Teams value researchers who share findings early and often.", "Podcast interview"),
        ]),
        TargetSeed(kind: .industry, name: "renewable energy", findings: [
            (.competitor, "Sunwise and Northwind lead small-scale solar installation.", "Trade association data"),
            (.trend, "Home batteries are now sold with most new solar installations.", "Industry newsletter"),
            (.salary, "Installer apprentices start around 24,000 a year.", "Apprenticeship listings"),
        ]),
        TargetSeed(kind: .organisation, name: "City Library Service", findings: [
            (.trend, "Libraries are lending tools and running digital skills classes.", "Council annual report"),
            (.challenge, "Opening hours were cut at four branches last year.", "Local newspaper"),
        ]),
    ]

    static let contactNames = ["Maya Ortiz", "Jo Park", "Kim Lo", "Sam Reyes", "Alex Byrne", "Ruth Mensah", "Theo Grant", "Nia Cole"]
    static let organisations = ["Nimbus Labs", "Cobalt Studio", "Nimbus Labs", "Sunwise", "Northwind", "City Library Service", "Cobalt Studio", "Sunwise"]
    static let titles = ["Lead UX researcher", "Research director", "UX researcher", "Installation manager", "Operations director", "Head of digital services", "Design manager", "Apprentice coordinator"]

    static func run(_ demo: DemoContext) async throws {
        let members = demo.members
        guard members.count >= 4 else { return }
        let practitioners = members.filter(\.openToInterviews)
        // Explorers: a few members who are not practitioners themselves.
        let explorers = Array(members.dropFirst().filter { !$0.openToInterviews }.prefix(max(2, min(8, members.count / 10))))
        let progress = demo.progress("interviews", total: explorers.count)
        let db = demo.db
        let now = Date()
        var created: [UUID] = []
        for (n, explorer) in explorers.enumerated() {
            let explorerID = try explorer.requireID()
            var targetRecords: [ResearchTargetRecord] = []
            for (t, seed) in targets.enumerated() {
                let target = ResearchTargetRecord(explorerID: explorerID, kind: seed.kind, name: seed.name)
                // LAMP judgements that differ per explorer, so the demo's lists are ranked in different orders.
                target.motivation = (t + n) % (LampList.scale.upperBound + 1)
                target.postings = [3, 1, 0][t]
                try await target.create(on: db)
                targetRecords.append(target)
                for (k, f) in seed.findings.enumerated() {
                    let finding = FindingRecord(targetID: try target.requireID(), explorerID: explorerID, kind: f.0, statement: f.1, source: f.2,
                                                recordedAt: now.addingTimeInterval(-Double((t * 10 + k + 5) * 86_400)), share: f.0 == .trend || f.0 == .innovation)
                    try await finding.create(on: db)
                }
            }
            var contacts: [ContactRecord] = []
            for c in 0..<contactNames.count {
                let contact = ContactRecord()
                contact.$explorer.id = explorerID
                contact.name = contactNames[c]
                contact.title = titles[c]
                contact.organisation = organisations[c]
                contact.email = contactNames[c].lowercased().replacingOccurrences(of: " ", with: ".") + "@example.org"
                contact.phone = c % 3 == 1 ? "+44 20 7946 01\(10 + c)" : nil
                contact.postalAddress = nil
                contact.seniority = [Seniority.senior, .executive, .junior, .mid][c % 4].rawValue
                contact.focusArea = c % 2 == 0 ? "technology" : nil
                contact.preferredChannel = c % 3 == 1 ? ContactChannel.phone.rawValue : ContactChannel.email.rawValue
                // A referral chain: Maya → Jo → Kim.
                if c == 1 || c == 2 {
                    contact.referredBy = contacts[c - 1].name
                    contact.referredByContactID = contacts[c - 1].id
                }
                contact.targetIDs = [targetRecords[c < 3 ? 0 : (c < 5 ? 1 : 2)].id!.uuidString]
                try await contact.create(on: db)
                contacts.append(contact)
            }
            // One practitioner on Guild, asked on the platform.
            if let practitioner = practitioners.first(where: { $0.id != explorer.id }) {
                let contact = ContactRecord()
                contact.$explorer.id = explorerID
                contact.memberID = practitioner.id
                contact.name = practitioner.displayName
                contact.title = "Independent professional"
                contact.organisation = "their own practice"
                contact.email = practitioner.email
                contact.seniority = Seniority.senior.rawValue
                contact.preferredChannel = ContactChannel.email.rawValue
                contact.targetIDs = [targetRecords[0].id!.uuidString]
                try await contact.create(on: db)
                contacts.append(contact)
            }
            // Interviews in every stage, with times that make the dashboard interesting.
            let plans: [(Int, InterviewStage)] = [(0, .thanked), (1, .held), (2, .scheduled), (3, .requested), (4, .followingUp), (5, .toContact), (6, .declined)]
            for (c, stage) in plans {
                let contact = contacts[c]
                let targetID = UUID(uuidString: contact.targetIDs[0])!
                let i = InterviewRecord(explorerID: explorerID, targetID: targetID, contactID: contact.id!, minutes: [20, 30, 15, 20, 25, 20, 20][c])
                i.stage = stage.rawValue
                let order: [InterviewStage] = [.toContact, .requested, .scheduled, .held, .thanked]
                let reached = order.firstIndex(of: stage == .followingUp || stage == .declined ? .requested : stage) ?? 0
                if reached >= 1 { i.requestSentAt = now.addingTimeInterval(-Double((stage == .followingUp ? 12 : 4 + n % 3) * 86_400)) }
                if reached >= 2 { i.scheduledAt = stage == .scheduled ? now.addingTimeInterval(Double(2 + n) * 3_600) : now.addingTimeInterval(-2 * 86_400) }
                if reached >= 3 {
                    i.heldAt = stage == .held ? now.addingTimeInterval(-5 * 3_600) : now.addingTimeInterval(-2 * 86_400)
                    i.startedAt = i.heldAt?.addingTimeInterval(-Double(i.minutes * 60))
                    i.mostInteresting = "how diary studies reveal habits people never mention in interviews"
                    i.adviceToAct = "join the local ResearchOps meetup and share a case study"
                    i.whatIShared = "the report on remote testing"
                    let findings = try await InterviewStore.findings(target: targetID, on: db)
                    let contactCore = contact.core
                    let plan = QuestionPlanner.plan(findings: findings.map(\.core), contact: contactCore, minutes: i.minutes)
                    if let first = plan.questions.first { i.notes = [first.id: "started by running guerrilla tests in cafés"] }
                    if let f = findings.first(where: { $0.kind == FindingKind.salary.rawValue }) {
                        f.verdict = FindingVerdict.refined.rawValue
                        f.verdictNote = "closer to 55,000 in the city"
                        f.verdictAt = i.heldAt
                        try await f.update(on: db)
                    }
                }
                if reached >= 4 { i.thankedAt = now.addingTimeInterval(-1 * 86_400) }
                if stage == .followingUp { i.followUpsSent = 1 }
                try await i.create(on: db)
                created.append(i.id!)
                // What the contact recommended reading becomes a research source, through the same step as the page's;
                // the explorer has read the one from the thanked conversation, which the follow-up note then names.
                if reached >= 3 {
                    i.$target.value = targetRecords.first { $0.id == targetID }
                    i.$contact.value = contact
                    let source = try await InterviewStore.addSource(SourceInput(title: stage == .thanked ? "Just Enough Research, by Erika Hall" : "The ResearchOps Community newsletter",
                                                                                link: "https://example.org/reading/\(c)", kind: stage == .thanked ? "read" : "follow",
                                                                                note: "Recommended as the best short introduction"),
                                                                    to: i, now: i.heldAt ?? now, on: db)
                    if stage == .thanked { try await InterviewStore.markSource(source, read: true, now: now, on: db) }
                }
            }
            if let platformContact = contacts.last, platformContact.memberID != nil {
                let i = InterviewRecord(explorerID: explorerID, targetID: targetRecords[0].id!, contactID: platformContact.id!, minutes: 20)
                i.stage = InterviewStage.requested.rawValue
                i.requestSentAt = now.addingTimeInterval(-3_600)
                i.practitionerID = platformContact.memberID
                i.platformStatus = PlatformStatus.pending.rawValue
                i.$target.value = targetRecords[0]
                i.$contact.value = platformContact
                let draft = try await InterviewStore.requestDraft(i, explorer: explorer, channel: .email, baseURL: demo.app.guild.publicBaseURL, on: db)
                i.requestSubject = draft.subject
                i.requestBody = draft.body
                try await i.create(on: db)
                created.append(i.id!)
            }
            progress.show(n + 1)
        }
        progress.finish()
        demo.created["interviews", default: []] += created
    }
}
