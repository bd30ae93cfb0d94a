// A member's API tokens as the page lists them, with the new token shown once.
import Foundation

extension TokensPage {
    struct TokenRow: Encodable { var id: String; var name: String; var createdAt: Date?; var lastUsedAt: Date? }

    struct Model: Encodable {
        var tokens: [TokenRow]
        var newToken: String?
        var error: String?

        init(_ tokens: [UserToken], newToken: String? = nil, error: String? = nil) throws {
            self.tokens = try tokens.map { TokenRow(id: try $0.requireID().uuidString, name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt) }
            self.newToken = newToken
            self.error = error
        }
    }
}
