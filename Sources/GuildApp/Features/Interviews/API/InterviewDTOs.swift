// What the interviews API reads and writes. Enumerations decode strictly, so a bad kind, seniority or channel is a 422 naming the field.
import Vapor
import GuildCore

enum InterviewDates {
    static func isoOrNil(_ date: Date?) -> String? { date.map { iso($0) } }
    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
    /// Parses an ISO 8601 time ("2026-12-01T15:00:00Z", with or without fractional seconds); a 422 naming `field` otherwise.
    /// A time without an offset ("2026-12-01T15:00", what a datetime-local field sends) is read in `zone`: the member's own
    /// on pages; UTC for API clients, which send offsets.
    static func parse(_ text: String?, field: String, zone: TimeZone = TimeZone(identifier: "UTC")!) throws -> Date {
        let clean = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty else { throw ValidationErrors([ValidationError(field: field, reason: "is required")]) }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = plain.date(from: clean) ?? fractional.date(from: clean) { return d }
        if MeetingTime.components(clean) != nil { return try MeetingTime.instant(local: clean, in: zone, field: field) }
        throw ValidationErrors([ValidationError(field: field, reason: "must be a time like 2026-12-01T15:00:00Z")])
    }
}

struct TargetInput: Content { var kind: TargetKind; var name: String }

struct FindingInput: Content {
    var kind: FindingKind
    var statement: String
    var source: String?
    var share: Bool?
}

struct ContactInput: Content {
    var name: String
    var title: String
    var organisation: String
    var email: String?
    var phone: String?
    var postalAddress: String?
    var seniority: Seniority
    var focusArea: String?
    var preferredChannel: ContactChannel
    var referredBy: String?
    var memberId: UUID?
    var targetIds: [UUID]?
}

struct InterviewInput: Content { var targetId: UUID; var contactId: UUID; var minutes: Int }
struct StageInput: Content { var stage: InterviewStage; var scheduledAt: String? }
struct NotesInput: Content {
    var notes: [String: String]?
    var mostInteresting: String?
    var adviceToAct: String?
    var whatIShared: String?
}
struct OutcomeInput: Content { var findingId: UUID; var verdict: FindingVerdict; var note: String? }
struct PlanInput: Content {
    struct Question: Content { var id: String?; var kind: QuestionKind; var tiara: Tiara?; var text: String; var findingId: UUID? }
    var questions: [Question]
}
struct DraftCheckInput: Content {
    var subject: String; var body: String; var referredBy: String?; var channel: ContactChannel?
    /// request (the default), thank_you or follow_up; and the contact's organisation, so "at Nimbus Labs" reads as theirs.
    var kind: DraftKind?; var organisation: String?
}
struct AcceptInput: Content { var scheduledAt: String?; var place: String? }
struct ProposeInput: Content { var times: String }
struct DeclineInput: Content { var reason: DeclineReason?; var suggestion: String? }

struct CreatedID: Content { var id: UUID }

struct TargetDTO: Content {
    var id: UUID
    var kind: String
    var name: String
    var findingCount: Int
    var readiness: [ReadinessGap]
    /// The target's place on the LAMP list.
    var lamp: LampDTO? = nil
}

struct LampDTO: Content {
    var advocacy: Bool
    var motivation: Int
    var postings: Int
    /// 1 is the target to approach first.
    var rank: Int
    /// Why advocacy holds, in words ("a contact there", "a referral", …).
    var reasons: [String]
}

struct LampInput: Content { var motivation: Int?; var postings: Int? }

struct FindingDTO: Content {
    var id: UUID
    var targetId: UUID
    var kind: String
    var kindLabel: String
    var statement: String
    var source: String
    var recordedAt: String
    var share: Bool
    var verdict: String?
    var verdictNote: String?
    /// One verdict per conversation that tested the finding, oldest first, and their count in words.
    var verdicts: [Verdict]
    var verdictSummary: String
    struct Verdict: Content { var interviewId: UUID; var verdict: FindingVerdict; var note: String?; var at: String }

    init(_ f: FindingRecord) {
        id = f.id!; targetId = f.$target.id; kind = f.kind; kindLabel = FindingKind(rawValue: f.kind)?.label ?? f.kind
        statement = f.statement; source = f.source; recordedAt = InterviewDates.iso(f.recordedAt); share = f.share
        verdict = f.verdict; verdictNote = f.verdictNote
        verdicts = (f.verdicts ?? []).map { Verdict(interviewId: $0.interviewID, verdict: $0.verdict, note: $0.note, at: InterviewDates.iso($0.at)) }
        verdictSummary = FindingVerdicts.summary(f.verdicts ?? [])
    }
}

struct ContactDTO: Content {
    var id: UUID
    var memberId: UUID?
    var name: String
    var title: String
    var organisation: String
    var email: String?
    var phone: String?
    var postalAddress: String?
    var seniority: String
    var focusArea: String?
    var preferredChannel: String
    var referredBy: String?
    var referredByContactId: UUID?
    var targetIds: [String]
    var status: InterviewStage

    init(_ c: ContactRecord, status: InterviewStage) {
        id = c.id!; memberId = c.memberID; name = c.name; title = c.title; organisation = c.organisation
        email = c.email; phone = c.phone; postalAddress = c.postalAddress; seniority = c.seniority; focusArea = c.focusArea
        preferredChannel = c.preferredChannel; referredBy = c.referredBy; referredByContactId = c.referredByContactID
        targetIds = c.targetIDs; self.status = status
    }
}

