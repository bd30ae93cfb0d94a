// The security-relevant events a member can read about their own account, with what each means in words.
import Foundation

public enum AuditEventKind: String, Codable, Sendable, CaseIterable {
    case logIn = "log_in"
    case failedLogIn = "failed_log_in"
    case tokenCreated = "token_created"
    case passwordChanged = "password_changed"
    case payoutRequested = "payout_requested"
    case dataExported = "data_exported"
    case roleGranted = "role_granted"
    case roleRevoked = "role_revoked"

    /// What happened, as the member reads it on their activity page.
    public var spoken: String {
        switch self {
        case .logIn: "Signed in"
        case .failedLogIn: "Wrong password entered"
        case .tokenCreated: "API token created"
        case .passwordChanged: "Password changed"
        case .payoutRequested: "Payout requested"
        case .dataExported: "All your data downloaded"
        case .roleGranted: "Role given"
        case .roleRevoked: "Role taken away"
        }
    }

    /// Kept long enough to look back on an incident, then dropped in bulk by no one but the operator.
    public static let detailMaxLength = 200
}
