import Foundation
import ForgeStub
import Testing

@testable import ContributorKit

/// The libcurl client and its request policy, driven directly against `ForgeStub`.
@Suite struct HTTPClientTests {
    let stub: ForgeStub

    init() throws {
        stub = try ForgeStub(world: organisation([StubRepository(id: 1, owner: "acme", name: "a", contributors: users(2))]))
    }

    /// Sends one GET through a fresh client with a GitHub credential for the stub's origin.
    func get(_ url: String, token: String = "ghp_testtoken1234567890", maxBodyBytes: Int = 1 << 20) throws -> Result<HTTPResponse, APIFailure>? {
        let control = RunControl()
        let logger = Logger(level: .error, write: { _ in })
        var configuration = HTTPClient.Configuration(userAgent: "fetch-contributors/\(Version.string)")
        configuration.maxBodyBytes = maxBodyBytes
        configuration.credentials = [Credential.gitHub(token: token, apiURL: URL(string: stub.gitHubAPIURL)!)!]
        let http = try HTTPClient(configuration: configuration)
        let limiter = RateLimiter(maxWaitSeconds: 5, maxConcurrency: 8, control: control, logger: logger)
        let api = APIClient(http: http, rateLimiter: limiter, logger: logger, control: control)

        var outcome: Result<HTTPResponse, APIFailure>?
        let headers = GitHubAdapter(apiURL: URL(string: stub.gitHubAPIURL)!).headers
        api.send(HTTPRequest(url: URL(string: url)!, headers: headers), context: .repository("test")) { outcome = $0 }
        try http.run { false }
        return outcome
    }

    @Test func standardHeadersSent() throws {
        defer { stub.stop() }

        let outcome = try get(stub.gitHubAPIURL + "/orgs/acme/repos?per_page=100")

        #expect((try? outcome?.get().status) == 200)
        let request = try #require(stub.requests.first)
        #expect(request.header("User-Agent") == "fetch-contributors/\(Version.string)")
        #expect(request.header("Accept") == "application/vnd.github+json")
        #expect(request.header("X-GitHub-Api-Version") == "2022-11-28")
        #expect(request.header("Authorization") == "Bearer ghp_testtoken1234567890")
        #expect(request.header("Accept-Encoding")?.contains("gzip") == true)
    }

    @Test func redirectToSameHostKeepsToken() throws {
        defer { stub.stop() }
        stub.script("/old", [.response(status: 302, headers: [("Location", "/orgs/acme/repos")])])

        let outcome = try get(stub.gitHubAPIURL + "/old")

        #expect((try? outcome?.get().status) == 200)
        #expect(stub.requests.map(\.path) == ["/old", "/orgs/acme/repos"])
        #expect(stub.requests.allSatisfy { $0.header("Authorization") != nil })
    }

    @Test func redirectToOtherHostDropsToken() throws {
        defer { stub.stop() }
        // "localhost" names the same server, but it is another host, so the token must not follow.
        stub.script("/old", [.response(status: 301, headers: [("Location", "http://localhost:\(stub.port)/orgs/acme/repos")])])

        let outcome = try get(stub.gitHubAPIURL + "/old")

        #expect((try? outcome?.get().status) == 200)
        #expect(stub.requests.count == 2)
        #expect(stub.requests.first?.header("Authorization") != nil)
        #expect(stub.requests.last?.header("Authorization") == nil)
        #expect(stub.requests.last?.header("Host")?.hasPrefix("localhost") == true)
    }

    @Test func redirectLoopFails() throws {
        defer { stub.stop() }
        stub.script("/loop", Array(repeating: .response(status: 302, headers: [("Location", "/loop")]), count: 10))

        let outcome = try get(stub.gitHubAPIURL + "/loop")

        guard case .failure(let failure) = outcome else {
            Issue.record("expected a failure, got \(String(describing: outcome))")
            return
        }
        #expect(failure.message == "more than 5 redirects")
        #expect(stub.requests.count == 6)
    }

    @Test func bodyOverCapFailsWithoutRetry() throws {
        defer { stub.stop() }
        stub.script("/big", [.response(status: 200, body: "[" + String(repeating: "0,", count: 3_000) + "0]")])

        let outcome = try get(stub.gitHubAPIURL + "/big", maxBodyBytes: 1_000)

        guard case .failure(let failure) = outcome else {
            Issue.record("expected a failure, got \(String(describing: outcome))")
            return
        }
        #expect(failure.message == "response body exceeds 1000 bytes")
        #expect(failure.url.path == "/big")
        #expect(stub.requests.count == 1)
    }

    @Test func headersMatchedCaseInsensitively() {
        let headers = HTTPHeaders([(name: "eTaG", value: "W/\"1\""), (name: "link", value: "<a>; rel=next"), (name: "Link", value: "<b>; rel=last")])
        #expect(headers["ETag"] == "W/\"1\"")
        #expect(headers.values("LINK") == ["<a>; rel=next", "<b>; rel=last"])
        #expect(headers["ETags"] == nil)
        #expect(headers["ETa"] == nil)
    }

    /// Only letters fold: bytes that differ by the case bit but are not letters, such as `-` and a
    /// carriage return or `[` and `{`, are different names.
    @Test func headerNamesFoldOnlyASCIILetters() {
        let headers = HTTPHeaders([(name: "X-Id", value: "1"), (name: "A[b", value: "2"), (name: "Stra\u{DF}e", value: "3")])
        #expect(headers["x-ID"] == "1")
        #expect(headers["X\rId"] == nil)
        #expect(headers["a[B"] == "2")
        #expect(headers["A{b"] == nil)
        #expect(headers["STRA\u{DF}E"] == "3")
        #expect(headers["Strasse"] == nil)
    }
}
