// An interview's stage moves, its question plan, the conversation clock, notes and what each finding turned out to be.
import Vapor
import Fluent
import GuildCore

extension InterviewStore {
    /// A stage move along the core's transitions, stamping the time it happened.
    static func move(_ i: InterviewRecord, to next: InterviewStage, scheduledAt: Date?, now: Date, on db: any Database) async throws {
        let from = i.interviewStage
        let stage = try from.moving(to: next)
        switch stage {
        case .requested: i.requestSentAt = i.requestSentAt ?? now
        case .scheduled:
            guard let when = scheduledAt ?? i.scheduledAt else {
                throw ValidationErrors([ValidationError(field: "scheduledAt", reason: "is required to schedule the conversation")])
            }
            i.scheduledAt = when
        case .held:
            i.heldAt = now
            if i.startedAt == nil { i.startedAt = now.addingTimeInterval(-Double(i.minutes * 60)) }
        case .thanked: i.thankedAt = now
        case .followingUp: i.followUpsSent += 1
        case .toContact, .declined: break
        }
        i.stage = stage.rawValue
        try await i.update(on: db)
    }

    /// Starts (or restarts) the conversation clock; only a scheduled conversation can start.
    static func start(_ i: InterviewRecord, now: Date, on db: any Database) async throws {
        guard i.interviewStage == .scheduled else {
            throw ConflictError(code: "not_scheduled", message: "The interview is in stage '\(i.stage)'; only a scheduled conversation can start.")
        }
        i.startedAt = now
        try await i.update(on: db)
    }

    static func clock(_ i: InterviewRecord, now: Date) -> ClockDTO {
        // Once held, the clock stops at the end of the conversation.
        let phase = ConversationClock.phase(startedAt: i.startedAt, minutes: i.minutes, now: i.heldAt ?? now)
        switch phase {
        case .notStarted: return ClockDTO(phase: "not_started", remainingSeconds: i.minutes * 60, message: phase.message, startedAt: nil)
        case .running(let r): return ClockDTO(phase: "running", remainingSeconds: Int(r.rounded(.up)), message: phase.message, startedAt: InterviewDates.isoOrNil(i.startedAt))
        case .wrapUp(let r): return ClockDTO(phase: "wrap_up", remainingSeconds: Int(r.rounded(.up)), message: phase.message, startedAt: InterviewDates.isoOrNil(i.startedAt))
        case .overtime(let o): return ClockDTO(phase: "overtime", remainingSeconds: -Int(o.rounded(.down)), message: phase.message, startedAt: InterviewDates.isoOrNil(i.startedAt))
        }
    }

    static func currentPlan(_ i: InterviewRecord, on db: any Database) async throws -> (plan: QuestionPlan, edited: Bool) {
        if let plan = i.plan { return (plan, true) }
        let findings = try await findings(target: i.$target.id, on: db).map(\.core)
        let explorer = try await User.find(i.$explorer.id, on: db)
        return (QuestionPlanner.plan(findings: findings, contact: i.contact.core, minutes: i.minutes, background: explorer.flatMap(background)), false)
    }

    /// The explorer's background in their own words, from their profile: the headline, or the bio's first sentence.
    static func background(of user: User) -> String? {
        let headline = user.headline.trimmingCharacters(in: .whitespacesAndNewlines)
        if !headline.isEmpty { return headline }
        let bio = user.bio.trimmingCharacters(in: .whitespacesAndNewlines)
        let first = bio.split(whereSeparator: { ".!?\n".contains($0) }).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        return first.isEmpty ? nil : first
    }

    static func planDTO(_ i: InterviewRecord, on db: any Database) async throws -> PlanDTO {
        let (plan, edited) = try await currentPlan(i, on: db)
        return PlanDTO(id: try i.requireID(), minutes: plan.minutes, estimatedMinutes: plan.estimatedMinutes, edited: edited,
                       questions: plan.questions.map(PlanQuestionDTO.init), warnings: plan.jobRequestWarnings)
    }

