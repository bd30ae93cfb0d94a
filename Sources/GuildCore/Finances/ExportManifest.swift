// What a member's data export contains and how its files are written: JSON as stored, CSV for spreadsheets,
// and a README that says what each file is. The app's areas each contribute their files.
import Foundation

/// One file of the export, described for the README.
public struct ExportFileDescription: Sendable, Equatable {
    public var path: String
    public var description: String
    public init(path: String, description: String) { self.path = path; self.description = description }
}

public enum ExportReadme {
    public static func text(memberName: String, generatedOn: String, instance: String, files: [ExportFileDescription]) -> String {
        var lines = [
            "# Your data from Guild",
            "",
            "Everything \(memberName) owns or took part in on \(instance), exported \(generatedOn).",
            "Each kind of record comes twice: as JSON (exactly as stored, for programs) and as CSV (for spreadsheets;",
            "nested values are written as JSON inside the cell). Amounts are whole cents (`…Cents`, 12345 = $123.45);",
            "times are UTC in ISO 8601. Other members appear only where they took part with you (the other side of",
            "an order, a dispute or an interview), by id and, where you saw it on the site, by name.",
            "",
            "| file | what it holds |",
            "| --- | --- |",
        ]
        for f in files.sorted(by: { $0.path < $1.path }) { lines.append("| `\(f.path)` | \(f.description) |") }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}

/// Comma-separated values as RFC 4180 writes them.
public enum CSV {
    public static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func table(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A JSON array of objects as a table: one column per key (sorted), nested values as compact JSON.
    public static func fromJSONArray(_ data: Data) throws -> String {
        let objects = try JSONDecoder().decode([[String: JSONValue]].self, from: data)
        let keys = Array(Set(objects.flatMap(\.keys))).sorted()
        let rows = objects.map { object in keys.map { object[$0]?.cell ?? "" } }
        return table(header: keys, rows: rows)
    }
}

/// Any JSON value, so that CSV cells keep what the JSON said (true stays true, 12 stays 12).
public indirect enum JSONValue: Codable, Sendable, Equatable {
    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .integer(let i): try c.encode(i)
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    var cell: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .string(let s): return s
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        }
    }
}
