// Tests that the .ics and .eml renderings are well-formed, read back with small strict parsers, and that mailto links encode properly.
import Foundation
import Testing
@testable import GuildCore

/// A strict reader of RFC 5545 content lines: CRLF only, 75-octet lines, unfolding, TEXT unescaping.
enum ICSReader {
    struct Line: Equatable {
        let name: String
        let parameters: String
        let value: String
    }

    static func physicalLines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func contentLines(_ text: String) -> [Line] {
        var unfolded: [String] = []
        for line in physicalLines(text) {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += String(line.dropFirst())
            } else {
                unfolded.append(line)
            }
        }
        return unfolded.map { line in
            // The value starts at the first colon outside a quoted parameter value.
            var inQuotes = false
            var split = line.endIndex
            for index in line.indices {
                if line[index] == "\"" { inQuotes.toggle() }
                if line[index] == ":", !inQuotes { split = index; break }
            }
            let head = String(line[..<split])
            let value = split < line.endIndex ? String(line[line.index(after: split)...]) : ""
            let parts = head.split(separator: ";", maxSplits: 1)
            return Line(name: String(parts[0]), parameters: parts.count > 1 ? String(parts[1]) : "", value: value)
        }
    }

    static func unescape(_ value: String) -> String {
        var result = ""
        var escaping = false
        for character in value {
            if escaping {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// A strict reader of the .eml output: ASCII, CRLF, unfolded headers, RFC 2047 B words and quoted-printable.
enum EMLReader {
    static func split(_ text: String) -> (headers: [(String, String)], body: String, rawHeaderLines: [String]) {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let rawHeader = parts[0]
        let body = parts.dropFirst().joined(separator: "\r\n\r\n")
        let rawLines = rawHeader.components(separatedBy: "\r\n")
        var headers: [(String, String)] = []
        for line in rawLines {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                headers[headers.count - 1].1 += line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return (headers, body, rawLines)
    }

    static func decodeWords(_ value: String) -> String {
        let tokens = value.split(separator: " ")
        var result = ""
        var previousWasEncoded = false
        for token in tokens {
            if token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?=") {
                let payload = token.dropFirst(10).dropLast(2)
                let decoded = Data(base64Encoded: String(payload)).map { String(decoding: $0, as: UTF8.self) } ?? "<bad>"
                // Whitespace between adjacent encoded words is not part of the text (RFC 2047 §6.2).
                result += (result.isEmpty || previousWasEncoded ? "" : " ") + decoded
                previousWasEncoded = true
            } else {
                result += (result.isEmpty ? "" : " ") + token
                previousWasEncoded = false
            }
        }
        return result
    }

    static func decodeQuotedPrintable(_ body: String) -> String {
        var bytes: [UInt8] = []
        let lines = body.components(separatedBy: "\r\n")
        for (index, line) in lines.enumerated() {
            var characters = Array(line.utf8)
            var soft = false
            if characters.last == UInt8(ascii: "=") { soft = true; characters.removeLast() }
            var i = 0
            while i < characters.count {
                if characters[i] == UInt8(ascii: "="), i + 2 < characters.count + 0, let value = UInt8(String(decoding: characters[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    i += 3
                } else {
                    bytes.append(characters[i])
                    i += 1
                }
            }
            if !soft, index < lines.count - 1 { bytes += [13, 10] }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

@Suite("Calendar file")
struct ICalendarEventTests {
    typealias F = InterviewFixtures
    static let event = ICalendarEvent.interview(
        interviewID: F.id(7), host: "guild.example", start: F.date(2025, 12, 2, 13, 0), minutes: 20,
        stamp: F.date(2025, 11, 28, 9, 30),
        explorer: Mailbox(name: "Jonas Weber", email: "jonas@example.org"),
        contact: Mailbox(name: "Okafor, Amara \"Ama\"", email: "amara@northwind.example"),
        topic: "freight planning; near-shoring, costs",
        agenda: ["How did you first get into this work?", "According to my research, DHL, DSV and Kuehne+Nagel lead freight forwarding in Europe — am I missing anyone? Ça va?"]
    )

    @Test("renders a VCALENDAR with one VEVENT and the required properties")
    func structure() throws {
        // given an interview event
        // when rendered and read back
        let text = Self.event.render()
        let lines = ICSReader.contentLines(text)
        // then it opens and closes properly and carries every property once
        #expect(lines.first == ICSReader.Line(name: "BEGIN", parameters: "", value: "VCALENDAR"))
        #expect(lines.last == ICSReader.Line(name: "END", parameters: "", value: "VCALENDAR"))
        #expect(lines.map(\.name) == ["BEGIN", "VERSION", "PRODID", "CALSCALE", "BEGIN", "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "ORGANIZER", "ATTENDEE", "END", "END"])
        func value(_ name: String) -> String? { lines.first { $0.name == name }?.value }
        #expect(value("VERSION") == "2.0")
        #expect(value("UID") == "interview-00000000-0000-0000-0000-000000000007@guild.example")
        #expect(value("DTSTAMP") == "20251128T093000Z")
        #expect(value("DTSTART") == "20251202T130000Z")
        #expect(value("DTEND") == "20251202T132000Z")
        #expect(value("ORGANIZER") == "mailto:jonas@example.org")
        let attendee = try #require(lines.first { $0.name == "ATTENDEE" })
        #expect(attendee.value == "mailto:amara@northwind.example")
        #expect(attendee.parameters.hasPrefix("CN=\"Okafor, Amara Ama\";ROLE=REQ-PARTICIPANT"))
    }

    @Test("every line ends in CRLF, stays within 75 octets, and folds without breaking characters")
    func folding() {
        // given the rendered event
        let text = Self.event.render()
        // then there is no bare line feed and no long line, and continuation lines start with one space
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let physical = ICSReader.physicalLines(text)
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(physical.contains { $0.hasPrefix(" ") }, "the description is long enough to fold")
        // and every physical line is valid UTF-8 on its own (no split sequences)
        let bytes = Array(text.utf8)
        #expect(String(validating: bytes, as: UTF8.self) != nil)
        for line in physical { #expect(String(validating: Array(line.utf8), as: UTF8.self) == line) }
    }

    @Test("TEXT values are escaped and read back exactly")
    func textEscaping() throws {
        // given text with backslash, semicolon, comma and line breaks
        #expect(ICalendarEvent.escapeText("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf")
        // when the event is read back
        let lines = ICSReader.contentLines(Self.event.render())
        let description = try #require(lines.first { $0.name == "DESCRIPTION" })
        // then the description is the original, line breaks and all
        #expect(ICSReader.unescape(description.value) == Self.event.description)
        #expect(Self.event.description.contains("freight planning; near-shoring, costs"))
        #expect(!description.value.contains("\n"))
    }

    @Test("fold splits long lines at 75 then 74 octets plus the leading space")
    func foldLengths() {
        // given an 80-character ASCII line and a line of two-byte characters
        let ascii = ICalendarEvent.fold(String(repeating: "a", count: 80))
        let accents = ICalendarEvent.fold(String(repeating: "é", count: 50))
        // then the first line has 75 octets and continuations start with a space
        #expect(ascii == String(repeating: "a", count: 75) + "\r\n " + String(repeating: "a", count: 5) + "\r\n")
        #expect(ICSReader.physicalLines(accents).map(\.utf8.count) == [74, 27])
        // and an escape sequence at the cut stays whole
        let escaped = ICalendarEvent.fold(String(repeating: "a", count: 74) + "\\,bbb")
        #expect(escaped == String(repeating: "a", count: 74) + "\r\n \\,bbb\r\n")
    }

    @Test("validation catches a reversed time and bad addresses")
    func validation() throws {
        // given an event ending before it starts with a bad attendee
        var event = Self.event
        event.end = event.start
        event.attendees = [Mailbox(name: "X", email: "not-an-address")]
        // when validating
        let error = try #require(throws: ValidationErrors.self) { try event.validate() }
        // then both fields are named
        #expect(error.errors.map(\.field) == ["end", "attendees[0].email"])
        #expect(throws: Never.self) { try Self.event.validate() }
    }
}

@Suite("Email file and mailto")
struct EmailFileTests {
    typealias F = InterviewFixtures
    static let body = "Dear Amara,\n\nLena Fischer suggested I write. Déjà vu: a = b, and café prices rose 5%. " + String(repeating: "This line is long on purpose to force soft line breaks in the encoding. ", count: 3) + "   \nTrailing spaces above.\nBest,\nJonas"
    static let file = EmailFile(
        from: Mailbox(name: "Jonas Weber", email: "jonas@example.org"),
        to: [Mailbox(name: "Amara Okafor-Łukasiewicz", email: "amara@northwind.example"), Mailbox(name: "Ops, Team", email: "ops@northwind.example")],
        subject: "Lena Fischer suggested I contact you – a 20-minute conversation about près logistique?",
        body: body, date: F.date(2025, 12, 2, 13, 5), messageID: EmailFile.messageID(for: F.id(9), domain: "guild.example"),
        timeZone: F.paris
    )

    @Test("the message is ASCII with CRLF line ends and the required headers")
    func headers() throws {
        // given a message with non-ASCII names and subject
        let text = Self.file.render()
        // when split into headers and body
        let (headers, _, raw) = EMLReader.split(text)
        // then it is pure ASCII with CRLF only
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(raw.allSatisfy { $0.count <= 78 }, "\(raw)")
        #expect(headers.map(\.0) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"])
        let values = Dictionary(uniqueKeysWithValues: headers)
        #expect(values["From"] == "Jonas Weber <jonas@example.org>")
        #expect(values["Date"] == "Tue, 02 Dec 2025 14:05:00 +0100")
        #expect(values["Message-ID"] == "<00000000-0000-0000-0000-000000000009@guild.example>")
        #expect(values["MIME-Version"] == "1.0")
        #expect(values["Content-Type"] == "text/plain; charset=utf-8")
        #expect(values["Content-Transfer-Encoding"] == "quoted-printable")
        // and encoded words decode to the original text
        let subject = try #require(values["Subject"])
        #expect(subject.hasPrefix("=?UTF-8?B?"))
        #expect(EMLReader.decodeWords(subject) == Self.file.subject)
        let to = try #require(values["To"])
        #expect(EMLReader.decodeWords(to) == "Amara Okafor-Łukasiewicz <amara@northwind.example>, \"Ops, Team\" <ops@northwind.example>")
    }

    @Test("an ASCII subject stays readable and folds at spaces")
    func asciiSubject() {
        // given a long ASCII subject
        var file = Self.file
        file.subject = String(repeating: "conversation ", count: 10)
        // when rendered
        let (headers, _, raw) = EMLReader.split(file.render())
        // then it is plain words, folded within 78 characters
        #expect(headers.first { $0.0 == "Subject" }?.1 == InterviewText.singleLine(file.subject))
        #expect(raw.filter { $0.hasPrefix(" ") }.count >= 1)
        #expect(raw.allSatisfy { $0.count <= 78 })
    }

    @Test("quoted-printable body: short lines, encoded specials, no trailing whitespace, decodes exactly")
    func quotedPrintable() {
        // given the rendered body
        let (_, body, _) = EMLReader.split(Self.file.render())
        let lines = body.components(separatedBy: "\r\n").dropLast()
        // then every line is at most 76 characters and none ends in whitespace
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.hasSuffix("\t") })
        #expect(lines.contains { $0.hasSuffix("=") }, "long lines use soft breaks")
        #expect(body.contains("D=C3=A9j=C3=A0 vu: a =3D b"))
        #expect(body.contains("=20\r\nTrailing"))
        // and it decodes to the original with CRLF line ends
        #expect(EMLReader.decodeQuotedPrintable(body) == Self.body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    @Test("quoted-printable never splits an escape across a soft break")
    func noSplitEscapes() {
        // given a long run of non-ASCII characters
        let encoded = EmailFile.quotedPrintable(String(repeating: "é", count: 60))
        // then every line but the last ends with a soft break after complete escapes
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") && ($0.count - 1) % 3 == 0 })
        #expect(EMLReader.decodeQuotedPrintable(encoded) == String(repeating: "é", count: 60))
    }

    @Test("RFC 5322 dates in several zones")
    func dates() {
        // given one moment
        let moment = F.date(2025, 7, 4, 23, 30)
        // then each zone writes its own wall time and offset
        #expect(EmailFile.rfc5322Date(moment, timeZone: F.utc) == "Fri, 04 Jul 2025 23:30:00 +0000")
        #expect(EmailFile.rfc5322Date(moment, timeZone: F.paris) == "Sat, 05 Jul 2025 01:30:00 +0200")
        #expect(EmailFile.rfc5322Date(moment, timeZone: TimeZone(identifier: "America/St_Johns")!) == "Fri, 04 Jul 2025 21:00:00 -0230")
    }

    @Test("validation names bad addresses")
    func validation() throws {
        // given a message with a bad sender and no recipients
        var file = Self.file
        file.from.email = "jonas"
        file.to = []
        // then both are named
        let error = try #require(throws: ValidationErrors.self) { try file.validate() }
        #expect(error.errors.map(\.field) == ["from.email", "to"])
        #expect(throws: Never.self) { try Self.file.validate() }
    }

    @Test("mailto links percent-encode subject and body, with CRLF line breaks")
    func mailto() throws {
        // given a subject and a body with spaces, symbols, accents and lines
        let link = MailtoLink.make(to: ["amara@northwind.example", "ops+it@northwind.example"], subject: "20 minutes & a question?", body: "Dear Amara,\nCafé = 5% off #1")
        // then the link is encoded to RFC 6068
        #expect(link == "mailto:amara@northwind.example,ops+it@northwind.example?subject=20%20minutes%20%26%20a%20question%3F&body=Dear%20Amara%2C%0D%0ACaf%C3%A9%20%3D%205%25%20off%20%231")
        // and Foundation reads it back
        let components = try #require(URLComponents(string: link))
        #expect(components.scheme == "mailto")
        #expect(components.queryItems?.first { $0.name == "body" }?.value == "Dear Amara,\r\nCafé = 5% off #1")
        #expect(MailtoLink.make(to: ["a@example.org"]) == "mailto:a@example.org")
    }
}
