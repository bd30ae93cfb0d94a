// The member's data export: every kind of their records, nothing of anyone else's beyond what they shared.
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
import GuildCore
@testable import GuildApp

@Suite("Finances: data export")
struct FinancesExportTests {
    static func unzip(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var files: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            files[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return files
    }

    @Test("The export holds every kind of the member's records and nothing of a stranger's", arguments: TestDatabase.all)
    func everythingOfTheirsNothingOfOthers(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            // given a seller with a gig, an accepted order, a disputed one, a payout and interview research
            let m = try await Market.make(app)
            let done = try await m.delivered()
            #expect(try await m.step("accept", done.id, by: m.buyer).status == .ok)
            let disputed = try await m.delivered("Standard")
            #expect(try await m.step("disputes", disputed.id, by: m.buyer, json: ["reason": "The colours are wrong"]).status == .created)
            #expect(try await app.send(.POST, "/api/v1/payouts", headers: m.seller.bearer.adding("Idempotency-Key", "p"), json: ["amountCents": 2_000]).status == .created)
            let target = try await app.send(.POST, "/api/v1/interviews/targets", headers: m.seller.bearer, json: ["kind": "industry", "name": "Type foundries"])
            #expect(target.status == .created, "\(target.body.string)")
            let contact = try await app.send(.POST, "/api/v1/interviews/contacts", headers: m.seller.bearer, json: [
                "name": "Rosa Kerning", "title": "Type designer", "organisation": "Kern & Co", "email": "rosa@kern.example",
                "seniority": "senior", "focusArea": "display faces", "preferredChannel": "email", "referredBy": "Ada"])
            #expect(contact.status == .created, "\(contact.body.string)")
            // and a stranger with their own gig, order and research
            let stranger = try await app.member("Zed Stranger")
            let strangerBuyer = try await app.member("Quinn Quiet")
            let strangerGig = try await Market.makeGig(app, seller: stranger.id)
            let theirs = Market(app: app, buyer: strangerBuyer, seller: stranger, gigID: strangerGig)
            let their = try await theirs.delivered()
            #expect(try await theirs.step("accept", their.id, by: strangerBuyer).status == .ok)
            #expect(try await app.send(.POST, "/api/v1/interviews/targets", headers: stranger.bearer, json: ["kind": "job", "name": "Secret lighthouse keeper"]).status == .created)

            // when the seller downloads their export
            let res = try await app.send(.GET, "/api/v1/me/export", headers: m.seller.bearer)
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.description == "application/zip")
            let files = try Self.unzip(Data(buffer: res.body))

            // then every kind of record is there, as JSON and CSV, with a README listing each file
            let readme = try #require(files["guild-export/README.md"])
            for base in ["gigs", "orders/orders", "orders/history", "orders/deliveries", "orders/disputes", "money/ledger-entries",
                         "money/payouts", "money/earnings-by-month", "interviews/research-targets", "interviews/contacts", "api-tokens"] {
                let json = try #require(files["guild-export/\(base).json"], "\(base).json")
                #expect(files["guild-export/\(base).csv"] != nil, "\(base).csv")
                #expect(readme.contains("`\(base).json`"), "README lists \(base).json")
                #expect(json != "[]" && json != "[\n\n]", "\(base).json has the member's records")
            }
            let profile = try #require(files["guild-export/profile.json"])
            #expect(profile.contains(m.seller.email))
            #expect(files["guild-export/orders/orders.json"]!.contains(done.id.uuidString))
            #expect(files["guild-export/orders/disputes.json"]!.contains("The colours are wrong"))
            #expect(files["guild-export/interviews/contacts.json"]!.contains("Rosa Kerning"))
            #expect(files["guild-export/interviews/research-targets.json"]!.contains("Type foundries"))
            #expect(files["guild-export/orders/orders.csv"]!.hasPrefix("buyerID,"))
            // the buyer appears only as the other side of the orders they shared
            let everything = files.values.joined(separator: "\n")
            #expect(everything.contains(m.buyer.id.uuidString))
            #expect(!everything.contains(m.buyer.email))
            // and nothing of the stranger's
            for secret in [stranger.id.uuidString, stranger.email, strangerBuyer.id.uuidString, their.id.uuidString, "Secret lighthouse keeper"] {
                #expect(!everything.lowercased().contains(secret.lowercased()), "leaks \(secret)")
            }
            // no secret of the member's own either: no password hash, no token hash
            #expect(!everything.contains("$2b$") && !everything.contains("passwordHash") && !everything.contains("tokenHash"))
            // and only members can ask
            #expect(try await app.send(.GET, "/api/v1/me/export").status == .unauthorized)
        }
    }

    @Test("The account page links the download, which works with the session", arguments: TestDatabase.all)
    func downloadFromTheAccountPage(_ kind: TestDatabase) async throws {
        try await withGuild(kind) { app in
            let member = try await app.member("Ada Export")
            let browser = try await FinanceTestSupport.logIn(app, member)
            let profile = try await browser.get("/users/\(member.id)")
            #expect(profile.body.string.contains("href=\"/me/export\""))
            let zip = try await browser.get("/me/export")
            #expect(zip.status == .ok)
            let files = try Self.unzip(Data(buffer: zip.body))
            #expect(files["guild-export/profile.json"]?.contains(member.email) == true)
        }
    }
}
