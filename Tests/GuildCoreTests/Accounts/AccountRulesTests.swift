import Testing
@testable import GuildCore

@Suite struct AccountRulesTests {
    @Test func emailIsNormalised() throws {
        // given a mixed-case address with spaces
        // when validated
        let email = try AccountRules.validateSignUp(email: "  Ada@Example.ORG ", password: "correct horse", displayName: "Ada")
        // then it is trimmed and lowercased
        #expect(email == "ada@example.org")
    }

    @Test(arguments: ["", "no-at-sign", "a@b", "@example.org", "a@.org", "a b@example.org"])
    func badEmailsAreRefused(email: String) {
        #expect(throws: ValidationErrors.self) {
            _ = try AccountRules.validateSignUp(email: email, password: "long enough pw", displayName: "A")
        }
    }

    @Test func everyProblemIsReportedWithItsField() {
        // given three bad fields
        do {
            _ = try AccountRules.validateSignUp(email: "x", password: "short", displayName: " ")
            Issue.record("expected a validation error")
        } catch {
            // then each is named
            #expect(error.errors.map(\.field) == ["email", "password", "displayName"])
        }
    }

    @Test func passwordsOverBcryptLimitAreRefused() {
        #expect(AccountRules.passwordProblem(String(repeating: "é", count: 40)) != nil)
        #expect(AccountRules.passwordProblem(String(repeating: "a", count: 72)) == nil)
        #expect(AccountRules.passwordProblem("123456789") != nil)
    }

    @Test func profileUpdateIsCleanedAndChecked() throws {
        // given lists with blanks and duplicates
        let cleaned = try ProfileRules.validate(.init(headline: "  Illustrator ", skills: ["Drawing", " drawing", "", "Ink"], timezone: "Europe/Lisbon"))
        // then they are trimmed and deduplicated
        #expect(cleaned.headline == "Illustrator")
        #expect(cleaned.skills == ["Drawing", "Ink"])
        // and bad values name their field
        #expect(throws: ValidationErrors([.init(field: "timezone", reason: "is not a known time zone (use a name like Europe/Lisbon)")])) {
            _ = try ProfileRules.validate(.init(timezone: "Mars/Olympus"))
        }
        #expect(throws: ValidationErrors([.init(field: "portfolioLinks[1]", reason: "must be an http or https address")])) {
            _ = try ProfileRules.validate(.init(portfolioLinks: ["https://ok.example", "javascript:alert(1)"]))
        }
        #expect(throws: ValidationErrors([.init(field: "hourlyRateCents", reason: "must be between 0 and 1000000")])) {
            _ = try ProfileRules.validate(.init(hourlyRateCents: -1))
        }
    }
}
