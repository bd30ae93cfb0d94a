// /me/edit: the member's own profile. ProfileRules decide; the page reports the form's and the rules' problems together.
import Vapor
import Fluent
import GuildCore

struct ProfileEditPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("me", "edit", use: editForm)
        member.post("me", "edit", use: save)
    }

    func editForm(req: Request) async throws -> Response {
        let user = try req.member()
        return try await req.render("profile-edit", title: "Edit your profile",
                                    Model(values: Self.formValues(user), openToInterviews: user.openToInterviews), form: true)
    }

    func save(req: Request) async throws -> Response {
        struct Form: Content {
            var displayName: String?; var headline: String?; var bio: String?; var skills: String?; var languages: String?
            var timezone: String?; var hourlyRate: String?; var portfolioLinks: String?; var openToInterviews: String?
            var interviewTopics: String?; var interviewChannel: String?; var interviewAvailability: String?
        }
        let user = try req.member()
        let form = try req.content.decode(Form.self)
        func list(_ s: String?, separators: CharacterSet = CharacterSet(charactersIn: ",\n")) -> [String] {
            (s ?? "").components(separatedBy: separators).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
        @EmptyAsNull var errors: [String: String] = [:]
        var rate: Int64? = nil
        if let raw = form.hourlyRate?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let cents = MoneyFormat.parse(raw) { rate = cents } else { errors["hourlyRateCents"] = "must be an amount like 45 or 45.50" }
        }
        let update = ProfileUpdate(displayName: form.displayName ?? "", headline: form.headline ?? "", bio: form.bio ?? "",
                                   skills: list(form.skills), languages: list(form.languages), timezone: form.timezone ?? "",
                                   hourlyRateCents: rate, portfolioLinks: list(form.portfolioLinks, separators: .whitespacesAndNewlines),
                                   openToInterviews: form.openToInterviews == "on" || form.openToInterviews == "true",
                                   interviewTopics: list(form.interviewTopics), interviewChannel: form.interviewChannel ?? "email",
                                   interviewAvailability: form.interviewAvailability ?? "")
        do {
            // Report the form's own problems together with the profile rules' ones.
            do { _ = try ProfileRules.validate(update) } catch {
                for err in error.errors { errors[err.field] = err.reason }
            }
            if !errors.isEmpty { throw ValidationErrors(errors.map { .init(field: $0.key, reason: $0.value) }) }
            if rate == nil && (form.hourlyRate ?? "").trimmingCharacters(in: .whitespaces).isEmpty { user.hourlyRateCents = nil }
            try await AccountWorkflow.updateProfile(user, with: update, on: req.db)
            req.flash("Your profile is saved.")
            return req.redirect(to: "/users/\(try user.requireID())")
        } catch let e as ValidationErrors {
            for err in e.errors { errors[err.field.components(separatedBy: "[").first ?? err.field] = err.reason }
            var values = Self.formValues(user)
            let raw: [String: String?] = ["displayName": form.displayName, "headline": form.headline, "bio": form.bio, "skills": form.skills,
                                          "languages": form.languages, "timezone": form.timezone, "hourlyRate": form.hourlyRate,
                                          "portfolioLinks": form.portfolioLinks, "interviewTopics": form.interviewTopics,
                                          "interviewChannel": form.interviewChannel, "interviewAvailability": form.interviewAvailability]
            for (k, v) in raw { values[k] = v ?? "" }
            let state = Model(values: values, openToInterviews: update.openToInterviews ?? false, errors: errors)
            return try await req.render("profile-edit", title: "Edit your profile", state, form: true, status: .unprocessableEntity)
        }
    }
}
