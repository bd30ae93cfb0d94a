// A source a contact recommended in a conversation (the answer to "what should I read?"), kept on the research target.
import Vapor
import Fluent
import GuildCore

final class ResearchSourceRecord: Model, @unchecked Sendable {
    static let schema = "interview_sources"

    @ID(key: .id) var id: UUID?
    @Parent(key: "target_id") var target: ResearchTargetRecord
    /// Kept alongside the target so that every ownership check is one filter.
    @Parent(key: "explorer_id") var explorer: User
    /// The conversation it was recommended in, and by whom.
    @Parent(key: "interview_id") var interview: InterviewRecord
    @Parent(key: "contact_id") var contact: ContactRecord
    /// `SourceKind`: to read, to follow or to join.
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @OptionalField(key: "link") var link: String?
    @OptionalField(key: "note") var note: String?
    @Field(key: "added_at") var addedAt: Date
    /// When the explorer marked it read (or followed, or joined); the follow-up note names it then.
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    var sourceKind: SourceKind { SourceKind(rawValue: kind) ?? .read }
}

extension ResearchSourceRecord {
    /// The fields, listed by hand: FluentKit would otherwise find them by reflection on every query, save and
    /// load (the costliest step of an order request). `FieldListTests` checks the list against reflection.
    var properties: [any AnyProperty] { [_id, _target, _explorer, _interview, _contact, _kind, _title, _link, _note, _addedAt, _readAt] }
}
