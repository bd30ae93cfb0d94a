// A seller's level history (what each evaluation did, and why), appeals against a warning or a drop, and the record
// of each monthly evaluation run.
import Vapor
import Fluent
import GuildCore

final class LevelEventRecord: Model, @unchecked Sendable {
    static let schema = "level_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "seller_id") var sellerID: UUID
    @Field(key: "at") var at: Date
    /// promoted, warned, recovered, demoted or restored (`LevelEventKind`).
    @Field(key: "kind") var kind: String
    @Field(key: "from_level") var fromLevel: String
    @Field(key: "to_level") var toLevel: String
    /// The requirements found unmet, by key, comma-separated (empty for a promotion).
    @Field(key: "unmet") var unmet: String
    /// For a warning: when the notice period ends.
    @OptionalField(key: "notice_ends_at") var noticeEndsAt: Date?

    init() {}

    var eventKind: LevelEventKind { LevelEventKind(rawValue: kind) ?? .warned }
}

extension LevelEventRecord {
    var properties: [any AnyProperty] { [_id, _sellerID, _at, _kind, _fromLevel, _toLevel, _unmet, _noticeEndsAt] }
}

final class LevelAppealRecord: Model, @unchecked Sendable {
    static let schema = "level_appeals"

    @ID(key: .id) var id: UUID?
    @Field(key: "seller_id") var sellerID: UUID
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "text") var text: String
    @Field(key: "appealed_at") var appealedAt: Date
    @Field(key: "answer_by") var answerBy: Date
    /// open, upheld or dismissed.
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_by_id") var answeredByID: UUID?
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}
}

extension LevelAppealRecord {
    var properties: [any AnyProperty] { [_id, _sellerID, _eventID, _text, _appealedAt, _answerBy, _outcome, _answer, _answeredByID, _answeredAt] }
}

/// One monthly evaluation: the period is unique, so that several instances run each month's evaluation once.
final class LevelRunRecord: Model, @unchecked Sendable {
    static let schema = "level_runs"

    @ID(key: .id) var id: UUID?
    /// "2026-12": the month evaluated.
    @Field(key: "period") var period: String
    @Field(key: "ran_at") var ranAt: Date
    @Field(key: "sellers") var sellers: Int

    init() {}
}

extension LevelRunRecord {
    var properties: [any AnyProperty] { [_id, _period, _ranAt, _sellers] }
}
