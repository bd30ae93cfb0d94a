// Renders an interview as an RFC 5545 calendar file (.ics): CRLF lines, escaped TEXT, and 75-octet folding.
import Foundation

/// A person with an email address, as calendar files and mail headers name them.
public struct Mailbox: Codable, Equatable, Hashable, Sendable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

public struct ICalendarEvent: Codable, Equatable, Sendable {
    /// Globally unique and stable for the event, so a re-sent invitation updates rather than duplicates.
    public var uid: String
    /// When this file was produced.
    public var stamp: Date
    public var start: Date
    public var end: Date
    public var summary: String
    public var description: String
    public var location: String?
    public var organizer: Mailbox
    public var attendees: [Mailbox]
    /// The organiser's time zone: start and end are written as their wall-clock times with a VTIMEZONE that
    /// describes the zone; nil (or UTC) writes UTC times.
    public var timeZone: TimeZone?
    /// A reminder this many minutes before the start (a VALARM); nil for none.
    public var reminderMinutes: Int?

    /// Interviews remind both parties a quarter of an hour before: time to open the plan and find a quiet room.
    public static let interviewReminderMinutes = 15

    public static let productID = "-//Guild//Informational interviews//EN"

    public init(
        uid: String, stamp: Date, start: Date, end: Date, summary: String, description: String,
        location: String? = nil, organizer: Mailbox, attendees: [Mailbox], timeZone: TimeZone? = nil, reminderMinutes: Int? = nil
    ) {
        self.timeZone = timeZone
        self.reminderMinutes = reminderMinutes
        self.uid = uid
        self.stamp = stamp
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.location = location
        self.organizer = organizer
        self.attendees = attendees
    }

    /// The calendar entry for one informational interview: the explorer organises, the contact attends.
    public static func interview(
        interviewID: UUID, host: String, start: Date, minutes: Int, stamp: Date,
        explorer: Mailbox, contact: Mailbox, topic: String, agenda: [String] = [], location: String? = nil,
        timeZone: TimeZone? = nil, reminderMinutes: Int? = nil
    ) -> ICalendarEvent {
        var lines = [
            "An informational interview of \(minutes) minutes about \(InterviewText.singleLine(topic)).",
            "\(InterviewText.singleLine(explorer.name)) will keep to the agreed time.",
        ]
        if !agenda.isEmpty {
            lines.append("")
            lines.append("Agenda:")
            lines += agenda.map { "- " + InterviewText.singleLine($0) }
        }
        return ICalendarEvent(
            uid: "interview-\(interviewID.uuidString.lowercased())@\(host)",
            stamp: stamp,
            start: start,
            end: start.addingTimeInterval(TimeInterval(minutes * 60)),
            summary: "Conversation: \(InterviewText.singleLine(contact.name)) and \(InterviewText.singleLine(explorer.name))",
            description: lines.joined(separator: "\n"),
            location: location,
            organizer: explorer,
            attendees: [contact],
            timeZone: timeZone,
            reminderMinutes: reminderMinutes
        )
    }

