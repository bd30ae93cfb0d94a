// /api/v1/interviews/…: research targets, findings, contacts, interviews, drafts, plans, files and on-platform requests.
// Everything is the explorer's own; another member's id is a 404 (the practitioner of an on-platform request excepted).
import Vapor
import Fluent
import GuildCore

struct InterviewsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberAPI()).grouped("interviews")
        r.get("dashboard", use: dashboard)
        r.get("follow-ups", use: followUps)
        r.post("drafts", "check", use: checkDraft)
        r.get("incoming", use: incoming)

        r.post("targets", use: createTarget)
        r.get("targets", use: listTargets)
        r.get("targets", ":targetID", use: showTarget)
        r.patch("targets", ":targetID", use: updateTarget)
        r.post("targets", ":targetID", "findings", use: addFinding)
        r.get("targets", ":targetID", "findings", use: listFindings)

        r.post("contacts", use: createContact)
        r.get("contacts", use: listContacts)
        r.get("contacts", ":contactID", use: showContact)
        r.put("contacts", ":contactID", use: updateContact)
        r.post("contacts", ":contactID", "referrals", use: addReferral)
        r.get("contacts", ":contactID", "chain", use: chain)

        r.post(use: createInterview)
        r.get(use: listInterviews)
        r.get(":interviewID", use: showInterview)
        r.post(":interviewID", "stage", use: moveStage)
        r.get(":interviewID", "request", use: request)
        r.get(":interviewID", "request.eml", use: requestEML)
        r.get(":interviewID", "plan", use: plan)
        r.put(":interviewID", "plan", use: savePlan)
        r.post(":interviewID", "start", use: start)
        r.get(":interviewID", "clock", use: clock)
        r.post(":interviewID", "notes", use: saveNotes)
        r.post(":interviewID", "outcomes", use: recordOutcome)
        r.get(":interviewID", "thank-you", use: thankYou)
        r.get(":interviewID", "follow-up", use: followUpNote)
        r.post(":interviewID", "sources", use: addSource)
        r.get(":interviewID", "sources", use: interviewSources)
        r.get("targets", ":targetID", "sources", use: targetSources)
        r.patch("sources", ":sourceID", use: markSource)
        r.get(":interviewID", "invite.ics", use: invite)
        r.post(":interviewID", "platform-request", use: platformRequest)
        r.post(":interviewID", "accept", use: accept)
        r.post(":interviewID", "propose", use: propose)
        r.post(":interviewID", "decline", use: decline)
    }

    func base(_ req: Request) -> String { req.application.guild.publicBaseURL }

    // MARK: targets and findings

    func createTarget(req: Request) async throws -> Response {
        let input = try req.content.decode(TargetInput.self)
        let t = try await InterviewStore.createTarget(input, owner: try req.memberID(), on: req.db)
        return try await CreatedID(id: t.requireID()).encodeResponse(status: .created, for: req)
    }

    func listTargets(req: Request) async throws -> [TargetDTO] {
        try await InterviewStore.targetDTOs(owner: try req.memberID(), on: req.db)
    }

    func showTarget(req: Request) async throws -> TargetDTO {
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        return try await InterviewStore.targetDTO(t, on: req.db)
    }

    /// The explorer's LAMP judgements: motivation and postings, 0–3 each.
    func updateTarget(req: Request) async throws -> TargetDTO {
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        try await InterviewStore.setLamp(try req.content.decode(LampInput.self), on: t, on: req.db)
        return try await InterviewStore.targetDTO(t, on: req.db)
    }

    func addFinding(req: Request) async throws -> Response {
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        let input = try req.content.decode(FindingInput.self)
        let f = try await InterviewStore.addFinding(input, to: t, now: req.interviewNow, on: req.db)
        return try await FindingDTO(f).encodeResponse(status: .created, for: req)
    }

    func listFindings(req: Request) async throws -> [FindingDTO] {
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        return try await InterviewStore.findings(target: t.requireID(), on: req.db).map(FindingDTO.init)
    }

    // MARK: contacts

    func createContact(req: Request) async throws -> Response {
        let input = try req.content.decode(ContactInput.self)
        let c = try await InterviewStore.createContact(input, owner: try req.memberID(), on: req.db)
        return try await CreatedID(id: c.requireID()).encodeResponse(status: .created, for: req)
    }

    func listContacts(req: Request) async throws -> [ContactDTO] {
        try await InterviewStore.contactDTOs(owner: try req.memberID(), on: req.db)
    }

    func showContact(req: Request) async throws -> ContactDTO {
        let owner = try req.memberID()
        let c = try await InterviewStore.contact(req.parameters.get("contactID"), owner: owner, on: req.db)
        return try await InterviewStore.contactDTO(c, on: req.db)
    }

    func updateContact(req: Request) async throws -> ContactDTO {
        let owner = try req.memberID()
        let c = try await InterviewStore.contact(req.parameters.get("contactID"), owner: owner, on: req.db)
        let input = try req.content.decode(ContactInput.self)
        try await InterviewStore.updateContact(c, with: input, owner: owner, on: req.db)
        return try await InterviewStore.contactDTO(c, on: req.db)
    }

    func addReferral(req: Request) async throws -> Response {
        let owner = try req.memberID()
        let referrer = try await InterviewStore.contact(req.parameters.get("contactID"), owner: owner, on: req.db)
        let input = try req.content.decode(ContactInput.self)
        let c = try await InterviewStore.createContact(input, owner: owner, referrer: referrer, on: req.db)
        return try await CreatedID(id: c.requireID()).encodeResponse(status: .created, for: req)
    }

    func chain(req: Request) async throws -> ChainDTO {
        let c = try await InterviewStore.contact(req.parameters.get("contactID"), owner: try req.memberID(), on: req.db)
        return try await InterviewStore.chain(c, on: req.db)
    }

    // MARK: interviews

    func createInterview(req: Request) async throws -> Response {
        let input = try req.content.decode(InterviewInput.self)
        let i = try await InterviewStore.createInterview(input, owner: try req.memberID(), on: req.db)
        return try await CreatedID(id: i.requireID()).encodeResponse(status: .created, for: req)
    }

    func listInterviews(req: Request) async throws -> [InterviewDTO] {
        try await InterviewStore.interviews(owner: try req.memberID(), on: req.db)
            .map { InterviewDTO($0, target: $0.target, contact: $0.contact) }
    }

    func load(_ req: Request) async throws -> InterviewRecord {
        try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
    }

    func showInterview(req: Request) async throws -> InterviewDTO {
        let i = try await load(req)
        return InterviewDTO(i, target: i.target, contact: i.contact)
    }

    func moveStage(req: Request) async throws -> InterviewDTO {
        let i = try await load(req)
        let input = try req.content.decode(StageInput.self)
        let when = try input.scheduledAt.map { try InterviewDates.parse($0, field: "scheduledAt") }
        try await InterviewStore.move(i, to: input.stage, scheduledAt: when, now: req.interviewNow, on: req.db)
        return InterviewDTO(i, target: i.target, contact: i.contact)
    }

    func request(req: Request) async throws -> RequestDTO {
        let i = try await load(req)
        var channel: ContactChannel? = nil
        if let raw = req.query[String.self, at: "channel"] {
            guard let c = ContactChannel(rawValue: raw) else { throw ValidationErrors([.init(field: "channel", reason: "must be email, phone or post")]) }
            channel = c
        }
        return try await InterviewStore.requestDraft(i, explorer: try req.member(), channel: channel, baseURL: base(req), on: req.db)
    }

    func checkDraft(req: Request) async throws -> WarningsDTO {
        let input = try req.content.decode(DraftCheckInput.self)
        return WarningsDTO(warnings: try InterviewStore.checkDraft(subject: input.subject, body: input.body, referredBy: input.referredBy,
                                                                   channel: input.channel ?? .email, kind: input.kind ?? .request,
                                                                   organisation: input.organisation))
    }

    func requestEML(req: Request) async throws -> Response {
        let i = try await load(req)
        let file = try await InterviewStore.emailFile(i, explorer: try req.member(), now: req.interviewNow, baseURL: base(req), on: req.db)
        let res = Response(status: .ok, body: .init(string: file.render()))
        res.headers.contentType = HTTPMediaType(type: "message", subType: "rfc822")
        res.headers.contentDisposition = .init(.attachment, filename: "request.eml")
        return res
    }

    func plan(req: Request) async throws -> PlanDTO {
        try await InterviewStore.planDTO(try await load(req), on: req.db)
    }

    func savePlan(req: Request) async throws -> PlanDTO {
        let i = try await load(req)
        let input = try req.content.decode(PlanInput.self)
        _ = try await InterviewStore.savePlan(input, for: i, on: req.db)
        return try await InterviewStore.planDTO(i, on: req.db)
    }

    func start(req: Request) async throws -> ClockDTO {
        let i = try await load(req)
        try await InterviewStore.start(i, now: req.interviewNow, on: req.db)
        return InterviewStore.clock(i, now: req.interviewNow)
    }

    func clock(req: Request) async throws -> ClockDTO {
        InterviewStore.clock(try await load(req), now: req.interviewNow)
    }

    func saveNotes(req: Request) async throws -> InterviewDTO {
        let i = try await load(req)
        try await InterviewStore.saveNotes(try req.content.decode(NotesInput.self), for: i, on: req.db)
        return InterviewDTO(i, target: i.target, contact: i.contact)
    }

    func recordOutcome(req: Request) async throws -> FindingDTO {
        let i = try await load(req)
        let input = try req.content.decode(OutcomeInput.self)
        return FindingDTO(try await InterviewStore.recordOutcome(input, for: i, now: req.interviewNow, on: req.db))
    }

    func thankYou(req: Request) async throws -> ThankYouDTO {
        let i = try await load(req)
        return try await InterviewStore.thankYou(i, explorer: try req.member(), now: req.interviewNow, baseURL: base(req), on: req.db)
    }

    /// The follow-up weeks later; `whatIDid` is the explorer's own account of what they did with the advice.
    func followUpNote(req: Request) async throws -> FollowUpNoteDTO {
        let i = try await load(req)
        return try await InterviewStore.followUpNote(i, explorer: try req.member(), whatIDid: req.query[String.self, at: "whatIDid"],
                                                     now: req.interviewNow, baseURL: base(req), on: req.db)
    }

    // MARK: research sources from conversations

    func addSource(req: Request) async throws -> Response {
        let i = try await load(req)
        let s = try await InterviewStore.addSource(try req.content.decode(SourceInput.self), to: i, now: req.interviewNow, on: req.db)
        s.$contact.value = i.contact
        return try await SourceDTO(s).encodeResponse(status: .created, for: req)
    }

    func interviewSources(req: Request) async throws -> [SourceDTO] {
        let i = try await load(req)
        return try await InterviewStore.sources(interview: try i.requireID(), on: req.db).map(SourceDTO.init)
    }

    func targetSources(req: Request) async throws -> [SourceDTO] {
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        return try await InterviewStore.sources(target: try t.requireID(), on: req.db).map(SourceDTO.init)
    }

    func markSource(req: Request) async throws -> SourceDTO {
        let s = try await InterviewStore.source(req.parameters.get("sourceID"), owner: try req.memberID(), on: req.db)
        try await InterviewStore.markSource(s, read: try req.content.decode(SourceReadInput.self).read, now: req.interviewNow, on: req.db)
        return SourceDTO(s)
    }

    func invite(req: Request) async throws -> Response {
        let i = try await InterviewStore.interviewForParty(req.parameters.get("interviewID"), member: try req.memberID(), on: req.db)
        let text = try await InterviewStore.invite(i, now: req.interviewNow, baseURL: base(req), on: req.db)
        let res = Response(status: .ok, body: .init(string: text))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        res.headers.contentDisposition = .init(.attachment, filename: "interview.ics")
        return res
    }

    func dashboard(req: Request) async throws -> DashboardDTO {
        try await InterviewStore.dashboard(owner: try req.memberID(), now: req.interviewNow, on: req.db)
    }

    func followUps(req: Request) async throws -> [FollowUpDTO] {
        try await InterviewStore.followUps(owner: try req.memberID(), now: req.interviewNow, on: req.db)
    }

    // MARK: on-platform requests

    func platformRequest(req: Request) async throws -> InterviewDTO {
        let i = try await load(req)
        try await InterviewStore.sendPlatformRequest(i, explorer: try req.member(), now: req.interviewNow, baseURL: base(req), on: req.db)
        let fresh = try await load(req)
        return InterviewDTO(fresh, target: fresh.target, contact: fresh.contact)
    }

    func incoming(req: Request) async throws -> [IncomingDTO] {
        try await InterviewStore.incomingRequests(practitioner: try req.memberID(), on: req.db).map(InterviewStore.incomingDTO)
    }

    func loadIncoming(_ req: Request) async throws -> InterviewRecord {
        try await InterviewStore.incoming(req.parameters.get("interviewID"), practitioner: try req.memberID(), on: req.db)
    }

    func accept(req: Request) async throws -> IncomingDTO {
        let i = try await loadIncoming(req)
        try await InterviewStore.accept(i, practitioner: try req.member(), input: try req.content.decode(AcceptInput.self), on: req.db)
        return InterviewStore.incomingDTO(i)
    }

    func propose(req: Request) async throws -> IncomingDTO {
        let i = try await loadIncoming(req)
        try await InterviewStore.propose(i, input: try req.content.decode(ProposeInput.self), on: req.db)
        return InterviewStore.incomingDTO(i)
    }

    func decline(req: Request) async throws -> IncomingDTO {
        let i = try await loadIncoming(req)
        try await InterviewStore.decline(i, practitioner: try req.member(), input: try req.content.decode(DeclineInput.self), on: req.db)
        return InterviewStore.incomingDTO(i)
    }
}
