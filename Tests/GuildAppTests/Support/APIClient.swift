// Small helpers the API tests share: sign up a member, get a token, send JSON.
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import GuildApp

struct TestMember: Sendable {
    let id: UUID
    let email: String
    let token: String
    var bearer: HTTPHeaders { ["Authorization": "Bearer \(token)"] }
}

extension Application {
    /// Signs up a member through the API and logs in for a token.
    func member(_ name: String = "Ada Lovelace", email: String? = nil, password: String = "correct horse battery") async throws -> TestMember {
        let email = email ?? "\(name.lowercased().replacingOccurrences(of: " ", with: "."))+\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let created = try await send(.POST, "/api/v1/users", json: ["email": email, "password": password, "displayName": name])
        #expect(created.status == .created)
        let id = try created.decode(CreatedUser.self).id
        let issued = try await send(.POST, "/api/v1/tokens", json: ["email": email, "password": password])
        #expect(issued.status == .created)
        return TestMember(id: id, email: email, token: try issued.decode(IssuedToken.self).token)
    }
}

/// Sends raw bytes as a JSON body (for malformed-JSON tests).
func rawJSON(_ text: String) -> (inout TestingHTTPRequest) throws -> Void {
    { req in
        req.headers.contentType = .json
        req.body = ByteBuffer(string: text)
    }
}

struct APIErrorBody: Decodable {
    struct Detail: Decodable { var code: String; var message: String; var field: String? }
    var error: Detail
}

extension Application {
    /// Sends one request in-process and returns the response.
    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], json: (any Encodable & Sendable)? = nil, raw: String? = nil) async throws -> TestingHTTPResponse {
        try await testing().sendRequest(method, path, headers: headers, beforeRequest: { req in
            if let json { try req.content.encode(AnyEncodable(json), as: .json) }
            if let raw { req.headers.contentType = .json; req.body = ByteBuffer(string: raw) }
        })
    }
}

struct AnyEncodable: Encodable, Sendable {
    let value: any Encodable & Sendable
    init(_ value: any Encodable & Sendable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

extension TestingHTTPResponse {
    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T { try content.decode(T.self) }
    var errorBody: APIErrorBody.Detail? { try? content.decode(APIErrorBody.self).error }
}
