// What every interview page shares: the choices its forms offer, stage names in words, and how a core
// ValidationErrors becomes the field → message map the templates show next to each field.
import Vapor
import GuildCore

enum InterviewPageForm {
    struct Option: Encodable { var value: String; var label: String }

    /// Every stage with its name in words, in the core's order (the board shows one column each).
    static let stageLabels: [(String, String)] = InterviewStage.allCases.map { ($0.rawValue, $0.label) }
    static func label(_ stage: String) -> String { InterviewStage(rawValue: stage)?.label ?? stage }

    static let targetKinds = TargetKind.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.capitalized) }
    static let findingKinds = FindingKind.allCases.map { Option(value: $0.rawValue, label: $0.label) }
    static let seniorities = Seniority.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.capitalized) }
    static let channels = [Option(value: "email", label: "Email"), Option(value: "phone", label: "Phone"), Option(value: "post", label: "Letter")]
    static let questionKinds = QuestionKind.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.capitalized) }
    static let declineReasons = [Option(value: "", label: "No reason given")]
        + DeclineReason.allCases.map { Option(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " ").capitalized) }

    /// The first problem per field, as the templates show one message under each field.
    static func errorMap(_ e: ValidationErrors) -> [String: String] {
        var map: [String: String] = [:]
        for err in e.errors where map[err.field] == nil { map[err.field] = err.reason }
        return map
    }

    /// Every problem in one line, for the flash message of a form that redirects.
    static func sentence(_ e: ValidationErrors) -> String {
        e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: " ")
    }

    /// The conversation lengths a form may offer, read from the core's rule so the page and the check agree.
    struct Length: Encodable {
        var minimum: Int
        var maximum: Int
        var suggested: Int
        static let current = Length(minimum: InterviewLength.allowedMinutes.lowerBound, maximum: InterviewLength.allowedMinutes.upperBound,
                                    suggested: InterviewLength.suggestedMinutes)
    }
}

extension InterviewPageForm {
    /// The forms' `maxlength`s, read from the core's limits so a browser stops where the server's check does.
    struct Limits: Encodable {
        var name = InterviewLimits.nameCharacters
        var focusArea = InterviewLimits.nameCharacters
        var referredBy = InterviewLimits.referrerCharacters
        var phone = InterviewLimits.phoneCharacters
        var postalAddress = InterviewLimits.postalAddressCharacters
        var email = AccountRules.emailMaxLength
        var statement = InterviewLimits.statementCharacters
        var source = InterviewLimits.sourceCharacters
        static let current = Limits()
    }
}
