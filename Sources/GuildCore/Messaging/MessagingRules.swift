// Messaging's public rules: who a conversation is between, how long a message may be, which files travel with one,
// how fast a member may send, and what blocking and reporting do. `/policies/messaging` prints them from here.
import Foundation

/// What a conversation is attached to.
public enum ConversationKind: String, Codable, CaseIterable, Sendable {
    /// Two members, started by either from the other's profile.
    case direct
    /// An order's buyer and seller; arbiters join once a dispute is opened on it.
    case order
    /// An explorer and the practitioner they sent an on-platform conversation request to.
    case interview

    public var label: String {
        switch self {
        case .direct: "Direct"
        case .order: "Order"
        case .interview: "Informational interview"
        }
    }
}

/// How a member takes part in a conversation.
public enum ConversationRole: String, Codable, Sendable {
    case participant
    /// An arbiter reading and writing in an order's conversation because a dispute is open on it.
    case arbiter
}

public enum MessageLimits {
    public static let textCharacters = 1...5_000
    public static let attachmentsPerMessage = 3
    /// Per file, in bytes (5 MiB).
    public static let attachmentBytes = 5 * 1_024 * 1_024
    public static let fileNameCharacters = 1...120
    /// Messages a page or an API call returns at once.
    public static let pageSize = 50
    public static let pageSizeRange = 1...200

    /// The text as it will be stored, or the reason it cannot be: surrounding blank lines go, the rest is kept.
    public static func text(_ raw: String?, hasAttachments: Bool) throws(ValidationError) -> String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty && hasAttachments { return "" }
        guard textCharacters.contains(text.count) else {
            throw ValidationError(field: "text", reason: text.isEmpty
                ? "is required: write a message (or attach a file)"
                : "must be at most \(textCharacters.upperBound) characters (it has \(text.count))")
        }
        return text
    }
}

/// The kinds of file a message may carry. The kind is read from the file's first bytes, never from its name or from
/// what the sender claims, and it decides how Guild serves the file back: images inline, everything else as a
/// download, always with `nosniff` so that no browser runs it as a page or a script.
public enum AttachmentKind: String, Codable, CaseIterable, Sendable {
    case png, jpeg, gif, webp, pdf, text

    public var contentType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .pdf: "application/pdf"
        case .text: "text/plain; charset=utf-8"
        }
    }

    public var isImage: Bool { [.png, .jpeg, .gif, .webp].contains(self) }

    public var label: String {
        switch self {
        case .png: "PNG image"
        case .jpeg: "JPEG image"
        case .gif: "GIF image"
        case .webp: "WebP image"
        case .pdf: "PDF document"
        case .text: "Plain text"
        }
    }

    /// The kind of these bytes, or nil for anything not on the list (HTML, SVG, programs, archives, office files…).
    public static func detect(_ bytes: [UInt8]) -> AttachmentKind? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if bytes.count >= 12, starts(Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        // Plain text: valid UTF-8 with no NUL and no markup a browser would take for a page.
        guard !bytes.isEmpty, !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let head = text.prefix(512).lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        for marker in ["<!doctype", "<html", "<svg", "<script", "<?xml", "<head", "<body", "<iframe"] where head.contains(marker) { return nil }
        return .text
    }

    /// A name safe to store and to put in a download header: no folders, no control or quote characters.
    public static func cleanFileName(_ raw: String?) throws(ValidationError) -> String {
        let last = (raw ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "\"" && $0 != ";" })
            .trimmingCharacters(in: .whitespaces)
        guard MessageLimits.fileNameCharacters.contains(cleaned.count) else {
            throw ValidationError(field: "fileName", reason: "must be 1 to \(MessageLimits.fileNameCharacters.upperBound) characters")
        }
        return cleaned
    }

    /// Checks one file: size and kind. The error names the file, so a member knows which one to change.
    public static func check(fileName: String, bytes: [UInt8]) throws(ValidationError) -> AttachmentKind {
        guard !bytes.isEmpty else { throw ValidationError(field: "attachments", reason: "\(fileName) is empty") }
        guard bytes.count <= MessageLimits.attachmentBytes else {
            throw ValidationError(field: "attachments", reason: "\(fileName) is \(ByteSize.spoken(bytes.count)); a file may be at most \(ByteSize.spoken(MessageLimits.attachmentBytes))")
        }
        guard let kind = detect(bytes) else {
            let allowed = AttachmentKind.allCases.map(\.label).joined(separator: ", ")
            throw ValidationError(field: "attachments", reason: "\(fileName) is not a kind of file Guild carries (allowed: \(allowed))")
        }
        return kind
    }
}

