// A seller's level as the API returns it (`GET /api/v1/users/{id}/level` → {level, next, progress, …}).
import Vapor
import GuildCore

struct RequirementDTO: Content {
    var key: String
    var label: String
    var current: Double?
    var required: Double
    /// "atLeast" or "atMost".
    var comparison: String
    var met: Bool
    var fraction: Double
}

struct LevelEventDTO: Content {
    var id: UUID
    var at: Date
    var kind: String
    var from: String
    var to: String
    var unmet: [String]
    var noticeEndsAt: Date?
}

struct LevelAppealDTO: Content {
    var id: UUID
    var eventId: UUID
    var text: String
    var appealedAt: Date
    var answerBy: Date
    var outcome: String
    var answer: String?
    var answeredAt: Date?

    init(_ a: LevelAppealRecord) {
        id = a.id!; eventId = a.eventID; text = a.text; appealedAt = a.appealedAt; answerBy = a.answerBy
        outcome = a.outcome; answer = a.answer; answeredAt = a.answeredAt
    }
}

struct LevelDTO: Content {
    struct Warning: Content { var message: String; var noticeEndsAt: Date; var unmet: [String] }

    var sellerId: UUID
    var level: String
    var levelLabel: String
    var next: String?
    var nextLabel: String?
    /// Every criterion of the next level (at the top, of keeping it), measured on the seller's record now.
    var progress: [RequirementDTO]
    var progressFraction: Double
    var warning: Warning?
    var nextEvaluationAt: Date
    var history: [LevelEventDTO]
    var appeals: [LevelAppealDTO]

    init(_ a: LevelAssessment, sellerId: UUID, events: [LevelEventRecord], appeals: [LevelAppealRecord], nextEvaluationAt: Date) {
        self.sellerId = sellerId
        level = a.level.rawValue
        levelLabel = a.level.label
        next = a.next?.rawValue
        nextLabel = a.next?.label
        progress = a.progress.map {
            RequirementDTO(key: $0.key.rawValue, label: $0.label, current: $0.current, required: $0.required,
                           comparison: $0.comparison.rawValue, met: $0.met, fraction: $0.fraction)
        }
        progressFraction = a.progressFraction
        warning = a.warning.map { Warning(message: $0.message, noticeEndsAt: $0.graceEndsAt, unmet: $0.unmet.map(\.rawValue)) }
        self.nextEvaluationAt = nextEvaluationAt
        history = events.map {
            LevelEventDTO(id: $0.id!, at: $0.at, kind: $0.kind, from: $0.fromLevel, to: $0.toLevel,
                          unmet: $0.unmet.split(separator: ",").map(String.init), noticeEndsAt: $0.noticeEndsAt)
        }
        self.appeals = appeals.map(LevelAppealDTO.init)
    }
}

struct AppealRequest: Content { var eventId: UUID?; var text: String? }
struct AppealAnswerRequest: Content { var upheld: Bool?; var reason: String? }