struct InterviewDTO: Content {
    var id: UUID
    var targetId: UUID
    var targetName: String
    var contactId: UUID
    var contactName: String
    var minutes: Int
    var stage: String
    var allowedNextStages: [String]
    var requestSentAt: String?
    var scheduledAt: String?
    var startedAt: String?
    var heldAt: String?
    var thankedAt: String?
    var followUpsSent: Int
    var notes: [String: String]
    var mostInteresting: String?
    var adviceToAct: String?
    var whatIShared: String?
    var practitionerId: UUID?
    var platformStatus: String?
    var platformReply: String?
    var proposedTimes: String?

    init(_ i: InterviewRecord, target: ResearchTargetRecord, contact: ContactRecord) {
        id = i.id!; targetId = i.$target.id; targetName = target.name; contactId = i.$contact.id; contactName = contact.name
        minutes = i.minutes; stage = i.stage; allowedNextStages = i.interviewStage.allowedNextStages.map(\.rawValue)
        requestSentAt = InterviewDates.isoOrNil(i.requestSentAt); scheduledAt = InterviewDates.isoOrNil(i.scheduledAt)
        startedAt = InterviewDates.isoOrNil(i.startedAt); heldAt = InterviewDates.isoOrNil(i.heldAt); thankedAt = InterviewDates.isoOrNil(i.thankedAt)
        followUpsSent = i.followUpsSent; notes = i.notes; mostInteresting = i.mostInteresting; adviceToAct = i.adviceToAct
        whatIShared = i.whatIShared; practitionerId = i.practitionerID; platformStatus = i.platformStatus
        platformReply = i.platformReply; proposedTimes = i.proposedTimes
    }
}

struct RequestDTO: Content {
    var channel: String
    var subject: String
    var body: String
    var warnings: [DraftWarning]
    var gaps: [ReadinessGap]
    var mailto: String?
}

struct WarningsDTO: Content { var warnings: [DraftWarning] }

struct PlanDTO: Content {
    var id: UUID
    var minutes: Int
    var estimatedMinutes: Int
    var edited: Bool
    var questions: [PlanQuestionDTO]
    var warnings: [DraftWarning]
}

/// One planned question as the API spells it (`findingId`, like every other id field).
struct PlanQuestionDTO: Content {
    var id: String
    var kind: String
    /// What the question is for: rapport, trends, insights, advice, resources or assignments.
    var tiara: Tiara
    var text: String
    var findingId: UUID?

    init(_ q: PlannedQuestion) { id = q.id; kind = q.kind.rawValue; tiara = q.tiara; text = q.text; findingId = q.findingID }
}

struct ThankYouDTO: Content {
    var subject: String
    var body: String
    var dueAt: String
    var reminder: String
    /// The job-ask check on the note itself.
    var warnings: [DraftWarning]
}

struct FollowUpDTO: Content {
    struct Alternative: Content { var id: UUID; var name: String }
    var interviewId: UUID
    var contactId: UUID
    var contactName: String
    var organisation: String
    var step: FollowUpStepCode
    var message: String
    var dueAt: String?
    var alternatives: [Alternative]
}

struct DueItem: Content {
    /// What is due: a thank-you note, a conversation today, or a 3B7 follow-up.
    enum Kind: String, Codable, Sendable { case thankYou = "thank_you", conversation, followUp = "follow_up" }
    var interviewId: UUID
    var kind: Kind
    var contactName: String
    var message: String
    var dueAt: String?
}

struct ContactSummary: Content { var id: UUID; var name: String; var organisation: String }

struct DashboardDTO: Content {
    var targets: [TargetDTO]
    /// Keyed by `InterviewStage` raw value (JSON object keys are strings).
    var contactsByStatus: [String: [ContactSummary]]
    var due: [DueItem]
}

struct ChainDTO: Content {
    /// From the first referrer down to this contact.
    var chain: [ContactSummary]
    /// People this contact referred the explorer to.
    var referrals: [ContactSummary]
}

struct IncomingDTO: Content {
    var id: UUID
    var explorerId: UUID
    var explorerName: String
    var subject: String
    var body: String
    var minutes: Int
    var status: String
    var scheduledAt: String?
    var proposedTimes: String?
    var reply: String?
}

/// Where the conversation timer stands (`ConversationClock`): negative remaining seconds are overtime.
struct ClockDTO: Content {
    var phase: String
    var remainingSeconds: Int
    var message: String?
    var startedAt: String?
}

/// A recommendation from a conversation, as a research source.
struct SourceInput: Content {
    var title: String?
    var link: String?
    /// `read` (default), `follow` or `join`.
    var kind: String?
    var note: String?
}

struct SourceReadInput: Content { var read: Bool? }

struct SourceDTO: Content {
    var id: UUID
    var targetId: UUID
    var interviewId: UUID
    var contactId: UUID
    /// Who recommended it.
    var contactName: String
    var kind: String
    var kindLabel: String
    var title: String
    var link: String?
    var note: String?
    var addedAt: String
    var readAt: String?

    init(_ s: ResearchSourceRecord) {
        id = s.id!; targetId = s.$target.id; interviewId = s.$interview.id; contactId = s.$contact.id
        contactName = s.$contact.value?.name ?? ""
        kind = s.kind; kindLabel = s.sourceKind.label; title = s.title; link = s.link; note = s.note
        addedAt = InterviewDates.iso(s.addedAt); readAt = InterviewDates.isoOrNil(s.readAt)
    }
}

/// The follow-up sent weeks after the conversation, with the job-ask check on it.
struct FollowUpNoteDTO: Content {
    var subject: String
    var body: String
    /// The first day worth sending it.
    var sendFrom: String
    /// Whether that day has come.
    var ready: Bool
    /// What would make the note better, in words.
    var hints: [String]
    var mailto: String?
    var warnings: [DraftWarning]
}
