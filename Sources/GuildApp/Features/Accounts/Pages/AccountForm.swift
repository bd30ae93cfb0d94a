// What the sign-up, log-in and password pages show: the values typed so far, each problem on its field, a message.
import Foundation

struct AccountForm: Encodable {
    var values: [String: String] = [:]
    @EmptyAsNull var errors: [String: String] = [:]
    var message: String?
    /// Where to go after signing up or logging in (a same-site path only).
    var next: String?
}
