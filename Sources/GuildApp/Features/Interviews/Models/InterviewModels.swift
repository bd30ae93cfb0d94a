// The explorer's stored records: research targets, findings, contacts and interviews. Rules live in GuildCore.Interviews.
import Vapor
import Fluent
import GuildCore

final class ResearchTargetRecord: Model, @unchecked Sendable {
    static let schema = "interview_targets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "explorer_id") var explorer: User
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// The explorer's LAMP judgements, 0–3 each (GuildCore's LampList ranks by them after advocacy).
    @Field(key: "motivation") var motivation: Int
    @Field(key: "postings") var postings: Int

    init() {}
    init(explorerID: UUID, kind: TargetKind, name: String) {
        self.$explorer.id = explorerID
        self.kind = kind.rawValue
        self.name = name
        self.motivation = 0
        self.postings = 0
    }

    var targetKind: TargetKind { TargetKind(rawValue: kind) ?? .job }

    var core: ResearchTarget {
        ResearchTarget(id: id ?? UUID(), kind: targetKind, name: name)
    }
}

extension ResearchTargetRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _explorer, _kind, _name, _createdAt, _motivation, _postings] }
}

final class FindingRecord: Model, @unchecked Sendable {
    static let schema = "interview_findings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "target_id") var target: ResearchTargetRecord
    /// Kept alongside the target so that every ownership check is one filter.
    @Parent(key: "explorer_id") var explorer: User
    @Field(key: "kind") var kind: String
    @Field(key: "statement") var statement: String
    @Field(key: "source") var source: String
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "share") var share: Bool
    /// `FindingVerdict` once the finding was tested in a conversation.
    @OptionalField(key: "verdict") var verdict: String?
    /// What changed: what the contact said instead (required for refined and refuted).
    @OptionalField(key: "verdict_note") var verdictNote: String?
    @OptionalField(key: "verdict_at") var verdictAt: Date?
    /// Every conversation's verdict (GuildCore's FindingVerdicts); nil until the first one. Kept as one JSON object:
    /// PostgreSQL's driver would send a bare Swift array as a PostgreSQL array, not as JSON.
    @OptionalField(key: "verdicts") var verdictLog: VerdictLog?
    struct VerdictLog: Codable, Sendable { var entries: [ConversationVerdict] }
    var verdicts: [ConversationVerdict]? {
        get { verdictLog?.entries }
        set { verdictLog = newValue.map { VerdictLog(entries: $0) } }
    }

    init() {}
    init(targetID: UUID, explorerID: UUID, kind: FindingKind, statement: String, source: String, recordedAt: Date, share: Bool) {
        self.$target.id = targetID
        self.$explorer.id = explorerID
        self.kind = kind.rawValue
        self.statement = statement
        self.source = source
        self.recordedAt = recordedAt
        self.share = share
    }

    var findingKind: FindingKind { FindingKind(rawValue: kind) ?? .trend }
    var findingVerdict: FindingVerdict? { verdict.flatMap(FindingVerdict.init(rawValue:)) }

    var core: ResearchFinding {
        ResearchFinding(id: id ?? UUID(), kind: findingKind, statement: statement,
                        source: source, recordedAt: recordedAt, share: share)
    }
}

extension FindingRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _target, _explorer, _kind, _statement, _source, _recordedAt, _share, _verdict, _verdictNote, _verdictAt, _verdictLog] }
}

final class ContactRecord: Model, @unchecked Sendable {
    static let schema = "interview_contacts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "explorer_id") var explorer: User
    /// The practitioner's member id when the contact is on Guild (for on-platform requests).
    @OptionalField(key: "member_id") var memberID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "title") var title: String
    @Field(key: "organisation") var organisation: String
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "postal_address") var postalAddress: String?
    @Field(key: "seniority") var seniority: String
    @OptionalField(key: "focus_area") var focusArea: String?
    @Field(key: "preferred_channel") var preferredChannel: String
    @OptionalField(key: "referred_by") var referredBy: String?
    /// The contact who referred this one, for the referral chain.
    @OptionalField(key: "referred_by_contact_id") var referredByContactID: UUID?
    /// Research targets this contact can speak to (ids as strings).
    @Field(key: "target_ids") var targetIDs: [String]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var contactSeniority: Seniority { Seniority(rawValue: seniority) ?? .mid }
    var channel: ContactChannel { ContactChannel(rawValue: preferredChannel) ?? .email }

    var core: InterviewContact {
        InterviewContact(id: id ?? UUID(), name: name, title: title, organisation: organisation, email: email,
                         seniority: contactSeniority, focusArea: focusArea,
                         preferredChannel: channel, referredBy: referredBy)
    }
}

extension ContactRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _explorer, _memberID, _name, _title, _organisation, _email, _phone, _postalAddress, _seniority, _focusArea, _preferredChannel, _referredBy, _referredByContactID, _targetIDs, _createdAt] }
}

final class InterviewRecord: Model, @unchecked Sendable {
    static let schema = "interviews"

    @ID(key: .id) var id: UUID?
    @Parent(key: "explorer_id") var explorer: User
    @Parent(key: "target_id") var target: ResearchTargetRecord
    @Parent(key: "contact_id") var contact: ContactRecord
    @Field(key: "minutes") var minutes: Int
    /// `InterviewStage` raw value; moves only along `InterviewStage.transitions`.
    @Field(key: "stage") var stage: String
    @OptionalField(key: "request_sent_at") var requestSentAt: Date?
    @OptionalField(key: "scheduled_at") var scheduledAt: Date?
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "held_at") var heldAt: Date?
    @OptionalField(key: "thanked_at") var thankedAt: Date?
    @Field(key: "follow_ups_sent") var followUpsSent: Int
    /// The question plan once the explorer edited it (JSON); until then it is generated from the findings.
    @OptionalField(key: "plan") var plan: QuestionPlan?
    /// Quick notes per question, by question id (JSON).
    @Field(key: "notes") var notes: [String: String]
    @OptionalField(key: "most_interesting") var mostInteresting: String?
    @OptionalField(key: "advice_to_act") var adviceToAct: String?
    @OptionalField(key: "what_i_shared") var whatIShared: String?
    /// On-platform requests: the member asked, what they answered, and the request as sent.
    @OptionalField(key: "practitioner_id") var practitionerID: UUID?
    @OptionalField(key: "platform_status") var platformStatus: String?
    @OptionalField(key: "platform_reply") var platformReply: String?
    @OptionalField(key: "proposed_times") var proposedTimes: String?
    @OptionalField(key: "request_subject") var requestSubject: String?
    @OptionalField(key: "request_body") var requestBody: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(explorerID: UUID, targetID: UUID, contactID: UUID, minutes: Int) {
        self.$explorer.id = explorerID
        self.$target.id = targetID
        self.$contact.id = contactID
        self.minutes = minutes
        self.stage = InterviewStage.toContact.rawValue
        self.followUpsSent = 0
        self.notes = [:]
    }

    var interviewStage: InterviewStage { InterviewStage(rawValue: stage) ?? .toContact }
    /// Where an on-platform request stands; nil when the request went by email, phone or letter.
    var platform: PlatformStatus? { platformStatus.flatMap(PlatformStatus.init(rawValue:)) }
}

extension InterviewRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _explorer, _target, _contact, _minutes, _stage, _requestSentAt, _scheduledAt, _startedAt, _heldAt, _thankedAt, _followUpsSent, _plan, _notes, _mostInteresting, _adviceToAct, _whatIShared, _practitionerID, _platformStatus, _platformReply, _proposedTimes, _requestSubject, _requestBody, _createdAt] }
}