public enum ByteSize {
    /// "812 bytes", "14 KB", "2.4 MB".
    public static func spoken(_ bytes: Int) -> String {
        if bytes < 1_024 { return "\(bytes) bytes" }
        if bytes < 1_024 * 1_024 { return "\(Int((Double(bytes) / 1_024).rounded())) KB" }
        let mb = Double(bytes) / (1_024 * 1_024)
        return mb == mb.rounded() ? "\(Int(mb)) MB" : String(format: "%.1f MB", mb)
    }
}

/// How fast a member may send, counted from the stored messages (so every instance sees the same count).
public enum SendRateLimit {
    public struct Window: Sendable, Equatable {
        public let seconds: Int
        public let messages: Int
        public let wording: String
    }
    public static let windows = [Window(seconds: 60, messages: 20, wording: "20 messages a minute"),
                                 Window(seconds: 3_600, messages: 200, wording: "200 messages an hour")]
    /// New conversations a member may start with members they have not talked to before, per day.
    public static let newConversationsPerDay = 20

    /// Nil when one more message is allowed; otherwise the seconds to wait and the rule that was reached.
    /// `sentTimes` are the sender's messages in the last hour, any order.
    public static func wait(sentTimes: [Date], now: Date) -> (seconds: Int, rule: String)? {
        for window in windows {
            let start = now.addingTimeInterval(-Double(window.seconds))
            let inside = sentTimes.filter { $0 > start }.sorted()
            if inside.count >= window.messages {
                // The oldest message in the window leaves it after this long.
                let oldest = inside[inside.count - window.messages]
                return (max(1, Int((oldest.timeIntervalSince(start)).rounded(.up))), window.wording)
            }
        }
        return nil
    }
}

/// Why a member reports another; arbiters read reports on the reports desk.
public enum ReportReason: String, Codable, CaseIterable, Sendable {
    case harassment
    case spam
    case offPlatformPayment = "off_platform_payment"
    case scam
    case other

    public var label: String {
        switch self {
        case .harassment: "Harassment or abuse"
        case .spam: "Spam or unwanted promotion"
        case .offPlatformPayment: "Asked to pay or be paid outside Guild"
        case .scam: "A scam or a phishing attempt"
        case .other: "Something else"
        }
    }
}

public enum ReportState: String, Codable, Sendable {
    case open
    /// An admin looked at it and acted (warned, removed a gig, closed the account) and said how.
    case actioned
    /// An admin looked at it and found nothing against the rules, and said why.
    case dismissed

    public var label: String {
        switch self {
        case .open: "Waiting for an admin"
        case .actioned: "Acted on"
        case .dismissed: "Closed without action"
        }
    }
}

public enum ReportLimits {
    public static let details = 0...2_000
}

/// The second source of the responsiveness factor: the seller's first reply to a conversation another member opened
/// (a direct message or the first message on an order). Its samples join the order samples in `ResponseTime`.
public enum ReplyTime {
    public static let definition = "For each conversation another member opened with the seller in the last \(ResponseTime.windowDays) days (a direct message, or the first message on an order), the hours from that first message to the seller's first reply. A message left unanswered for \(Int(ResponseTime.untouchedCapHours)) hours counts as \(Int(ResponseTime.untouchedCapHours)) hours; one younger than that is not counted yet."
}