    /// Replaces the plan with the explorer's list, validated question by question (errors name `questions[i].text`).
    static func savePlan(_ input: PlanInput, for i: InterviewRecord, on db: any Database) async throws -> QuestionPlan {
        var errors: [ValidationError] = []
        if input.questions.isEmpty { errors.append(.init(field: "questions", reason: "Must hold at least one question.")) }
        if input.questions.count > QuestionPlanner.maximumQuestions * 2 {
            errors.append(.init(field: "questions", reason: "Must hold at most \(QuestionPlanner.maximumQuestions * 2) questions."))
        }
        var plan = QuestionPlan(minutes: i.minutes, questions: [])
        var seen = Set<String>()
        for (index, q) in input.questions.enumerated() {
            let id = (q.id ?? "").trimmingCharacters(in: .whitespaces)
            if !id.isEmpty, seen.contains(id) { errors.append(.init(field: "questions[\(index)].id", reason: "Is used twice.")); continue }
            if id.count > InterviewLimits.questionIDCharacters {
                errors.append(.init(field: "questions[\(index)].id", reason: "Must be at most \(InterviewLimits.questionIDCharacters) characters."))
                continue
            }
            do {
                plan = try id.isEmpty ? plan.add(text: q.text, kind: q.kind) : plan.add(text: q.text, kind: q.kind, id: id)
                plan.questions[plan.questions.count - 1].findingID = q.findingId
                if let tiara = q.tiara { plan.questions[plan.questions.count - 1].tiara = tiara }
                seen.insert(plan.questions[plan.questions.count - 1].id)
            } catch let e as ValidationErrors {
                errors += e.errors.map { .init(field: "questions[\(index)].\($0.field)", reason: $0.reason) }
            }
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        i.plan = plan
        try await i.update(on: db)
        return plan
    }

    static func saveNotes(_ input: NotesInput, for i: InterviewRecord, on db: any Database) async throws {
        var errors: [ValidationError] = []
        // A plan holds at most a couple of dozen questions; more keys than that is not a note-taker.
        if (input.notes ?? [:]).count > QuestionPlanner.maximumQuestions * 4 {
            errors.append(.init(field: "notes", reason: "Must hold at most \(QuestionPlanner.maximumQuestions * 4) notes."))
        }
        for (key, value) in input.notes ?? [:] where value.count > InterviewLimits.noteCharacters || key.count > InterviewLimits.questionIDCharacters {
            errors.append(.init(field: "notes.\(key.prefix(InterviewLimits.questionIDCharacters))", reason: "Must be at most \(InterviewLimits.noteCharacters) characters."))
        }
        for (field, value) in [("mostInteresting", input.mostInteresting), ("adviceToAct", input.adviceToAct), ("whatIShared", input.whatIShared)]
        where (value ?? "").count > InterviewLimits.summaryCharacters {
            errors.append(.init(field: field, reason: "Must be at most \(InterviewLimits.summaryCharacters) characters."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        var notes = i.notes
        for (key, value) in input.notes ?? [:] {
            let clean = value.trimmingCharacters(in: .whitespacesAndNewlines)
            notes[key] = clean.isEmpty ? nil : clean
        }
        i.notes = notes
        func clean(_ s: String?, _ old: String?) -> String? {
            guard let s else { return old }
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }
        i.mostInteresting = clean(input.mostInteresting, i.mostInteresting)
        i.adviceToAct = clean(input.adviceToAct, i.adviceToAct)
        i.whatIShared = clean(input.whatIShared, i.whatIShared)
        try await i.update(on: db)
    }

    static func recordOutcome(_ input: OutcomeInput, for i: InterviewRecord, now: Date, on db: any Database) async throws -> FindingRecord {
        let note = input.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        try FindingOutcome(findingID: input.findingId, verdict: input.verdict, note: note).validate()
        guard let f = try await FindingRecord.query(on: db).filter(\.$id == input.findingId)
            .filter(\.$target.$id == i.$target.id).filter(\.$explorer.$id == i.$explorer.id).first() else {
            throw ValidationErrors([ValidationError(field: "findingId", reason: "Must name a finding of this interview's research target.")])
        }
        f.verdict = input.verdict.rawValue
        f.verdictNote = (note ?? "").isEmpty ? nil : note
        f.verdictAt = now
        // Each conversation keeps its own verdict; the single columns above hold the latest for older clients.
        f.verdicts = FindingVerdicts.recording(ConversationVerdict(interviewID: try i.requireID(), verdict: input.verdict,
                                                                   note: f.verdictNote, at: now), in: f.verdicts ?? [])
        try await f.update(on: db)
        return f
    }

    /// Applies one edit to the current plan (the core validates it: a ValidationErrors leaves the plan as it was) and saves it.
    static func editPlan(_ i: InterviewRecord, on db: any Database, _ edit: (QuestionPlan) throws -> QuestionPlan) async throws {
        let (plan, _) = try await currentPlan(i, on: db)
        i.plan = try edit(plan)
        try await i.update(on: db)
    }
}
