// Wall-clock times as a member types and reads them, in their own time zone: a form's "2026-03-29T10:30" is
// 10:30 where the member lives, not in UTC, and the form shows a stored time back the same way.
import Foundation

public enum MeetingTime {
    /// The instant a wall-clock time names in `zone`. Across a daylight-saving change an hour is skipped (spring)
    /// or repeated (autumn): a skipped time is refused, since the member would otherwise meet an hour off;
    /// a repeated one means the first occurrence, as calendars do.
    public static func instant(local text: String, in zone: TimeZone, field: String) throws -> Date {
        let clean = text.trimmingCharacters(in: .whitespaces)
        guard let parts = components(clean) else {
            throw ValidationErrors([ValidationError(field: field, reason: "Must be a date and time like 2026-12-01T15:00.")])
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var wanted = DateComponents()
        (wanted.year, wanted.month, wanted.day, wanted.hour, wanted.minute) = (parts.year, parts.month, parts.day, parts.hour, parts.minute)
        guard let date = calendar.date(from: wanted) else {
            throw ValidationErrors([ValidationError(field: field, reason: "Is not a date on the calendar.")])
        }
        // Foundation moves a skipped time forward; reading the result back shows whether the wall clock exists.
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard back.year == parts.year, back.month == parts.month, back.day == parts.day, back.hour == parts.hour, back.minute == parts.minute else {
            throw ValidationErrors([ValidationError(field: field, reason: "Does not exist in \(zone.identifier): the clocks skip that hour. Choose another time.")])
        }
        // For a repeated hour take the earlier instant: one hour before, if it shows the same wall clock.
        let earlier = date.addingTimeInterval(-3600)
        if calendar.dateComponents([.year, .month, .day, .hour, .minute], from: earlier) == back { return earlier }
        return date
    }

    /// The value a datetime-local field shows for `date` in `zone`.
    public static func formValue(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(p.year ?? 1970)-\(two(p.month))-\(two(p.day))T\(two(p.hour)):\(two(p.minute))"
    }

    /// "yyyy-MM-ddTHH:mm" with optional ":ss", numbers in range; nil otherwise.
    public static func components(_ text: String) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int)? {
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        let date = halves[0].split(separator: "-").map { Int($0) }
        let time = halves[1].split(separator: ":").map { Int($0) }
        guard date.count == 3, time.count == 2 || time.count == 3, !date.contains(nil), !time.contains(nil) else { return nil }
        let (y, mo, d, h, mi) = (date[0]!, date[1]!, date[2]!, time[0]!, time[1]!)
        guard (1900...9999).contains(y), (1...12).contains(mo), (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi) else { return nil }
        return (y, mo, d, h, mi)
    }
}
