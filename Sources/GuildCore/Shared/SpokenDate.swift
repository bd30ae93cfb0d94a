// Dates as a person says them, in the reader's own time zone: "today at 14:05", "tomorrow at 09:00",
// "Thursday 10 December at 14:05", "3 March 2025 at 08:30". Pages never print an ISO stamp.
import Foundation

public enum SpokenDate {
    /// The member's time zone from its identifier ("Europe/Lisbon"); UTC when it is empty or unknown.
    public static func timeZone(_ identifier: String?) -> TimeZone {
        identifier.flatMap { $0.isEmpty ? nil : TimeZone(identifier: $0) } ?? utc
    }

    public static let utc = TimeZone(secondsFromGMT: 0)!

    /// Whether a zone is plain UTC, which the texts name as such (Foundation on Linux calls it "GMT").
    public static func isUTC(_ zone: TimeZone) -> Bool { ["UTC", "GMT"].contains(zone.identifier) }

    /// A moment with its time of day, relative to `now` where a person would say it that way.
    public static func moment(_ date: Date, now: Date, in zone: TimeZone) -> String {
        let time = format("HH:mm", date, zone)
        let zoneNote = isUTC(zone) ? " UTC" : ""
        return "\(day(date, now: now, in: zone)) at \(time)\(zoneNote)"
    }

    /// A moment that stays true whenever it is read (stored texts, such as notifications): "Thursday 10 December 2026
    /// at 14:05 UTC", or "… at 14:05 (Europe/Lisbon time)" in a member's own zone.
    public static func fixed(_ date: Date, in zone: TimeZone) -> String {
        let zoneNote = isUTC(zone) ? "UTC" : "(\(zone.identifier) time)"
        return "\(format("EEEE d MMMM yyyy 'at' HH:mm", date, zone)) \(zoneNote)"
    }

    /// A day without its time: "today", "yesterday", "tomorrow", "Thursday 10 December", "3 March 2025".
    public static func day(_ date: Date, now: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: date)).day ?? 0
        switch days {
        case 0: return "today"
        case -1: return "yesterday"
        case 1: return "tomorrow"
        default:
            let sameYear = calendar.component(.year, from: date) == calendar.component(.year, from: now)
            // Within a week either side the weekday helps; further away the year may matter.
            if abs(days) < 7 { return format("EEEE d MMMM", date, zone) }
            return sameYear ? format("d MMMM", date, zone) : format("d MMMM yyyy", date, zone)
        }
    }

    /// One formatter per pattern and zone, made once: making a `DateFormatter` (an ICU formatter underneath) costs far
    /// more than using one, and notifications format a date inside an order step's transaction. Used under the lock.
    private final class Formatters: @unchecked Sendable {
        let lock = NSLock()
        var byKey: [String: DateFormatter] = [:]
    }
    private static let formatters = Formatters()

    private static func format(_ pattern: String, _ date: Date, _ zone: TimeZone) -> String {
        let cache = formatters
        cache.lock.lock()
        defer { cache.lock.unlock() }
        let key = pattern + "\u{0}" + zone.identifier
        if let formatter = cache.byKey[key] { return formatter.string(from: date) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        if cache.byKey.count >= 1_000 { cache.byKey.removeAll() }
        cache.byKey[key] = formatter
        return formatter.string(from: date)
    }
}
