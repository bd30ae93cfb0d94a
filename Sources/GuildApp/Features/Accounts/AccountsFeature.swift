// The accounts area: members, API tokens, sessions, profiles and roles. Its tables come first: every other area
// refers to users.
import Vapor
import Fluent

struct AccountsFeature: Feature {
    var migrations: [any Migration] {
        [CreateUsers(), CreateUserTokens(), SessionRecord.migration, CreateLoginFailures()]
    }

    var models: [any Model.Type] { [User.self, UserToken.self, SessionRecord.self, LoginFailureRecord.self] }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: AccountsAPIController())
        for page: any RouteCollection in [SignUpPage(), LogInPage(), PasswordPage(), ProfilePage(), ProfileEditPage(), TokensPage()] {
            try pages.register(collection: page)
        }
    }
}
