// Renders a draft as an RFC 5322 .eml file (UTF-8 text, quoted-printable, RFC 2047 headers) and as a mailto: link.
import Foundation

public struct EmailFile: Codable, Equatable, Sendable {
    public var from: Mailbox
    public var to: [Mailbox]
    public var subject: String
    public var body: String
    public var date: Date
    /// The Message-ID without angle brackets: "left@domain".
    public var messageID: String
    /// The zone the Date header is written in.
    public var timeZone: TimeZone

    public init(from: Mailbox, to: [Mailbox], subject: String, body: String, date: Date, messageID: String, timeZone: TimeZone) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
        self.timeZone = timeZone
    }

    /// A Message-ID for something the app stores under a UUID: "<uuid>@<domain>" without the brackets.
    public static func messageID(for id: UUID, domain: String) -> String {
        "\(id.uuidString.lowercased())@\(domain)"
    }

    public func validate() throws {
        var errors: [ValidationError] = []
        if !EmailAddress.isValid(from.email) { errors.append(ValidationError(field: "from.email", reason: "Is not a valid email address.")) }
        if to.isEmpty { errors.append(ValidationError(field: "to", reason: "Must name at least one recipient.")) }
        for (index, mailbox) in to.enumerated() where !EmailAddress.isValid(mailbox.email) {
            errors.append(ValidationError(field: "to[\(index)].email", reason: "Is not a valid email address."))
        }
        if !EmailAddress.isValid(messageID) { errors.append(ValidationError(field: "messageID", reason: "Must look like left@domain.")) }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }

    /// The whole message, ASCII only, CRLF line ends.
    public func render() -> String {
        var headers: [String] = []
        headers.append(Self.foldHeader(name: "From", tokens: Self.mailboxTokens(from)))
        var toTokens: [String] = []
        for (index, mailbox) in to.enumerated() {
            var tokens = Self.mailboxTokens(mailbox)
            if index < to.count - 1 { tokens[tokens.count - 1] += "," }
            toTokens += tokens
        }
        headers.append(Self.foldHeader(name: "To", tokens: toTokens))
        headers.append(Self.foldHeader(name: "Subject", tokens: Self.unstructuredTokens(subject)))
        headers.append("Date: \(Self.rfc5322Date(date, timeZone: timeZone))")
        headers.append("Message-ID: <\(messageID)>")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: text/plain; charset=utf-8")
        headers.append("Content-Transfer-Encoding: quoted-printable")
        return headers.map { $0 + "\r\n" }.joined() + "\r\n" + Self.quotedPrintable(body) + "\r\n"
    }

    public var data: Data { Data(render().utf8) }

    // MARK: - Headers

    /// Joins tokens with spaces, starting a new line (CRLF + space) before a token that would pass 76 characters.
    static func foldHeader(name: String, tokens: [String]) -> String {
        var lines: [String] = []
        var current = "\(name):"
        for token in tokens {
            if current.count + 1 + token.count > 76, current != "\(name):", !current.isEmpty {
                lines.append(current)
                current = " " + token
            } else {
                current += " " + token
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// A display name and address as header tokens: plain words, a quoted string, or encoded words when not ASCII.
    static func mailboxTokens(_ mailbox: Mailbox) -> [String] {
        let name = InterviewText.singleLine(mailbox.name)
        let address = "<\(mailbox.email)>"
        if name.isEmpty { return [address] }
        if !name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) {
            return encodedWords(name) + [address]
        }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
        if name.allSatisfy({ atext.contains($0) }) {
            return name.split(separator: " ").map(String.init) + [address]
        }
        let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return [quoted, address]
    }

    /// Unstructured text (the subject): ASCII words as they are, otherwise RFC 2047 encoded words.
    static func unstructuredTokens(_ text: String) -> [String] {
        let clean = InterviewText.singleLine(text)
        if clean.isEmpty { return [] }
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }),
           !clean.contains("=?") {
            return clean.split(separator: " ").map(String.init)
        }
        return encodedWords(clean)
    }

    /// RFC 2047 "B" encoded words of at most 39 UTF-8 bytes each (64 characters with the wrapper), split only between characters.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    /// "Tue, 02 Dec 2025 14:00:00 +0100" (RFC 5322 §3.3), without locale data.
    public static func rfc5322Date(_ date: Date, timeZone: TimeZone) -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let c = InterviewText.gregorian(timeZone).dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let offsetMinutes = timeZone.secondsFromGMT(for: date) / 60
        let sign = offsetMinutes < 0 ? "-" : "+"
        let two = InterviewText.twoDigits
        let zone = "\(sign)\(two(abs(offsetMinutes) / 60))\(two(abs(offsetMinutes) % 60))"
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day ?? 1)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour ?? 0)):\(two(c.minute ?? 0)):\(two(c.second ?? 0)) \(zone)"
    }

    // MARK: - Body

    /// Quoted-printable (RFC 2045 §6.7) of the UTF-8 text: line breaks become CRLF, lines stay within 76 characters
    /// using soft breaks, "=" and non-ASCII bytes are =XX, and whitespace at the end of a line is encoded.
    public static func quotedPrintable(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let hex = Array("0123456789ABCDEF")
        var output: [String] = []
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var tokens: [String] = []
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                if byte == 0x3D || byte > 0x7E || (byte < 0x20 && byte != 0x09) || ((byte == 0x20 || byte == 0x09) && isLast) {
                    tokens.append("=" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)]))
                } else {
                    tokens.append(String(UnicodeScalar(byte)))
                }
            }
            var current = ""
            var physical: [String] = []
            for token in tokens {
                // 75 characters plus the "=" of a soft break make the 76 allowed.
                if current.count + token.count > 75 {
                    physical.append(current + "=")
                    current = ""
                }
                current += token
            }
            physical.append(current)
            output.append(physical.joined(separator: "\r\n"))
        }
        return output.joined(separator: "\r\n")
    }
}

/// Builds mailto: links (RFC 6068) so an explorer can open a draft in their own mail program.
public enum MailtoLink {
    public static func make(to addresses: [String], subject: String? = nil, body: String? = nil) -> String {
        // Characters an address may keep as they are; everything else is percent-encoded.
        let addressSafe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'*+@".utf8)
        let valueSafe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        var link = "mailto:" + addresses.map { percentEncode($0, keeping: addressSafe) }.joined(separator: ",")
        var fields: [String] = []
        if let subject, !subject.isEmpty { fields.append("subject=" + percentEncode(InterviewText.singleLine(subject), keeping: valueSafe)) }
        if let body, !body.isEmpty {
            // RFC 6068 asks for line breaks in a body as %0D%0A.
            let crlf = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .replacingOccurrences(of: "\n", with: "\r\n")
            fields.append("body=" + percentEncode(crlf, keeping: valueSafe))
        }
        if !fields.isEmpty { link += "?" + fields.joined(separator: "&") }
        return link
    }

    static func percentEncode(_ text: String, keeping safe: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF")
        var result = ""
        for byte in text.utf8 {
            if safe.contains(byte) {
                result.append(Character(UnicodeScalar(byte)))
            } else {
                result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }
}
