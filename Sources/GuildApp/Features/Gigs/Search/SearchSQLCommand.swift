// `guild search-sql < queries.txt` (one query string a line, as after `?` in /api/v1/search): prints the SQL each search runs, with its values, as JSON, so that the
// benchmark can time the engine alone on exactly the server's statements (bench/search.py).
import Vapor
import Fluent
import SQLKit
import GuildCore

struct SearchSQLCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Read search query strings (one a line, as after ? in /api/v1/search) and print the SQL and values each runs, as JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let db = app.db
        var out: [[String: any Sendable]] = []
        var queries: [String] = []
        while let line = readLine() { if !line.isEmpty { queries.append(line) } }
        for raw in queries {
            var parameters: [String: String] = [:]
            for pair in raw.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
                if kv.count == 2 { parameters[kv[0]] = kv[1] }
            }
            let request: SearchRequest
            do { request = try SearchRequest.parse(parameters) } catch { throw GuildCommandError("\(raw): \(error)") }
            let query = GigSearch.sql(request, weights: app.rankingWeights, kind: db.kind)
            var serializer = SQLSerializer(database: db.sql)
            query.serialize(to: &serializer)
            var binds: [[String: String]] = []
            var literals: [String] = []
            for bind in serializer.binds {
                let (type, text, literal) = Self.describe(bind, kind: db.kind)
                binds.append(["type": type, "value": text])
                literals.append(literal)
            }
            // PostgreSQL's $n placeholders replaced by literals (highest first, so that $1 does not eat $10).
            var literal = serializer.sql
            if db.kind == .postgres {
                for (i, value) in literals.enumerated().reversed() { literal = literal.replacingOccurrences(of: "$\(i + 1)", with: value) }
            }
            out.append(["query": raw, "sql": serializer.sql, "binds": binds, "literal": literal])
        }
        let data = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
        // One marked line, so that log lines on the same output cannot be mistaken for it.
        print("SEARCH-SQL " + String(decoding: data, as: UTF8.self))
    }

    static func describe(_ bind: any Encodable & Sendable, kind: DatabaseKind) -> (String, String, String) {
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        switch bind {
        case let v as String: return ("text", v, quoted(v))
        case let v as Double: return ("real", "\(v)", "CAST(\(v) AS DOUBLE PRECISION)")
        case let v as Int: return ("integer", "\(v)", "\(v)")
        case let v as Int64: return ("integer", "\(v)", "\(v)")
        case let v as Bool: return ("bool", v ? "1" : "0", v ? "true" : "false")
        case let v as UUID: return ("uuid", v.uuidString, quoted(v.uuidString) + (kind == .postgres ? "::uuid" : ""))
        default: return ("text", "\(bind)", quoted("\(bind)"))
        }
    }
}
