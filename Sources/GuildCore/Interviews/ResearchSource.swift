// A research source a contact recommended ("what should I read, follow or join?"): what it is, where to find it, and
// whether the explorer has read it yet. The answer to the resources question becomes one in a single step.
import Foundation

public enum SourceKind: String, Codable, CaseIterable, Sendable {
    case read, follow, join

    /// As a person says it, for pages.
    public var label: String {
        switch self {
        case .read: "To read"
        case .follow: "To follow"
        case .join: "To join"
        }
    }
}

public enum ResearchSource {
    public static let titleCharacters = 200
    public static let linkCharacters = 500
    public static let noteCharacters = 500

    /// The cleaned fields, or a 422 naming each bad field: a title (one line), an optional web address (http or https)
    /// and an optional note.
    public static func validate(title: String?, link: String?, note: String?) throws -> (title: String, link: String?, note: String?) {
        var errors: [ValidationError] = []
        let title = title ?? ""
        InterviewLimits.requireText(title, field: "title", max: titleCharacters, into: &errors)
        let link = InterviewText.trimmed(link ?? "")
        if !link.isEmpty {
            if link.count > linkCharacters {
                errors.append(ValidationError(field: "link", reason: "Must be at most \(linkCharacters) characters."))
            } else if !isWebAddress(link) {
                errors.append(ValidationError(field: "link", reason: "Must be a web address starting with http:// or https://."))
            }
        }
        let note = InterviewText.trimmed(note ?? "")
        if note.count > noteCharacters { errors.append(ValidationError(field: "note", reason: "Must be at most \(noteCharacters) characters.")) }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        return (InterviewText.singleLine(title), link.isEmpty ? nil : link, note.isEmpty ? nil : note)
    }

    static func isWebAddress(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else { return false }
        return true
    }
}