    public func validate() throws {
        var errors: [ValidationError] = []
        if InterviewText.trimmed(uid).isEmpty || uid.contains(where: { $0.isWhitespace }) {
            errors.append(ValidationError(field: "uid", reason: "Must be non-empty without spaces."))
        }
        if end <= start { errors.append(ValidationError(field: "end", reason: "Must be after the start.")) }
        if !EmailAddress.isValid(organizer.email) { errors.append(ValidationError(field: "organizer.email", reason: "Is not a valid email address.")) }
        for (index, attendee) in attendees.enumerated() where !EmailAddress.isValid(attendee.email) {
            errors.append(ValidationError(field: "attendees[\(index)].email", reason: "Is not a valid email address."))
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
    }

    /// The .ics text: every line ends in CRLF and no line is longer than 75 octets.
    public func render() -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:\(Self.productID)",
            "CALSCALE:GREGORIAN",
            "BEGIN:VEVENT",
            "UID:\(Self.escapeText(uid))",
            "DTSTAMP:\(Self.utcDateTime(stamp))",
        ]
        let zone = timeZone.flatMap { $0.secondsFromGMT(for: start) == 0 && $0.nextDaylightSavingTimeTransition(after: start) == nil ? nil : $0 }
        if let zone {
            // The VTIMEZONE goes before the event that names it.
            lines.insert(contentsOf: Self.timeZoneComponent(zone, around: start), at: 4)
            lines += [
                "DTSTART;TZID=\(zone.identifier):\(Self.localDateTime(start, zone))",
                "DTEND;TZID=\(zone.identifier):\(Self.localDateTime(end, zone))",
            ]
        } else {
            lines += ["DTSTART:\(Self.utcDateTime(start))", "DTEND:\(Self.utcDateTime(end))"]
        }
        lines += [
            "SUMMARY:\(Self.escapeText(summary))",
            "DESCRIPTION:\(Self.escapeText(description))",
        ]
        if let location, !InterviewText.trimmed(location).isEmpty {
            lines.append("LOCATION:\(Self.escapeText(location))")
        }
        lines.append("ORGANIZER;CN=\(Self.parameterValue(organizer.name)):mailto:\(organizer.email)")
        for attendee in attendees {
            lines.append("ATTENDEE;CN=\(Self.parameterValue(attendee.name));ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:\(attendee.email)")
        }
        if let reminderMinutes, reminderMinutes > 0 {
            lines += [
                "BEGIN:VALARM", "ACTION:DISPLAY",
                "DESCRIPTION:\(Self.escapeText("In \(reminderMinutes) minutes: " + summary))",
                "TRIGGER;RELATED=START:-PT\(reminderMinutes)M", "END:VALARM",
            ]
        }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(Self.fold).joined()
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks as \n.
    /// A VTIMEZONE for `zone` with every offset change from a year before to a year after `date`, each written out
    /// (no recurrence rules): enough for any calendar to place the event, built from Foundation's own zone data.
    static func timeZoneComponent(_ zone: TimeZone, around date: Date) -> [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)"]
        var cursor = date.addingTimeInterval(-366 * 86_400)
        let until = date.addingTimeInterval(366 * 86_400)
        var transitions: [Date] = []
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < until, transitions.count < 8 {
            transitions.append(next)
            cursor = next
        }
        if transitions.isEmpty {
            let offset = offsetText(zone.secondsFromGMT(for: date))
            lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:\(offset)", "TZOFFSETTO:\(offset)", "END:STANDARD"]
        }
        for moment in transitions {
            let before = zone.secondsFromGMT(for: moment.addingTimeInterval(-1))
            let after = zone.secondsFromGMT(for: moment)
            let kind = zone.isDaylightSavingTime(for: moment) ? "DAYLIGHT" : "STANDARD"
            // DTSTART of an observance is the local time of the change, in the offset in force before it.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: before) ?? zone
            lines += ["BEGIN:\(kind)", "DTSTART:\(localDateTime(moment, calendar.timeZone))",
                      "TZOFFSETFROM:\(offsetText(before))", "TZOFFSETTO:\(offsetText(after))", "END:\(kind)"]
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(sign)\(two(minutes / 60))\(two(minutes % 60))"
    }

    /// "20261201T150000": the wall-clock time in `zone`, without a zone designator.
    static func localDateTime(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(p.year ?? 1970)\(two(p.month))\(two(p.day))T\(two(p.hour))\(two(p.minute))\(two(p.second))"
    }

    public static func escapeText(_ text: String) -> String {
        var result = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !previousWasCR { result += "\\n" }
            default:
                // Other control characters are not allowed in TEXT; drop them.
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    if scalar == "\t" { result += " " }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
            previousWasCR = scalar == "\r"
        }
        return result
    }

    /// A parameter value (RFC 5545 §3.2): always quoted, with the characters a quoted value cannot hold removed.
    static func parameterValue(_ text: String) -> String {
        let kept = InterviewText.singleLine(text).unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }
        return "\"" + String(String.UnicodeScalarView(kept)) + "\""
    }

    /// Splits a content line into lines of at most 75 octets, each continuation starting with one space,
    /// never cutting a UTF-8 sequence; every line ends in CRLF.
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var output: [UInt8] = []
        var index = 0
        var limit = 75
        while bytes.count - index > limit {
            var cut = index + limit
            // Back up to the start of a character: continuation bytes look like 10xxxxxx.
            while cut > index, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            // Keep an escape like "\," on one line: legal to split, but naive readers stumble over it.
            var backslashes = 0
            while cut - backslashes - 1 >= index, bytes[cut - backslashes - 1] == 0x5C { backslashes += 1 }
            if backslashes % 2 == 1, cut - 1 > index { cut -= 1 }
            output += bytes[index..<cut]
            output += [13, 10, 32]
            index = cut
            limit = 74
        }
        output += bytes[index...]
        output += [13, 10]
        return String(decoding: output, as: UTF8.self)
    }

    /// "20251202T130000Z"
    static func utcDateTime(_ date: Date) -> String {
        let utc = InterviewText.gregorian(TimeZone(identifier: "UTC") ?? .current)
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(c.year, 4))\(pad(c.month, 2))\(pad(c.day, 2))T\(pad(c.hour, 2))\(pad(c.minute, 2))\(pad(c.second, 2))Z"
    }
}
