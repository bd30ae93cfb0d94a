// Errors the domain raises; the app maps them to HTTP statuses.
public struct ValidationError: Error, Equatable, Sendable { public let field: String; public let reason: String; public init(field: String, reason: String) { self.field = field; self.reason = reason } }
public struct ValidationErrors: Error, Equatable, Sendable { public var errors: [ValidationError]; public init(_ errors: [ValidationError]) { self.errors = errors } }
public struct ConflictError: Error, Equatable, Sendable { public let code: String; public let message: String; public init(code: String, message: String) { self.code = code; self.message = message } }
