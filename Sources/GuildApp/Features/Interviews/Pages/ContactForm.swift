// The contact form, shared by the contacts list (a new contact), a contact's page (edit) and its referral form.
import Vapor
import GuildCore

struct ContactForm: Content {
    var name: String?; var title: String?; var organisation: String?; var email: String?; var phone: String?
    var postalAddress: String?; var seniority: String?; var focusArea: String?; var preferredChannel: String?
    var referredBy: String?; var memberId: String?
    /// The edit form lists the research targets as checkboxes; `targetsShown` says the list was on the form.
    var targetIds: [String]?; var targetsShown: String?

    /// What an empty form starts with.
    static let blank = ["seniority": Seniority.mid.rawValue, "preferredChannel": ContactChannel.email.rawValue]

    var values: [String: String] {
        ["name": name ?? "", "title": title ?? "", "organisation": organisation ?? "", "email": email ?? "", "phone": phone ?? "",
         "postalAddress": postalAddress ?? "", "seniority": seniority ?? Seniority.mid.rawValue, "focusArea": focusArea ?? "",
         "preferredChannel": preferredChannel ?? ContactChannel.email.rawValue, "referredBy": referredBy ?? "", "memberId": memberId ?? ""]
    }

    func input() throws -> ContactInput {
        var errors: [ValidationError] = []
        let s = Seniority(rawValue: seniority ?? "")
        let c = ContactChannel(rawValue: preferredChannel ?? "")
        if s == nil { errors.append(.init(field: "seniority", reason: "Choose junior, mid, senior or executive.")) }
        if c == nil { errors.append(.init(field: "preferredChannel", reason: "Choose email, phone or letter.")) }
        var member: UUID? = nil
        if let raw = memberId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            // Accept a pasted profile address as well as a bare id.
            let last = raw.split(separator: "/").last.map(String.init) ?? raw
            if let id = UUID(uuidString: last) { member = id } else { errors.append(.init(field: "memberId", reason: "Paste the member's profile address or id.")) }
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return ContactInput(name: name ?? "", title: title ?? "", organisation: organisation ?? "", email: email, phone: phone,
                            postalAddress: postalAddress, seniority: s!, focusArea: focusArea, preferredChannel: c!, referredBy: referredBy,
                            memberId: member, targetIds: nil)
    }

    /// The edit form's values for a stored contact.
    static func values(of c: ContactRecord) -> [String: String] {
        ["name": c.name, "title": c.title, "organisation": c.organisation, "email": c.email ?? "", "phone": c.phone ?? "",
         "postalAddress": c.postalAddress ?? "", "seniority": c.seniority, "focusArea": c.focusArea ?? "",
         "preferredChannel": c.preferredChannel, "referredBy": c.referredBy ?? "", "memberId": c.memberID?.uuidString ?? ""]
    }
}
