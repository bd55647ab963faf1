import Foundation
import Testing

import ForgeStub

#if canImport(Glibc)
import Glibc
#endif

/// Tests of the HTTP stub itself, through a raw loopback socket so they do not depend on the libcurl client.
@Suite("ForgeStub")
struct ForgeStubTests {
    // MARK: GitHub

    @Test("contributors paginate with Link")
    func contributorsPaginate() throws {
        let stub = try ForgeStub(world: Self.world(userCount: 250, anonymousCount: 3))
        defer { stub.stop() }

        let first = try LoopbackHTTP.get(stub, "/repos/acme/widgets/contributors?anon=1&per_page=100")
        #expect(first.status == 200)
        #expect(try first.jsonArray().count == 100)
        let link = try #require(first.header("Link"))
        #expect(link == "<\(stub.baseURL)/repositories/77/contributors?anon=1&per_page=100&page=2>; rel=\"next\", "
            + "<\(stub.baseURL)/repositories/77/contributors?anon=1&per_page=100&page=3>; rel=\"last\"")

        let last = try LoopbackHTTP.get(stub, "/repositories/77/contributors?anon=1&per_page=100&page=3")
        #expect(try last.jsonArray().count == 53)
        #expect(last.header("Link") == "<\(stub.baseURL)/repositories/77/contributors?anon=1&per_page=100&page=2>; rel=\"prev\", "
            + "<\(stub.baseURL)/repositories/77/contributors?anon=1&per_page=100&page=1>; rel=\"first\"")

        let pastEnd = try LoopbackHTTP.get(stub, "/repositories/77/contributors?anon=1&per_page=100&page=9")
        #expect(pastEnd.status == 200)
        #expect(String(decoding: pastEnd.body, as: UTF8.self) == "[]")
    }

    @Test("middle page link orders")
    func middlePageLinkOrders() throws {
        let stub = try ForgeStub(world: Self.world(userCount: 250, anonymousCount: 0))
        defer { stub.stop() }
        let target = "/api/v3/repos/acme/widgets/contributors?per_page=100&page=2"
        let base = "\(stub.baseURL)/api/v3/repos/acme/widgets/contributors?per_page=100&page="

        stub.updateConfiguration { $0.contributorsLinkForm = .ownerName }
        let nextFirst = try #require(try LoopbackHTTP.get(stub, target).header("Link"))
        #expect(nextFirst == "<\(base)3>; rel=\"next\", <\(base)3>; rel=\"last\", <\(base)1>; rel=\"prev\", <\(base)1>; rel=\"first\"")

        stub.updateConfiguration { $0.linkOrder = .prevFirstBeforeNext }
        let prevFirst = try #require(try LoopbackHTTP.get(stub, target).header("Link"))
        #expect(prevFirst == "<\(base)1>; rel=\"prev\", <\(base)1>; rel=\"first\", <\(base)3>; rel=\"next\", <\(base)3>; rel=\"last\"")
    }

    @Test("anonymous entries need anon")
    func anonymousEntriesNeedAnon() throws {
        let stub = try ForgeStub(world: Self.world(userCount: 2, anonymousCount: 2))
        defer { stub.stop() }

        let withoutAnon = try LoopbackHTTP.get(stub, "/repos/acme/widgets/contributors").jsonArray()
        #expect(withoutAnon.count == 2)
        #expect(withoutAnon.allSatisfy { $0["login"] is String })

        let withAnon = try LoopbackHTTP.get(stub, "/repos/acme/widgets/contributors?anon=true").jsonArray()
        #expect(withAnon.count == 4)
        let anonymous = try #require(withAnon.last)
        #expect(anonymous["type"] as? String == "Anonymous")
        #expect(anonymous["email"] as? String == "anon1@example.org")
        #expect(anonymous["login"] == nil)
    }

    @Test("per_page is capped at 100")
    func perPageIsCapped() throws {
        let stub = try ForgeStub(world: Self.world(userCount: 150, anonymousCount: 0))
        defer { stub.stop() }

        let response = try LoopbackHTTP.get(stub, "/repos/acme/widgets/contributors?per_page=1000")
        #expect(try response.jsonArray().count == 100)
        #expect(response.header("Link")?.contains("per_page=1000&page=2>; rel=\"next\"") == true)
    }

    @Test("ETag gives 304 without rate cost")
    func entityTagGivesNotModified() throws {
        let stub = try ForgeStub(world: Self.world(userCount: 3, anonymousCount: 0))
        defer { stub.stop() }

        let first = try LoopbackHTTP.get(stub, "/repos/acme/widgets")
        let entityTag = try #require(first.header("ETag"))
        #expect(entityTag.hasPrefix("W/\""))
        #expect(first.header("X-RateLimit-Remaining") == "4999")
        #expect(first.header("X-RateLimit-Resource") == "core")

        let second = try LoopbackHTTP.get(stub, "/repos/acme/widgets", headers: [("If-None-Match", entityTag)])
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
        #expect(second.header("ETag") == entityTag)
        #expect(second.header("X-RateLimit-Remaining") == "4999")

        // Entity tags hash the body with FNV-1a, so a second stub with the same world sends the same tag.
        let twin = try ForgeStub(world: Self.world(userCount: 3, anonymousCount: 0))
        defer { twin.stop() }
        #expect(try LoopbackHTTP.get(twin, "/repos/acme/widgets").header("ETag") == entityTag)
    }

    @Test("rate limit stops at zero")
    func rateLimitStopsAtZero() throws {
        let stub = try ForgeStub(world: Self.world(userCount: 1, anonymousCount: 0), configuration: .init(rateLimitRemaining: 1))
        defer { stub.stop() }

        #expect(try LoopbackHTTP.get(stub, "/repos/acme/widgets").header("X-RateLimit-Remaining") == "0")
        let exhausted = try LoopbackHTTP.get(stub, "/repos/acme/widgets")
        #expect(exhausted.status == 200)
        #expect(exhausted.header("X-RateLimit-Remaining") == "0")
        #expect(exhausted.header("X-RateLimit-Used") == "5000")
    }

    @Test("renamed repository redirects")
    func renamedRepositoryRedirects() throws {
        var world = Self.world(userCount: 1, anonymousCount: 0)
        world.renames["acme/old-widgets"] = 77
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let response = try LoopbackHTTP.get(stub, "/repos/acme/old-widgets/contributors?anon=1")
        #expect(response.status == 301)
        #expect(response.header("Location") == "\(stub.baseURL)/repositories/77/contributors?anon=1")
        #expect(try response.jsonObject()["message"] as? String == "Moved Permanently")
    }

    @Test("contributors error replies")
    func contributorsErrorReplies() throws {
        let cases: [(StubRepository.ContributorsReply, Int)] = [
            (.empty204, 204), (.tooLarge, 403), (.notFound, 404), (.unavailableForLegalReasons, 451), (.accessBlocked, 403),
        ]
        for (reply, status) in cases {
            var world = Self.world(userCount: 1, anonymousCount: 0)
            world.repositories[0].contributorsReply = reply
            let stub = try ForgeStub(world: world)
            defer { stub.stop() }

            let response = try LoopbackHTTP.get(stub, "/repos/acme/widgets/contributors")
            #expect(response.status == status, "\(reply)")
            if status == 204 {
                #expect(response.body.isEmpty)
            } else {
                #expect(try response.jsonObject()["message"] is String, "\(reply)")
            }
        }
    }

    @Test("org repos need an organisation")
    func organizationRepositories() throws {
        var world = Self.world(userCount: 1, anonymousCount: 0)
        world.owners.append(StubOwner(login: "solo", id: 9, isOrganization: false))
        world.repositories.append(StubRepository(id: 5, owner: "solo", name: "dotfiles", isFork: true))
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let repositories = try LoopbackHTTP.get(stub, "/orgs/acme/repos").jsonArray()
        #expect(repositories.map { $0["full_name"] as? String } == ["acme/widgets"])
        #expect(try LoopbackHTTP.get(stub, "/orgs/solo/repos").status == 404)

        let userRepositories = try LoopbackHTTP.get(stub, "/users/solo/repos").jsonArray()
        #expect(userRepositories.first?["fork"] as? Bool == true)
        #expect(try LoopbackHTTP.get(stub, "/no/such/route").status == 404)
    }

    @Test("GraphQL resolves aliased users")
    func graphQLResolvesUsers() throws {
        var world = StubWorld()
        // The name needs JSON escapes for the quotes, the line feed and the control character.
        let name = "Мона \"Лиза\"\n🚀 e\u{301}\u{1}"
        world.users = [StubUser(id: 1, login: "octocat", name: name, blog: "https://example.org")]
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let query = #"{"query": "query { u0: user(login: \"octocat\") { databaseId login name websiteUrl } u1: user(login: \"ghost\") { login } }"}"#
        let response = try LoopbackHTTP.request(stub, method: "POST", target: "/graphql", body: Data(query.utf8))
        let object = try response.jsonObject()
        let data = try #require(object["data"] as? [String: Any])
        let user = try #require(data["u0"] as? [String: Any])
        #expect(user["databaseId"] as? Int == 1)
        #expect(user["name"] as? String == name)
        #expect(user["websiteUrl"] as? String == "https://example.org")
        #expect(data["u1"] is NSNull)

        let errors = try #require(object["errors"] as? [[String: Any]])
        let error = try #require(errors.first)
        let path = error["path"] as? [String]
        #expect(error["type"] as? String == "NOT_FOUND")
        #expect(path == ["u1"])
    }

    // MARK: GitLab

    @Test("GitLab paths, subgroups and totals")
    func gitLabPathsAndTotals() throws {
        var world = StubWorld()
        world.gitLabGroups = [
            StubGitLabGroup(id: 10, fullPath: "group", name: "Group"),
            StubGitLabGroup(id: 11, fullPath: "group/sub", name: "Sub"),
        ]
        world.gitLabProjects = [
            StubGitLabProject(id: 3, pathWithNamespace: "group/sub/mirror", importURL: "https://github.com/acme/widgets.git"),
            StubGitLabProject(id: 1, pathWithNamespace: "group/top", contributors: (0..<25).map {
                StubGitLabContributor(name: "Person \($0)", email: "p\($0)@example.org", commits: 100 - $0)
            }),
            StubGitLabProject(id: 2, pathWithNamespace: "other/elsewhere"),
        ]
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let group = try LoopbackHTTP.get(stub, "/api/v4/groups/group%2Fsub")
        #expect(try group.jsonObject()["id"] as? Int == 11)
        #expect(group.header("RateLimit-Limit") != nil)
        #expect(try LoopbackHTTP.get(stub, "/api/v4/groups/missing").jsonObject()["message"] as? String == "404 Group Not Found")

        let direct = try LoopbackHTTP.get(stub, "/api/v4/groups/10/projects").jsonArray()
        #expect(direct.map { $0["id"] as? Int } == [1])
        let nested = try LoopbackHTTP.get(stub, "/api/v4/groups/group/projects?include_subgroups=true").jsonArray()
        #expect(nested.map { $0["id"] as? Int } == [1, 3])
        #expect(nested.last?["import_url"] as? String == "https://github.com/acme/widgets.git")

        let page = try LoopbackHTTP.get(stub, "/api/v4/projects/group%2Ftop/repository/contributors?per_page=20&page=2")
        #expect(try page.jsonArray().count == 5)
        #expect(page.header("X-Total") == "25")
        #expect(page.header("X-Total-Pages") == "2")
        #expect(page.header("X-Next-Page") == "")
        #expect(page.header("X-Prev-Page") == "1")
        #expect(page.header("Link")?.contains("rel=\"last\"") == true)

        stub.updateConfiguration { $0.gitLabTotals = false }
        let withoutTotals = try LoopbackHTTP.get(stub, "/api/v4/projects/1/repository/contributors")
        #expect(withoutTotals.header("X-Total") == nil)
        #expect(withoutTotals.header("X-Next-Page") == "2")
        #expect(withoutTotals.header("Link")?.contains("rel=\"last\"") == false)
    }

    // MARK: Scripts and connections

    @Test("scripted replies then normal")
    func scriptedRepliesThenNormal() throws {
        let stub = try ForgeStub(world: Self.world(userCount: 1, anonymousCount: 0))
        defer { stub.stop() }
        stub.script("/repos/acme/widgets", [
            .response(status: 502),
            .response(status: 403, headers: [("X-RateLimit-Remaining", "0")], body: #"{"message":"API rate limit exceeded"}"#),
        ])

        let failed = try LoopbackHTTP.get(stub, "/repos/acme/widgets?x=1")
        #expect(failed.status == 502)
        #expect(failed.header("Date") != nil)
        #expect(failed.header("Content-Length") == "0")

        let limited = try LoopbackHTTP.get(stub, "/repos/acme/widgets")
        #expect(limited.status == 403)
        #expect(limited.header("X-RateLimit-Remaining") == "0")

        #expect(try LoopbackHTTP.get(stub, "/repos/acme/widgets").status == 200)
        #expect(stub.requests.map(\.target) == ["/repos/acme/widgets?x=1", "/repos/acme/widgets", "/repos/acme/widgets"])
        #expect(stub.requests.first?.header("host") == "127.0.0.1:\(stub.port)")
    }

    @Test("keep-alive serves several requests")
    func keepAliveServesSeveralRequests() throws {
        let stub = try ForgeStub(world: Self.world(userCount: 1, anonymousCount: 0))
        defer { stub.stop() }

        let connection = try LoopbackHTTP(port: stub.port)
        defer { connection.close() }
        for _ in 0..<3 {
            try connection.send("GET /repos/acme/widgets HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try connection.readResponse().status == 200)
        }
        try connection.send("GET /users/nobody HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let last = try connection.readResponse()
        #expect(last.status == 404)
        #expect(last.header("Connection") == "close")
        #expect(try connection.readToEnd().isEmpty)
    }

    @Test("trickle sends the whole body")
    func trickleSendsWholeBody() throws {
        let stub = try ForgeStub(world: StubWorld())
        defer { stub.stop() }
        let body = String(repeating: "x", count: 300)
        stub.script("/slow", [.trickle(bytesPerSecond: 1_000, body: body)])

        let started = Date()
        let response = try LoopbackHTTP.get(stub, "/slow")
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == body)
        #expect(Date().timeIntervalSince(started) >= 0.2)
    }

    @Test("stop ends a hanging reply")
    func stopEndsHangingReply() throws {
        let stub = try ForgeStub(world: StubWorld())
        stub.script("/hang", [.hang, .close])

        let hanging = try LoopbackHTTP(port: stub.port)
        defer { hanging.close() }
        try hanging.send("GET /hang HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")

        // The replies go to requests in arrival order, so the hanging request must arrive first.
        let deadline = Date().addingTimeInterval(5)
        while stub.requests.isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }

        // `.close` sends no response, so the client reads the end of the stream.
        let closing = try LoopbackHTTP(port: stub.port)
        defer { closing.close() }
        try closing.send("GET /hang HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try closing.readResponseIfAny() == nil)

        Thread.sleep(forTimeInterval: 0.2)
        let started = Date()
        stub.stop()
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(try hanging.readToEnd().isEmpty)
        #expect(throws: (any Error).self) { try LoopbackHTTP(port: stub.port) }
    }

    @Test("update drops cached pages")
    func updateDropsCachedPages() throws {
        let stub = try ForgeStub(world: Self.world(userCount: 2, anonymousCount: 0))
        defer { stub.stop() }

        let before = try LoopbackHTTP.get(stub, "/repos/acme/widgets/contributors")
        stub.update { $0.repositories[0].contributors[0].contributions += 1_000 }
        let after = try LoopbackHTTP.get(stub, "/repos/acme/widgets/contributors")
        #expect(after.header("ETag") != before.header("ETag"))
        #expect(try after.jsonArray().first?["contributions"] as? Int == 1_003)
    }

    @Test("control routes count and mutate")
    func controlRoutes() throws {
        let stub = try ForgeStub(world: DemoForge.generatedOrganization(login: "bench", repositories: 20, contributorsPerRepository: 3))
        defer { stub.stop() }

        _ = try LoopbackHTTP.get(stub, "/orgs/bench/repos")
        #expect(try LoopbackHTTP.get(stub, "/_stub/requests").jsonObject()["count"] as? Int == 1)

        let before = try LoopbackHTTP.get(stub, "/repositories/100000").jsonObject()["pushed_at"] as? String
        let mutated = try LoopbackHTTP.request(stub, method: "POST", target: "/_stub/mutate?fraction=0.1")
        #expect(try mutated.jsonObject()["changed"] as? Int == 2)
        let after = try LoopbackHTTP.get(stub, "/repositories/100000").jsonObject()["pushed_at"] as? String
        #expect(before == "2026-01-01T00:00:00Z")
        #expect(after == "2026-01-02T00:00:00Z")

        _ = try LoopbackHTTP.request(stub, method: "POST", target: "/_stub/reset")
        #expect(stub.requests.isEmpty)
    }

    // MARK: Demo data

    @Test("community demo shape")
    func communityDemoShape() throws {
        let world = DemoForge.communityOrganization()
        let repositories = world.repositories

        #expect(repositories.count == 100)
        #expect(repositories.count { $0.isFork } == 8)
        #expect(repositories.count { $0.isArchived } == 6)
        #expect(repositories.count { $0.contributorsReply == .empty204 } == 1)
        #expect(repositories.count { $0.contributorsReply == .list } == 99)
        // The largest repository has 350 users, plus any bots and anonymous authors.
        let largest = try #require(repositories.map(\.contributors.count).max())
        #expect((350...360).contains(largest))
        #expect(repositories.count { $0.contributors.count > 100 } >= 3)

        let entries = repositories.flatMap(\.contributors)
        let anonymousEmails = Set(entries.filter { $0.login == nil }.compactMap(\.email))
        #expect((15...25).contains(anonymousEmails.count))
        #expect(anonymousEmails.contains { $0.hasSuffix("@users.noreply.github.com") })
        #expect(Set(entries.compactMap { $0.type == "Bot" ? $0.login : nil }).count == 3)
        #expect(entries.contains { $0.contributions >= 1_000 })
        let usersWithoutAvatar = entries.filter { $0.login != nil && $0.avatarURL == nil }
        #expect(!usersWithoutAvatar.isEmpty)

        let names = world.users.compactMap(\.name)
        #expect(world.users.count >= 600)
        #expect(names.contains("Zoë Ångström"))
        #expect(names.contains { $0.contains("🚀") })
        #expect(names.contains { $0.unicodeScalars.contains { $0.properties.generalCategory == .nonspacingMark } })

        let mirrors = world.gitLabProjects.filter { $0.pathWithNamespace.hasPrefix("coala/mirrors/") }
        #expect(mirrors.count == 10)
        #expect(mirrors.count { $0.importURL != nil } == 4)

        // Generation is deterministic, so two calls give the same data.
        let again = DemoForge.communityOrganization()
        #expect(again.repositories.map(\.id) == repositories.map(\.id))
        #expect(again.repositories.flatMap(\.contributors).map(\.contributions) == entries.map(\.contributions))
        #expect(again.users.map(\.login) == world.users.map(\.login))
    }

    @Test("generated organisation shape")
    func generatedOrganizationShape() {
        let world = DemoForge.generatedOrganization(login: "bench", repositories: 30, contributorsPerRepository: 300)
        #expect(world.repositories.count == 30)
        #expect(world.repositories.allSatisfy { $0.contributors.count == 300 })
        #expect(world.repositories.allSatisfy { Set($0.contributors.compactMap(\.login)).count == 300 })
        #expect(world.users.count == 1_000)
        #expect(world.owners.first?.isOrganization == true)

        let again = DemoForge.generatedOrganization(login: "bench", repositories: 30, contributorsPerRepository: 300)
        #expect(again.repositories.flatMap(\.contributors).map(\.login) == world.repositories.flatMap(\.contributors).map(\.login))
    }

    // MARK: Fixtures

    /// Organisation `acme` with repository `acme/widgets` (id 77): `userCount` users with falling
    /// contributions, then `anonymousCount` anonymous entries `anonN@example.org`.
    static func world(userCount: Int, anonymousCount: Int) -> StubWorld {
        var contributors = (0..<userCount).map { index in
            StubContributor.user(id: 1_000 + index, login: "user\(index)", contributions: userCount - index + 1)
        }
        contributors += (0..<anonymousCount).map { index in
            StubContributor.anonymous(name: "Anon \(index)", email: "anon\(index)@example.org", contributions: 1)
        }
        return StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [StubRepository(id: 77, owner: "acme", name: "widgets", contributors: contributors)]
        )
    }
}

