// The one error shape of the API, `{"error": {"code", "message", "field"?, "fields"?}}`, and how every error maps to it.
import Vapor
import Fluent
import GuildCore

struct APIError: AbortError {
    var status: HTTPResponseStatus
    var code: String
    var message: String
    var reason: String { message }

    static func notFound(_ what: String) -> APIError { .init(status: .notFound, code: "not_found", message: "\(what) was not found") }
    static func forbidden(_ message: String) -> APIError { .init(status: .forbidden, code: "forbidden", message: message) }
    static func badRequest(_ message: String, code: String = "bad_request") -> APIError { .init(status: .badRequest, code: code, message: message) }
    static func conflict(_ message: String, code: String = "conflict") -> APIError { .init(status: .conflict, code: code, message: message) }
    static var unauthorized: APIError { .init(status: .unauthorized, code: "unauthorized", message: "Sign in first: send Authorization: Bearer TOKEN") }
}

struct ErrorBody: Content {
    struct Detail: Content {
        var code: String
        var message: String
        var field: String?
        var fields: [FieldProblem]?
    }
    struct FieldProblem: Content { var field: String; var reason: String }
    var error: Detail
}

/// What a failure means for the client: status, code, message and the fields at fault.
struct ErrorDescription {
    var status: HTTPResponseStatus
    var code: String
    var message: String
    var fields: [ValidationError] = []

    init(status: HTTPResponseStatus, code: String, message: String, fields: [ValidationError] = []) {
        self.status = status; self.code = code; self.message = message; self.fields = fields
    }

    init(_ error: any Error) {
        switch error {
        case let e as ValidationErrors:
            self.init(status: .unprocessableEntity, code: "validation_failed",
                      message: e.errors.isEmpty ? "The request is not valid" : e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: "; "),
                      fields: e.errors)
        case let e as ValidationError:
            self.init(ValidationErrors([e]))
        case let e as ConflictError:
            self.init(status: .conflict, code: e.code, message: e.message)
        case let e as APIError:
            self.init(status: e.status, code: e.code, message: e.message)
        case let e as DecodingError:
            self.init(decoding: e)
        case let e as any DatabaseError where e.isConstraintFailure:
            self.init(status: .conflict, code: "conflict", message: "That conflicts with something that already exists")
        case let e as any AbortError:
            let code: String
            switch e.status {
            case .notFound: code = "not_found"
            case .unauthorized: code = "unauthorized"
            case .forbidden: code = "forbidden"
            case .badRequest: code = "bad_request"
            case .payloadTooLarge: code = "payload_too_large"
            case .unsupportedMediaType: code = "unsupported_media_type"
            case .methodNotAllowed: code = "method_not_allowed"
            default: code = e.status.code < 500 ? "bad_request" : "internal"
            }
            // Internal failures never show their inner message to a client.
            self.init(status: e.status, code: code, message: e.status.code >= 500 ? "Something went wrong on our side. It has been logged." : e.reason)
        default:
            self.init(status: .internalServerError, code: "internal", message: "Something went wrong on our side. It has been logged.")
        }
    }

    /// Malformed JSON is a 400; well-formed JSON with a missing or mistyped field is a 422 naming it.
    init(decoding e: DecodingError) {
        func path(_ ctx: DecodingError.Context, _ extra: (any CodingKey)? = nil) -> String {
            var parts: [String] = []
            for key in ctx.codingPath + (extra.map { [$0] } ?? []) {
                if let i = key.intValue { parts.append("[\(i)]") } else { parts.append((parts.isEmpty ? "" : ".") + key.stringValue) }
            }
            return parts.joined()
        }
        switch e {
        case .keyNotFound(let key, let ctx):
            let f = path(ctx, key)
            self.init(status: .unprocessableEntity, code: "validation_failed", message: "\(f) is required", fields: [.init(field: f, reason: "is required")])
        case .valueNotFound(_, let ctx):
            let f = path(ctx)
            self.init(status: .unprocessableEntity, code: "validation_failed", message: "\(f) is required", fields: [.init(field: f, reason: "is required")])
        case .typeMismatch(let type, let ctx):
            let f = path(ctx)
            let reason = "must be \(Self.describe(type))"
            self.init(status: .unprocessableEntity, code: "validation_failed", message: "\(f) \(reason)", fields: [.init(field: f, reason: reason)])
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty {
                self.init(status: .badRequest, code: "malformed_json", message: "The request body is not valid JSON")
            } else {
                let f = path(ctx)
                self.init(status: .unprocessableEntity, code: "validation_failed", message: "\(f) has an invalid value", fields: [.init(field: f, reason: "has an invalid value")])
            }
        @unknown default:
            self.init(status: .badRequest, code: "bad_request", message: "The request could not be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a valid value"
        }
    }

    var body: ErrorBody {
        ErrorBody(error: .init(code: code, message: message, field: fields.first?.field,
                               fields: fields.isEmpty ? nil : fields.map { .init(field: $0.field, reason: $0.reason) }))
    }
}
