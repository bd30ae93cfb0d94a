// A member's data export: each area contributes its files (`Feature.export`), written as JSON and CSV into one zip
// with a README. Built in memory: one member's records are small next to what a request may hold, and nothing of
// it is left on the server's disk.
import Vapor
import Fluent
import ZIPFoundation
import GuildCore

/// What an area's export hook is given.
struct ExportContext: Sendable {
    let member: User
    let memberID: UUID
    let app: Application
    let db: any Database
}

/// One file of the export.
struct ExportFile: Sendable {
    var path: String
    var description: String
    var data: Data

    /// The records twice: `base.json` as stored (camelCase fields, ISO 8601 UTC times) and `base.csv` for spreadsheets.
    static func records<T: Encodable>(_ base: String, _ description: String, _ records: [T]) throws -> [ExportFile] {
        let json = try ExportFile.encoder.encode(records)
        return [ExportFile(path: base + ".json", description: description, data: json),
                ExportFile(path: base + ".csv", description: description + " (the same as a table)",
                           data: Data(try CSV.fromJSONArray(json).utf8))]
    }

    /// One JSON document, for things that are not a list (the profile).
    static func document<T: Encodable>(_ path: String, _ description: String, _ value: T) throws -> ExportFile {
        ExportFile(path: path, description: description, data: try ExportFile.encoder.encode(value))
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}

enum MemberExport {
    /// Every area's files, then the README that lists them.
    static func files(for member: User, app: Application, on db: any Database) async throws -> [ExportFile] {
        let context = ExportContext(member: member, memberID: try member.requireID(), app: app, db: db)
        var files: [ExportFile] = []
        for feature in Features.all { files += try await feature.export(context) }
        let paths = files.map(\.path)
        precondition(Set(paths).count == paths.count, "two areas wrote the same export file")
        let readme = ExportReadme.text(
            memberName: member.displayName,
            // The full date, not "today": the README is read long after the download.
            generatedOn: "on " + StatementPage.Model.spokenDay(app.clock.now(), zone: SpokenDate.timeZone(member.timezone)),
            instance: app.guild.publicBaseURL,
            files: files.map { ExportFileDescription(path: $0.path, description: $0.description) })
        return [ExportFile(path: "README.md", description: "This file", data: Data(readme.utf8))] + files
    }

    static func zip(for member: User, app: Application, ip: String?, on db: any Database) async throws -> Data {
        let files = try await files(for: member, app: app, on: db)
        let archive = try Archive(accessMode: .create)
        let now = app.clock.now()
        for file in files {
            let data = file.data
            try archive.addEntry(with: "guild-export/" + file.path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: now, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw APIError(status: .internalServerError, code: "internal", message: "The export could not be written") }
        try await AuditLog.record(.dataExported, member: member.requireID(), detail: "\(files.count) files", ip: ip, at: now, on: db)
        return data
    }

    static func download(_ zip: Data, for member: User) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/zip")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"guild-export.zip\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: zip))
    }
}
