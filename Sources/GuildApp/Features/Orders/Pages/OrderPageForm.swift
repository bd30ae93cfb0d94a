// What every order-area form shares: the hidden idempotency key, the request fingerprint, and an error in words.
import Vapor
import GuildCore

enum OrderPageForm {
    /// A fresh random key for a form that moves money, so a double submission moves it once.
    static func newKey() -> String {
        [UInt8].random(count: 16).map { String(format: "%02x", $0) }.joined()
    }

    /// The form's key, as the idempotency store keeps it; a missing or forged key is refused.
    static func pageKey(_ raw: String?) throws -> String {
        guard let raw, raw.count == 32, raw.allSatisfy(\.isHexDigit) else {
            throw APIError.badRequest("This form has expired. Reload the page and try again.")
        }
        return "page:" + raw
    }

    /// The fingerprint of a page step: the path is the whole request (the key makes it unique).
    static func fingerprint(_ req: Request, body: String = "") -> String {
        RequestFingerprint.of(method: "POST", path: req.url.path, body: Data(body.utf8))
    }

    /// What a member reads when a step did not work.
    static func message(for error: any Error) -> String {
        switch error {
        case let e as ConflictError: return "That did not work: \(e.message)."
        case let e as ValidationError: return "\(e.field) \(e.reason)."
        case let e as ValidationErrors: return e.errors.map { "\($0.field) \($0.reason)" }.joined(separator: "; ") + "."
        case let e as APIError: return e.message
        default: return "Something went wrong on our side; nothing was changed."
        }
    }

    static let transferFlash = "Thank you. Send the bank transfer shown below, quoting its reference; the work starts when an administrator confirms it arrived."
}
