// The interviews pages under /interviews (members only; every form carries the CSRF token).
// Thin: forms are decoded, InterviewStore does the work, templates show the results.
import Vapor
import Fluent
import GuildCore

struct InterviewsPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped(RequireMemberPage()).grouped("interviews")
        r.get(use: dashboard)
        r.post("targets", use: createTarget)
        r.get("targets", ":targetID", use: targetPage)
        r.post("targets", ":targetID", "findings", use: addFinding)
        r.get("contacts", use: contactsPage)
        r.post("contacts", use: createContact)
        r.get("contacts", ":contactID", use: contactPage)
        r.post("contacts", ":contactID", use: updateContact)
        r.post("contacts", ":contactID", "referrals", use: addReferral)
        r.post("new", use: createInterview)
        r.get("incoming", use: incomingPage)
        r.post("incoming", ":interviewID", "accept", use: accept)
        r.post("incoming", ":interviewID", "propose", use: propose)
        r.post("incoming", ":interviewID", "decline", use: decline)
        r.get(":interviewID", use: interviewPage)
        r.post(":interviewID", "check", use: checkDraft)
        r.post(":interviewID", "stage", use: moveStage)
        r.post(":interviewID", "platform-request", use: platformRequest)
        r.get(":interviewID", "request.eml", use: requestEML)
        r.get(":interviewID", "invite.ics", use: invite)
        r.get(":interviewID", "plan", use: planPage)
        r.post(":interviewID", "plan", "move", use: planMove)
        r.post(":interviewID", "plan", "edit", use: planEdit)
        r.post(":interviewID", "plan", "add", use: planAdd)
        r.post(":interviewID", "plan", "remove", use: planRemove)
        r.get(":interviewID", "conversation", use: conversationPage)
        r.post(":interviewID", "start", use: start)
        r.post(":interviewID", "notes", use: saveNotes)
        r.post(":interviewID", "outcomes", use: saveOutcome)
        r.get(":interviewID", "thank-you", use: thankYouPage)
    }

    static let stageLabels: [(String, String)] = [
        ("to_contact", "To contact"), ("requested", "Requested"), ("scheduled", "Scheduled"),
        ("held", "Held"), ("thanked", "Thanked"), ("following_up", "Following up"),
    ]
    static func label(_ stage: String) -> String { stageLabels.first { $0.0 == stage }?.1 ?? stage }

    struct Option: Encodable { var value: String; var label: String }
    static let targetKinds = TargetKind.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.capitalized) }
    static let findingKinds = FindingKind.allCases.map { Option(value: $0.rawValue, label: $0.label) }
    static let seniorities = Seniority.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.capitalized) }
    static let channels = [Option(value: "email", label: "Email"), Option(value: "phone", label: "Phone"), Option(value: "post", label: "Letter")]
    static let questionKinds = QuestionKind.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.capitalized) }

    static func errorMap(_ e: ValidationErrors) -> [String: String] {
        var map: [String: String] = [:]
        for err in e.errors where map[err.field] == nil { map[err.field] = err.reason }
        return map
    }

    // MARK: dashboard

    struct DashboardView: Encodable {
        struct Column: Encodable { var stage: String; var label: String; var contacts: [ContactSummary] }
        struct Row: Encodable { var id: UUID; var contactName: String; var targetName: String; var stage: String; var stageLabel: String; var minutes: Int }
        var targets: [TargetDTO]
        var columns: [Column]
        var due: [DueItem]
        var followUps: [FollowUpDTO]
        var followUpRules: [String]
        var interviews: [Row]
        var incomingCount: Int
        var kinds: [Option]
        var values: [String: String]
        @EmptyAsNull var errors: [String: String]
    }

    func dashboard(req: Request) async throws -> Response {
        try await renderDashboard(req, values: [:], errors: [:], status: .ok)
    }

    func renderDashboard(_ req: Request, values: [String: String], errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let me = try req.memberID()
        let dash = try await InterviewStore.dashboard(owner: me, now: req.interviewNow, on: req.db)
        let rows = try await InterviewRecord.query(on: req.db).filter(\.$explorer.$id == me).with(\.$target).with(\.$contact).sort(\.$createdAt, .descending).all()
            .map { DashboardView.Row(id: $0.id!, contactName: $0.contact.name, targetName: $0.target.name, stage: $0.stage, stageLabel: Self.label($0.stage), minutes: $0.minutes) }
        let incoming = try await InterviewRecord.query(on: req.db).filter(\.$practitionerID == me)
            .filter(\.$platformStatus ~~ [PlatformStatus.pending.rawValue, PlatformStatus.proposed.rawValue]).count()
        let columns = Self.stageLabels.map { DashboardView.Column(stage: $0.0, label: $0.1, contacts: dash.contactsByStatus[$0.0] ?? []) }
        return try await req.render("interviews/dashboard", title: "Explore careers",
                                    DashboardView(targets: dash.targets, columns: columns, due: dash.due,
                                                  followUps: try await InterviewStore.followUps(owner: me, now: req.interviewNow, on: req.db),
                                                  followUpRules: FollowUpPolicy.threeBSeven.descriptions, interviews: rows, incomingCount: incoming,
                                                  kinds: Self.targetKinds, values: values, errors: errors), form: true, status: status)
    }

    func createTarget(req: Request) async throws -> Response {
        struct Form: Content { var kind: String?; var name: String? }
        let form = try req.content.decode(Form.self)
        do {
            guard let kind = TargetKind(rawValue: form.kind ?? "") else { throw ValidationErrors([.init(field: "kind", reason: "Choose job, organisation or industry.")]) }
            let t = try await InterviewStore.createTarget(TargetInput(kind: kind, name: form.name ?? ""), owner: try req.memberID(), on: req.db)
            req.flash("Target added. Now record what you find out about it.")
            return req.redirect(to: "/interviews/targets/\(try t.requireID())")
        } catch let e as ValidationErrors {
            return try await renderDashboard(req, values: ["kind": form.kind ?? "", "name": form.name ?? ""], errors: Self.errorMap(e), status: .unprocessableEntity)
        }
    }

    // MARK: target

    struct TargetView: Encodable {
        var target: TargetDTO
        var findings: [FindingDTO]
        var kinds: [Option]
        var policy: [String]
        var values: [String: String]
        var share: Bool
        @EmptyAsNull var errors: [String: String]
    }

    func targetPage(req: Request) async throws -> Response {
        try await renderTarget(req, values: [:], share: false, errors: [:], status: .ok)
    }

    func renderTarget(_ req: Request, values: [String: String], share: Bool, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        let findings = try await InterviewStore.findings(target: t.requireID(), on: req.db)
        let dto = TargetDTO(id: t.id!, kind: t.kind, name: t.name, findingCount: findings.count, readiness: ResearchReadiness.assess(findings: findings.map(\.core)))
        return try await req.render("interviews/target", title: t.name,
                                    TargetView(target: dto, findings: findings.map(FindingDTO.init), kinds: Self.findingKinds,
                                               policy: ReadinessPolicy.standard.descriptions, values: values, share: share, errors: errors),
                                    form: true, status: status)
    }

    func addFinding(req: Request) async throws -> Response {
        struct Form: Content { var kind: String?; var statement: String?; var source: String?; var share: String? }
        let t = try await InterviewStore.target(req.parameters.get("targetID"), owner: try req.memberID(), on: req.db)
        let form = try req.content.decode(Form.self)
        let share = form.share == "on" || form.share == "true"
        do {
            guard let kind = FindingKind(rawValue: form.kind ?? "") else { throw ValidationErrors([.init(field: "kind", reason: "Choose a kind of finding.")]) }
            _ = try await InterviewStore.addFinding(FindingInput(kind: kind, statement: form.statement ?? "", source: form.source, share: share),
                                                    to: t, now: req.interviewNow, on: req.db)
            req.flash("Finding saved.")
            return req.redirect(to: "/interviews/targets/\(try t.requireID())")
        } catch let e as ValidationErrors {
            return try await renderTarget(req, values: ["kind": form.kind ?? "", "statement": form.statement ?? "", "source": form.source ?? ""],
                                          share: share, errors: Self.errorMap(e), status: .unprocessableEntity)
        }
    }

    // MARK: contacts

    struct ContactForm: Content {
        var name: String?; var title: String?; var organisation: String?; var email: String?; var phone: String?
        var postalAddress: String?; var seniority: String?; var focusArea: String?; var preferredChannel: String?
        var referredBy: String?; var memberId: String?
        /// The edit form lists the research targets as checkboxes; `targetsShown` says the list was on the form.
        var targetIds: [String]?; var targetsShown: String?

        var values: [String: String] {
            ["name": name ?? "", "title": title ?? "", "organisation": organisation ?? "", "email": email ?? "", "phone": phone ?? "",
             "postalAddress": postalAddress ?? "", "seniority": seniority ?? "mid", "focusArea": focusArea ?? "",
             "preferredChannel": preferredChannel ?? "email", "referredBy": referredBy ?? "", "memberId": memberId ?? ""]
        }

        func input() throws -> ContactInput {
            var errors: [ValidationError] = []
            let s = Seniority(rawValue: seniority ?? "")
            let c = ContactChannel(rawValue: preferredChannel ?? "")
            if s == nil { errors.append(.init(field: "seniority", reason: "Choose junior, mid, senior or executive.")) }
            if c == nil { errors.append(.init(field: "preferredChannel", reason: "Choose email, phone or letter.")) }
            var member: UUID? = nil
            if let raw = memberId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                // Accept a pasted profile address as well as a bare id.
                let last = raw.split(separator: "/").last.map(String.init) ?? raw
                if let id = UUID(uuidString: last) { member = id } else { errors.append(.init(field: "memberId", reason: "Paste the member's profile address or id.")) }
            }
            if !errors.isEmpty { throw ValidationErrors(errors) }
            return ContactInput(name: name ?? "", title: title ?? "", organisation: organisation ?? "", email: email, phone: phone,
                                postalAddress: postalAddress, seniority: s!, focusArea: focusArea, preferredChannel: c!, referredBy: referredBy,
                                memberId: member, targetIds: nil)
        }

        static func from(_ c: ContactRecord) -> [String: String] {
            ["name": c.name, "title": c.title, "organisation": c.organisation, "email": c.email ?? "", "phone": c.phone ?? "",
             "postalAddress": c.postalAddress ?? "", "seniority": c.seniority, "focusArea": c.focusArea ?? "",
             "preferredChannel": c.preferredChannel, "referredBy": c.referredBy ?? "", "memberId": c.memberID?.uuidString ?? ""]
        }
    }

    struct ContactsView: Encodable {
        struct Row: Encodable { var contact: ContactDTO; var statusLabel: String }
        var contacts: [Row]
        var seniorities: [Option]
        var channels: [Option]
        var values: [String: String]
        @EmptyAsNull var errors: [String: String]
    }

    func contactsPage(req: Request) async throws -> Response {
        try await renderContacts(req, values: ["seniority": "mid", "preferredChannel": "email"], errors: [:], status: .ok)
    }

    func renderContacts(_ req: Request, values: [String: String], errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let me = try req.memberID()
        let statuses = try await InterviewStore.contactStatuses(owner: me, on: req.db)
        let rows = try await ContactRecord.query(on: req.db).filter(\.$explorer.$id == me).sort(\.$name).all().map { c -> ContactsView.Row in
            let s = statuses[c.id!] ?? .toContact
            return ContactsView.Row(contact: ContactDTO(c, status: s), statusLabel: s.label)
        }
        return try await req.render("interviews/contacts", title: "Contacts",
                                    ContactsView(contacts: rows, seniorities: Self.seniorities, channels: Self.channels, values: values, errors: errors),
                                    form: true, status: status)
    }

    func createContact(req: Request) async throws -> Response {
        let form = try req.content.decode(ContactForm.self)
        do {
            let c = try await InterviewStore.createContact(try form.input(), owner: try req.memberID(), on: req.db)
            req.flash("Contact added.")
            return req.redirect(to: "/interviews/contacts/\(try c.requireID())")
        } catch let e as ValidationErrors {
            return try await renderContacts(req, values: form.values, errors: Self.errorMap(e), status: .unprocessableEntity)
        }
    }

    struct ContactView: Encodable {
        struct LinkedTarget: Encodable { var id: UUID; var name: String; var linked: Bool }
        var contact: ContactDTO
        var linkedTargets: [LinkedTarget]
        var statusLabel: String
        var chain: ChainDTO
        var targets: [TargetDTO]
        var seniorities: [Option]
        var channels: [Option]
        var values: [String: String]
        @EmptyAsNull var errors: [String: String]
        var referralValues: [String: String]
        var referralErrors: [String: String]
    }

    func contactPage(req: Request) async throws -> Response {
        let c = try await InterviewStore.contact(req.parameters.get("contactID"), owner: try req.memberID(), on: req.db)
        return try await renderContact(req, c, values: ContactForm.from(c), errors: [:], referralValues: ["seniority": "mid", "preferredChannel": "email"], referralErrors: [:], status: .ok)
    }

    func renderContact(_ req: Request, _ c: ContactRecord, values: [String: String], errors: [String: String],
                       referralValues: [String: String], referralErrors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let me = try req.memberID()
        let statuses = try await InterviewStore.contactStatuses(owner: me, on: req.db)
        let contactStatus = statuses[c.id!] ?? .toContact
        let targets = try await InterviewStore.targetDTOs(owner: me, on: req.db)
        let linked = targets.map { ContactView.LinkedTarget(id: $0.id, name: $0.name, linked: c.targetIDs.contains($0.id.uuidString)) }
        let view = ContactView(contact: ContactDTO(c, status: contactStatus), linkedTargets: linked, statusLabel: contactStatus.label,
                               chain: try await InterviewStore.chain(c, on: req.db), targets: targets, seniorities: Self.seniorities, channels: Self.channels,
                               values: values, errors: errors, referralValues: referralValues, referralErrors: referralErrors)
        return try await req.render("interviews/contact", title: c.name, view, form: true, status: status)
    }

    func updateContact(req: Request) async throws -> Response {
        let me = try req.memberID()
        let c = try await InterviewStore.contact(req.parameters.get("contactID"), owner: me, on: req.db)
        let form = try req.content.decode(ContactForm.self)
        do {
            var input = try form.input()
            if form.targetsShown != nil {
                let ids = (form.targetIds ?? []).compactMap(UUID.init(uuidString:))
                if ids.count != (form.targetIds ?? []).count { throw ValidationErrors([.init(field: "targetIds", reason: "Must name your own research targets.")]) }
                input.targetIds = ids
            } else {
                input.targetIds = c.targetIDs.compactMap(UUID.init(uuidString:))
            }
            try await InterviewStore.apply(input, to: c, owner: me, on: req.db)
            try await c.update(on: req.db)
            req.flash("Contact saved.")
            return req.redirect(to: "/interviews/contacts/\(try c.requireID())")
        } catch let e as ValidationErrors {
            let fresh = try await InterviewStore.contact(req.parameters.get("contactID"), owner: me, on: req.db)
            return try await renderContact(req, fresh, values: form.values, errors: Self.errorMap(e), referralValues: ["seniority": "mid", "preferredChannel": "email"], referralErrors: [:], status: .unprocessableEntity)
        }
    }

    func addReferral(req: Request) async throws -> Response {
        let me = try req.memberID()
        let referrer = try await InterviewStore.contact(req.parameters.get("contactID"), owner: me, on: req.db)
        let form = try req.content.decode(ContactForm.self)
        do {
            let c = try await InterviewStore.createContact(try form.input(), owner: me, referrer: referrer, on: req.db)
            req.flash("\(c.name) added, referred by \(referrer.name).")
            return req.redirect(to: "/interviews/contacts/\(try c.requireID())")
        } catch let e as ValidationErrors {
            return try await renderContact(req, referrer, values: ContactForm.from(referrer), errors: [:], referralValues: form.values,
                                           referralErrors: Self.errorMap(e), status: .unprocessableEntity)
        }
    }

    func createInterview(req: Request) async throws -> Response {
        struct Form: Content { var targetId: String?; var contactId: String?; var minutes: String? }
        let form = try req.content.decode(Form.self)
        let me = try req.memberID()
        do {
            guard let minutes = Int(form.minutes ?? "") else { throw ValidationErrors([.init(field: "minutes", reason: "Must be a whole number from 15 to 30.")]) }
            guard let t = InterviewStore.uuid(form.targetId) else { throw ValidationErrors([.init(field: "targetId", reason: "Choose a research target.")]) }
            guard let c = InterviewStore.uuid(form.contactId) else { throw ValidationErrors([.init(field: "contactId", reason: "Choose a contact.")]) }
            let i = try await InterviewStore.createInterview(InterviewInput(targetId: t, contactId: c, minutes: minutes), owner: me, on: req.db)
            req.flash("Interview planned. Draft your request below.")
            return req.redirect(to: "/interviews/\(try i.requireID())")
        } catch let e as ValidationErrors {
            req.flash("Could not plan the interview: " + e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: " "))
            return req.redirect(to: form.contactId.flatMap(InterviewStore.uuid).map { "/interviews/contacts/\($0)" } ?? "/interviews/contacts")
        }
    }

    // MARK: interview

    struct InterviewView: Encodable {
        struct Tab: Encodable { var value: String; var label: String; var active: Bool }
        var interview: InterviewDTO
        var stageLabel: String
        var stageDescription: String
        var nextStages: [Option]
        var contact: ContactDTO
        var draft: RequestDTO
        var tabs: [Tab]
        var checked: Bool
        var checkSubject: String
        var checkBody: String
        var checkWarnings: [DraftWarning]
        var followUp: FollowUpDTO?
        var onPlatform: Bool
        var rules: [String]
        var scheduledLocal: String
    }

    func interviewPage(req: Request) async throws -> Response {
        try await renderInterview(req, check: nil)
    }

    func renderInterview(_ req: Request, check: (subject: String, body: String, warnings: [DraftWarning])?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        var channel = ContactChannel(rawValue: i.contact.preferredChannel) ?? .email
        if let raw = req.query[String.self, at: "channel"], let c = ContactChannel(rawValue: raw) { channel = c }
        let draft = try await InterviewStore.requestDraft(i, explorer: me, channel: channel, baseURL: req.application.guild.publicBaseURL, on: req.db)
        let tabs = Self.channels.map { InterviewView.Tab(value: $0.value, label: $0.label == "Phone" ? "Phone script" : $0.label, active: $0.value == channel.rawValue) }
        let follow = try await InterviewStore.followUps(owner: try me.requireID(), now: req.interviewNow, on: req.db).first { $0.interviewId == i.id }
        let next = i.interviewStage.allowedNextStages.map { Option(value: $0.rawValue, label: Self.label($0.rawValue)) }
        let scheduled = i.scheduledAt.map { InterviewDates.iso($0).prefix(16).description } ?? ""
        let view = InterviewView(interview: InterviewDTO(i, target: i.target, contact: i.contact), stageLabel: Self.label(i.stage),
                                 stageDescription: i.interviewStage.description, nextStages: next, contact: ContactDTO(i.contact, status: i.interviewStage),
                                 draft: draft, tabs: tabs, checked: check != nil, checkSubject: check?.subject ?? draft.subject,
                                 checkBody: check?.body ?? draft.body, checkWarnings: check?.warnings ?? draft.warnings, followUp: follow,
                                 onPlatform: i.contact.memberID != nil, rules: FollowUpPolicy.threeBSeven.descriptions, scheduledLocal: scheduled)
        return try await req.render("interviews/interview", title: "Interview with \(i.contact.name)", view, form: true, status: status)
    }

    func checkDraft(req: Request) async throws -> Response {
        struct Form: Content { var subject: String?; var body: String?; var channel: String? }
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let form = try req.content.decode(Form.self)
        let subject = String((form.subject ?? "").prefix(500)), body = String((form.body ?? "").prefix(20_000))
        let warnings = DraftCheck.check(subject: subject, body: body, referredBy: i.contact.core.referrer,
                                        channel: ContactChannel(rawValue: form.channel ?? "") ?? .email)
        // The page's script asks for JSON and shows the warnings as the explorer types.
        // (A browser's own navigation accepts */*, which must still get the page.)
        if req.headers.first(name: .accept)?.lowercased().hasPrefix("application/json") == true {
            return try await WarningsDTO(warnings: warnings).encodeResponse(for: req)
        }
        return try await renderInterview(req, check: (subject, body, warnings))
    }

    func moveStage(req: Request) async throws -> Response {
        struct Form: Content { var stage: String?; var scheduledAt: String?; var back: String? }
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let form = try req.content.decode(Form.self)
        let back = form.back == "conversation" ? "/interviews/\(i.id!)/conversation" : form.back == "thank-you" ? "/interviews/\(i.id!)/thank-you" : "/interviews/\(i.id!)"
        do {
            guard let stage = InterviewStage(rawValue: form.stage ?? "") else { throw ValidationErrors([.init(field: "stage", reason: "Choose a stage.")]) }
            let when = try (form.scheduledAt?.isEmpty == false) ? InterviewDates.parse(form.scheduledAt, field: "scheduledAt") : nil
            try await InterviewStore.move(i, to: stage, scheduledAt: when, now: req.interviewNow, on: req.db)
            req.flash("Moved to \(Self.label(stage.rawValue)).")
        } catch let e as ValidationErrors {
            req.flash("Not moved: " + e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: " "))
        } catch let e as ConflictError {
            req.flash("Not moved: \(e.message)")
        }
        return req.redirect(to: back)
    }

    func platformRequest(req: Request) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        do {
            try await InterviewStore.sendPlatformRequest(i, explorer: me, now: req.interviewNow, baseURL: req.application.guild.publicBaseURL, on: req.db)
            req.flash("Request sent to \(i.contact.name) on Guild.")
        } catch let e as ConflictError {
            req.flash("Not sent: \(e.message)")
        }
        return req.redirect(to: "/interviews/\(i.id!)")
    }

    func requestEML(req: Request) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        let file = try await InterviewStore.emailFile(i, explorer: me, now: req.interviewNow, baseURL: req.application.guild.publicBaseURL, on: req.db)
        let res = Response(status: .ok, body: .init(string: file.render()))
        res.headers.contentType = HTTPMediaType(type: "message", subType: "rfc822")
        res.headers.contentDisposition = .init(.attachment, filename: "request.eml")
        return res
    }

    func invite(req: Request) async throws -> Response {
        let i = try await InterviewStore.interviewForParty(req.parameters.get("interviewID"), member: try req.memberID(), on: req.db)
        let text = try await InterviewStore.invite(i, now: req.interviewNow, baseURL: req.application.guild.publicBaseURL, on: req.db)
        let res = Response(status: .ok, body: .init(string: text))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        res.headers.contentDisposition = .init(.attachment, filename: "interview.ics")
        return res
    }

    // MARK: plan

    struct PlanView: Encodable {
        struct Row: Encodable { var index: Int; var question: PlanQuestionDTO; var first: Bool; var last: Bool; var up: Int; var down: Int }
        var interview: InterviewDTO
        var plan: PlanDTO
        var rows: [Row]
        var kinds: [Option]
        var rules: [String]
    }

    func planPage(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let plan = try await InterviewStore.planDTO(i, on: req.db)
        let rows = plan.questions.enumerated().map { PlanView.Row(index: $0.offset, question: $0.element, first: $0.offset == 0,
                                                                  last: $0.offset == plan.questions.count - 1, up: $0.offset - 1, down: $0.offset + 1) }
        return try await req.render("interviews/plan", title: "Question plan",
                                    PlanView(interview: InterviewDTO(i, target: i.target, contact: i.contact), plan: plan, rows: rows,
                                             kinds: Self.questionKinds, rules: QuestionPlanner.rules), form: true)
    }

    /// Applies one edit to the current plan (the core validates it) and saves the result.
    func editPlan(_ req: Request, _ edit: (QuestionPlan) throws -> QuestionPlan) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let (plan, _) = try await InterviewStore.currentPlan(i, on: req.db)
        do {
            i.plan = try edit(plan)
            try await i.update(on: req.db)
            req.flash("Plan saved.")
        } catch let e as ValidationErrors {
            req.flash("Plan not changed: " + e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: " "))
        }
        return req.redirect(to: "/interviews/\(i.id!)/plan")
    }

    func planMove(req: Request) async throws -> Response {
        struct Form: Content { var from: Int?; var to: Int? }
        let form = try req.content.decode(Form.self)
        return try await editPlan(req) { try $0.move(from: form.from ?? -1, to: form.to ?? -1) }
    }

    func planEdit(req: Request) async throws -> Response {
        struct Form: Content { var questionId: String?; var text: String? }
        let form = try req.content.decode(Form.self)
        return try await editPlan(req) { try $0.replace(questionID: form.questionId ?? "", text: form.text ?? "") }
    }

    func planAdd(req: Request) async throws -> Response {
        struct Form: Content { var kind: String?; var text: String? }
        let form = try req.content.decode(Form.self)
        return try await editPlan(req) { plan in
            guard let kind = QuestionKind(rawValue: form.kind ?? "") else { throw ValidationErrors([.init(field: "kind", reason: "Choose a kind of question.")]) }
            return try plan.add(text: form.text ?? "", kind: kind)
        }
    }

    func planRemove(req: Request) async throws -> Response {
        struct Form: Content { var questionId: String? }
        let form = try req.content.decode(Form.self)
        return try await editPlan(req) { try $0.remove(questionID: form.questionId ?? "") }
    }

    // MARK: conversation, outcomes, thank-you

    struct ConversationView: Encodable {
        struct Row: Encodable { var number: Int; var question: PlannedQuestion; var note: String }
        struct FindingRow: Encodable { var finding: FindingDTO; var confirmed: Bool; var refined: Bool; var refuted: Bool }
        var interview: InterviewDTO
        var rows: [Row]
        var findings: [FindingRow]
        var speed: Int
        var wrapUpSeconds: Int
        var wrapUpMessage: String
        var overtimeMessage: String
        var canFinish: Bool
        /// Seconds already elapsed when the page was drawn (a started conversation resumes after a reload).
        var elapsedSeconds: Int?
    }

    func conversationPage(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let (plan, _) = try await InterviewStore.currentPlan(i, on: req.db)
        let rows = plan.questions.enumerated().map { ConversationView.Row(number: $0.offset + 1, question: $0.element, note: i.notes[$0.element.id] ?? "") }
        let findings = try await InterviewStore.findings(target: i.$target.id, on: req.db).map {
            ConversationView.FindingRow(finding: FindingDTO($0), confirmed: $0.verdict == "confirmed", refined: $0.verdict == "refined", refuted: $0.verdict == "refuted")
        }
        // Tests may speed the timer up (?speed=60 runs a minute a second); people get real time.
        let speed = min(max(req.query[Int.self, at: "speed"] ?? 1, 1), 600)
        let wrap = ConversationPhase.wrapUp(remaining: ConversationClock.wrapUpSeconds).message ?? ""
        let over = ConversationPhase.overtime(over: 1).message ?? ""
        return try await req.render("interviews/conversation", title: "Conversation with \(i.contact.name)",
                                    ConversationView(interview: InterviewDTO(i, target: i.target, contact: i.contact), rows: rows, findings: findings,
                                                     speed: speed, wrapUpSeconds: Int(ConversationClock.wrapUpSeconds), wrapUpMessage: wrap,
                                                     overtimeMessage: over, canFinish: i.interviewStage == .scheduled,
                                                     elapsedSeconds: i.startedAt.map { Int(max(0, (i.heldAt ?? req.interviewNow).timeIntervalSince($0))) }), form: true)
    }

    /// The timer's start, recorded by the page's script (or the button's form without script).
    func start(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        do {
            try await InterviewStore.start(i, now: req.interviewNow, on: req.db)
        } catch let e as ConflictError {
            if req.headers.first(name: .accept)?.hasPrefix("application/json") == true { throw e }
            req.flash(e.message)
        }
        if req.headers.first(name: .accept)?.hasPrefix("application/json") == true {
            return try await InterviewStore.clock(i, now: req.interviewNow).encodeResponse(for: req)
        }
        return req.redirect(to: "/interviews/\(i.id!)/conversation")
    }

    func saveNotes(req: Request) async throws -> Response {
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        // Notes arrive as note[<question id>] fields next to the three summary fields.
        struct Form: Content { var note: [String: String]?; var mostInteresting: String?; var adviceToAct: String?; var whatIShared: String? }
        let form = try req.content.decode(Form.self)
        do {
            try await InterviewStore.saveNotes(NotesInput(notes: form.note, mostInteresting: form.mostInteresting, adviceToAct: form.adviceToAct,
                                                          whatIShared: form.whatIShared), for: i, on: req.db)
            req.flash("Notes saved.")
        } catch let e as ValidationErrors {
            req.flash("Notes not saved: " + e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: " "))
        }
        return req.redirect(to: "/interviews/\(i.id!)/conversation")
    }

    func saveOutcome(req: Request) async throws -> Response {
        struct Form: Content { var findingId: String?; var verdict: String?; var note: String? }
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try req.memberID(), on: req.db)
        let form = try req.content.decode(Form.self)
        do {
            guard let f = InterviewStore.uuid(form.findingId) else { throw ValidationErrors([.init(field: "findingId", reason: "Choose a finding.")]) }
            guard let v = FindingVerdict(rawValue: form.verdict ?? "") else { throw ValidationErrors([.init(field: "verdict", reason: "Choose confirmed, refined or refuted.")]) }
            _ = try await InterviewStore.recordOutcome(OutcomeInput(findingId: f, verdict: v, note: form.note), for: i, now: req.interviewNow, on: req.db)
            req.flash("Finding marked \(v.rawValue).")
        } catch let e as ValidationErrors {
            req.flash("Not saved: " + e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: " "))
        }
        return req.redirect(to: "/interviews/\(i.id!)/conversation#outcomes")
    }

    struct ThankYouView: Encodable {
        var interview: InterviewDTO
        var note: ThankYouDTO?
        var problem: String?
        var mailto: String?
        var canMarkThanked: Bool
    }

    func thankYouPage(req: Request) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.interview(req.parameters.get("interviewID"), owner: try me.requireID(), on: req.db)
        var note: ThankYouDTO? = nil, problem: String? = nil
        do { note = try await InterviewStore.thankYou(i, explorer: me, now: req.interviewNow, on: req.db) } catch let e as ConflictError { problem = e.message }
        let mailto = note.flatMap { n in i.contact.email.map { MailtoLink.make(to: [$0], subject: n.subject, body: n.body) } }
        return try await req.render("interviews/thank-you", title: "Thank-you note",
                                    ThankYouView(interview: InterviewDTO(i, target: i.target, contact: i.contact), note: note, problem: problem,
                                                 mailto: mailto, canMarkThanked: i.interviewStage == .held), form: true)
    }

    // MARK: incoming (practitioners)

    struct IncomingView: Encodable {
        struct Row: Encodable { var request: IncomingDTO; var open: Bool }
        var requests: [Row]
        var reasons: [Option]
        var openToInterviews: Bool
    }

    func incomingPage(req: Request) async throws -> Response {
        let me = try req.member()
        let list = try await InterviewRecord.query(on: req.db).filter(\.$practitionerID == me.requireID())
            .with(\.$target).with(\.$contact).with(\.$explorer).sort(\.$requestSentAt, .descending).all()
            .map { InterviewStore.incomingDTO($0) }
            .map { IncomingView.Row(request: $0, open: $0.status == "pending" || $0.status == "proposed") }
        let reasons = [Option(value: "", label: "No reason given")] + DeclineReason.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " ").capitalized) }
        return try await req.render("interviews/incoming", title: "Conversation requests",
                                    IncomingView(requests: list, reasons: reasons, openToInterviews: me.openToInterviews), form: true)
    }

    func answer(_ req: Request, _ act: (InterviewRecord, User) async throws -> String) async throws -> Response {
        let me = try req.member()
        let i = try await InterviewStore.incoming(req.parameters.get("interviewID"), practitioner: try me.requireID(), on: req.db)
        do {
            req.flash(try await act(i, me))
        } catch let e as ValidationErrors {
            req.flash("Not sent: " + e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: " "))
        } catch let e as ConflictError {
            req.flash("Not sent: \(e.message)")
        }
        return req.redirect(to: "/interviews/incoming")
    }

    func accept(req: Request) async throws -> Response {
        let input = try req.content.decode(AcceptInput.self)
        return try await answer(req) { i, me in
            try await InterviewStore.accept(i, practitioner: me, input: input, on: req.db)
            return "Accepted. You and \(i.explorer.displayName) can both download the calendar invitation."
        }
    }

    func propose(req: Request) async throws -> Response {
        struct Form: Content { var times: String? }
        let times = try req.content.decode(Form.self).times ?? ""
        return try await answer(req) { i, _ in
            try await InterviewStore.propose(i, input: ProposeInput(times: times), on: req.db)
            return "Other times proposed to \(i.explorer.displayName)."
        }
    }

    func decline(req: Request) async throws -> Response {
        struct Form: Content { var reason: String?; var suggestion: String? }
        let form = try req.content.decode(Form.self)
        return try await answer(req) { i, me in
            try await InterviewStore.decline(i, practitioner: me, input: DeclineInput(reason: form.reason.flatMap(DeclineReason.init(rawValue:)),
                                                                                      suggestion: form.suggestion), on: req.db)
            return "Declined politely. \(i.explorer.displayName) sees your note."
        }
    }
}