/// A blocking HTTP/1.1 client on one loopback TCP connection, so the stub is tested without libcurl.
///
/// It reads only responses with `Content-Length`, which the stub always sends. Reads time out after five seconds.
final class LoopbackHTTP {
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: Data

        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        func jsonObject() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        }

        func jsonArray() throws -> [[String: Any]] {
            try #require(try JSONSerialization.jsonObject(with: body) as? [[String: Any]])
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else {
            throw Failure(description: "socket failed: errno \(errno)")
        }

        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw Failure(description: "connect to 127.0.0.1:\(port) failed: errno \(code)")
        }
    }

    func close() {
        Glibc.close(descriptor)
    }

    func send(_ text: String) throws {
        try send(Data(text.utf8))
    }

    func send(_ data: Data) throws {
        let bytes = [UInt8](data)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else {
                throw Failure(description: "send failed: errno \(errno)")
            }
            offset += sent
        }
    }

    /// Reads one response, or returns nil when the server closed the connection before sending anything.
    func readResponseIfAny() throws -> Response? {
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headerEnd == nil, try receive() == 0 {
                if buffer.isEmpty {
                    return nil
                }
                throw Failure(description: "connection closed inside the response head")
            }
        }

        let end = try #require(headerEnd)
        let lines = String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        buffer.removeFirst(end + 4)
        let statusParts = lines[0].split(separator: " ")
        let status = try #require(Int(statusParts[1]))
        let headers = lines.dropFirst().map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }

        var response = Response(status: status, headers: headers, body: Data())
        let length = try #require(Int(response.header("Content-Length") ?? ""), "every stub response has Content-Length")
        while buffer.count < length {
            guard try receive() > 0 else {
                throw Failure(description: "connection closed after \(buffer.count) of \(length) body bytes")
            }
        }
        response.body = Data(buffer[0..<length])
        buffer.removeFirst(length)
        return response
    }

    func readResponse() throws -> Response {
        guard let response = try readResponseIfAny() else {
            throw Failure(description: "connection closed before the response")
        }
        return response
    }

    /// Reads until the server closes the connection and returns what arrived.
    func readToEnd() throws -> [UInt8] {
        while try receive() > 0 {}
        defer { buffer.removeAll() }
        return buffer
    }

    private func receive() throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            throw Failure(description: errno == EAGAIN ? "read timed out after 5 seconds" : "recv failed: errno \(errno)")
        }
        buffer += chunk[0..<count]
        return count
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else {
            return nil
        }
        return (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    /// Sends one request on a new connection with `Connection: close` and reads the response.
    static func request(
        _ stub: ForgeStub,
        method: String,
        target: String,
        headers: [(String, String)] = [],
        body: Data = Data()
    ) throws -> Response {
        let connection = try LoopbackHTTP(port: stub.port)
        defer { connection.close() }

        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(stub.port)\r\nConnection: close\r\n"
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n\r\n"
        try connection.send(Data(head.utf8) + body)

        guard let response = try connection.readResponseIfAny() else {
            throw Failure(description: "\(method) \(target) got no response")
        }
        return response
    }

    static func get(_ stub: ForgeStub, _ target: String, headers: [(String, String)] = []) throws -> Response {
        try request(stub, method: "GET", target: target, headers: headers)
    }
}
