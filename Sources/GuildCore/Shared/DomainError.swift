// Errors the domain raises; the app maps them to HTTP statuses.
public struct ValidationError: Error, Equatable, Sendable { public let field: String; public let reason: String; public init(field: String, reason: String) { self.field = field; self.reason = reason } }
public struct ValidationErrors: Error, Equatable, Sendable { public var errors: [ValidationError]; public init(_ errors: [ValidationError]) { self.errors = errors } }
public struct ConflictError: Error, Equatable, Sendable { public let code: String; public let message: String; public init(code: String, message: String) { self.code = code; self.message = message } }

/// The reason a person gives with a decision that affects another member (an arbiter on a flag, an admin on an appeal):
/// the member reads it, so it must say something.
public enum DecisionReason {
    public static let length = 10...1_000

    public static func validate(_ raw: String?) throws(ValidationError) -> String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard length.contains(text.count) else {
            throw ValidationError(field: "reason", reason: "must explain the decision to the member, in \(length.lowerBound) to \(length.upperBound) characters")
        }
        return text
    }
}
