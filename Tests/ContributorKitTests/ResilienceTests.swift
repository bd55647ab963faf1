import Foundation
import ForgeStub
import Testing

@testable import ContributorKit

/// Faults of real APIs, injected by `ForgeStub`: rate limits, retries, timeouts, bad bodies, locking,
/// readers during a run, and killed runs.
@Suite struct ResilienceTests {
    let directory = TemporaryDirectory()

    var database: TestDatabase {
        TestDatabase(path: directory.database)
    }

    func fetch(_ stub: ForgeStub, _ extra: [String], environment: [String: String] = [:], timeout: Double = 120) throws -> ProcessResult {
        try Binary.run(fetchArguments(stub, database: directory.database, extra), environment: environment, directory: directory, timeout: timeout)
    }

    func statuses() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try database.rows("SELECT full_name, fetch_status FROM repositories").map { ($0[0]!, $0[1]!) })
    }

    static var now: Int {
        Int(Date().timeIntervalSince1970)
    }

    static func primaryLimit(resetIn seconds: Int) -> StubReply {
        .response(
            status: 403,
            headers: [("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", String(now + seconds))],
            body: #"{"message":"API rate limit exceeded for 127.0.0.1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}"#
        )
    }

    /// Three repositories, fetched one at a time in id order with `--concurrency 1`.
    func threeRepositories() throws -> ForgeStub {
        try ForgeStub(world: organisation((1...3).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(2)) }))
    }

    // MARK: Rate limits

    @Test func primaryLimitWaitsForReset() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/repos/acme/r2/contributors", [Self.primaryLimit(resetIn: 2)])

        let result = try fetch(stub, ["--github", "acme", "--concurrency", "1"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try statuses() == ["acme/r1": "ok", "acme/r2": "ok", "acme/r3": "ok"])
        #expect(result.stderr.contains("primary rate limit exhausted on 127.0.0.1: waiting"))
        let attempts = stub.requests.filter { $0.path == "/repos/acme/r2/contributors" }
        #expect(attempts.count == 2)
        if attempts.count == 2 {
            #expect(attempts[1].receivedAt.timeIntervalSince(attempts[0].receivedAt) >= 1.0)
        }
    }

    @Test func primaryLimitBeyondMaxWaitExits75() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/repos/acme/r2/contributors", [Self.primaryLimit(resetIn: 30)])

        let result = try fetch(stub, ["--github", "acme", "--concurrency", "1", "--max-rate-limit-wait", "1"])

        #expect(result.status == 75, "\(result.stderr)")
        #expect(try statuses()["acme/r1"] == "ok")
        #expect(try statuses()["acme/r2"] != "ok")
        #expect(try database.int("SELECT count(*) FROM contributions c JOIN repositories r ON r.id = c.repository_id WHERE r.full_name = 'acme/r1'") == 2)
        #expect(result.stderr.contains("error: stopped by a rate limit that resets at "))
        #expect(try database.text("SELECT status FROM runs") == "rate_limited")
    }

    @Test func retryAfterHonoured() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/repos/acme/r1/contributors", [.response(status: 429, headers: [("Retry-After", "1")], body: "{}")])

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.int("SELECT count(*) FROM contributions") == 6)
        let attempts = stub.requests.filter { $0.path == "/repos/acme/r1/contributors" }
        #expect(attempts.count == 2)
        if attempts.count == 2 {
            #expect(attempts[1].receivedAt.timeIntervalSince(attempts[0].receivedAt) >= 0.9)
        }
    }

    @Test func secondaryLimitIgnoresHourlyReset() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/repos/acme/r1/contributors", [
            .response(
                status: 403,
                headers: [("X-RateLimit-Remaining", "4000"), ("X-RateLimit-Reset", String(Self.now + 3600))],
                body: #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#
            ),
        ])

        let result = try fetch(stub, ["--github", "acme", "--max-rate-limit-wait", "5"], timeout: 30)

        #expect(result.status == 75, "\(result.stderr)")
        let line = result.stderr.split(separator: "\n").first { $0.contains("secondary rate limit without Retry-After") }
        #expect(line != nil, "\(result.stderr)")
        // The secondary wait starts at 60 s with up to 20 % jitter, far from the hour to the primary reset.
        let wait = line.flatMap { $0.firstMatch(of: /the wait of (\d+) s/) }.flatMap { Int($0.1) }
        #expect(wait.map { (60...72).contains($0) } == true, "\(line ?? "")")
    }

    @Test func resetBeforeServerDateWaitsBriefly() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/repos/acme/r3/contributors", [Self.primaryLimit(resetIn: -100)])

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try statuses().values.allSatisfy { $0 == "ok" })
        #expect(result.stderr.contains("waiting 1.0 s"))
    }

    @Test func rateLimitDecisionsUnit() {
        let date = Date(timeIntervalSince1970: 1_000)
        #expect(RateLimiter.primaryWait(reset: 1_010, serverDate: date) == 11)
        #expect(RateLimiter.primaryWait(reset: 900, serverDate: date) == 1)

        func response(_ status: Int, _ headers: [(String, String)], _ body: String = "{}") -> HTTPResponse {
            HTTPResponse(status: status, headers: HTTPHeaders(headers.map { (name: $0.0, value: $0.1) }), body: Data(body.utf8), url: URL(string: "http://x/")!)
        }
        #expect(RateLimitSignal.classify(response(403, [("x-ratelimit-remaining", "0"), ("X-RateLimit-Reset", "5")]))?.kind == .primary(reset: 5))
        #expect(RateLimitSignal.classify(response(429, [("Retry-After", "7"), ("RateLimit-Reset", "99")]))?.kind == .secondary(retryAfter: 7))
        #expect(RateLimitSignal.classify(response(403, [], #"{"message":"You have exceeded a secondary rate limit"}"#))?.kind == .secondary(retryAfter: nil))
        #expect(RateLimitSignal.classify(response(403, [("X-RateLimit-Remaining", "12")], #"{"message":"too large to list contributors"}"#)) == nil)
        #expect(RateLimitSignal.classify(response(404, [("X-RateLimit-Remaining", "0")])) == nil)
    }

    // MARK: Retries and time bounds

    @Test func listingRetriedAfterTwo502s() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/orgs/acme/repos", [.response(status: 502, body: "bad gateway"), .response(status: 502, body: "bad gateway")])

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(stub.requests.filter { $0.path == "/orgs/acme/repos" }.count == 3)
        #expect(try database.int("SELECT count(*) FROM repositories WHERE fetch_status = 'ok'") == 3)
        #expect(try database.int("SELECT retries FROM runs") == 2)
        #expect(try database.int("SELECT requests FROM runs") == stub.requests.count)
    }

    @Test func silentEndpointTimesOutOthersComplete() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/repos/acme/r2/contributors", Array(repeating: .hang, count: 4))

        let result = try fetch(stub, ["--github", "acme", "--timeout", "1", "--deadline", "60"], timeout: 60)

        #expect(result.status == 1, "\(result.stderr)")
        #expect(try statuses() == ["acme/r1": "ok", "acme/r2": "failed", "acme/r3": "ok"])
        #expect(try database.text("SELECT last_error FROM repositories WHERE full_name = 'acme/r2'")?.contains("/repos/acme/r2/contributors") == true)
        #expect(try database.text("SELECT status FROM runs") == "partial")
        #expect(try database.int("SELECT errors FROM runs") == 1)
    }

    @Test func tricklingBodyTimesOut() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        let body = String(repeating: " ", count: 400) + "[]"
        stub.script("/repos/acme/r1/contributors", Array(repeating: .trickle(bytesPerSecond: 100, body: body), count: 4))

        let result = try fetch(stub, ["--github", "acme", "--timeout", "1"], timeout: 60)

        #expect(result.status == 1, "\(result.stderr)")
        #expect(try statuses()["acme/r1"] == "failed")
        #expect(try statuses()["acme/r2"] == "ok")
    }

    @Test func deadlineStopsAndKeepsFinished() throws {
        let repositories = (1...20).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(1)) }
        let stub = try ForgeStub(world: organisation(repositories), configuration: StubConfiguration(latency: 0.3))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme", "--concurrency", "1", "--deadline", "2"], timeout: 30)

        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("error: stopped at --deadline"))
        #expect(try database.text("SELECT status FROM runs") == "deadline")
        let done = try database.int("SELECT count(*) FROM repositories WHERE fetch_status = 'ok'") ?? 0
        #expect(done >= 1)
        #expect(done < 20)
        #expect(try database.int("SELECT count(*) FROM contributions") == done)
    }

    @Test func sigtermRecordedAsInterrupted() throws {
        let repositories = (1...20).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(1)) }
        let stub = try ForgeStub(world: organisation(repositories), configuration: StubConfiguration(latency: 0.3))
        defer { stub.stop() }
        let process = try Binary.start(fetchArguments(stub, database: directory.database, ["--github", "acme", "--concurrency", "1"]), directory: directory)
        try waitUntil { (try? database.int("SELECT count(*) FROM repositories WHERE fetch_status = 'ok'")) ?? 0 >= 1 }

        process.signal(SIGTERM)
        let result = try process.wait(timeout: 10)

        #expect(result.status == 1, "\(result.stderr)")
        #expect(try database.text("SELECT status FROM runs") == "interrupted")
        #expect(result.stderr.contains("received signal \(SIGTERM)"))
    }

    @Test func truncatedJSONFailsOneRepository() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/repos/acme/r2/contributors", [.response(status: 200, headers: [("Content-Type", "application/json")], body: #"[{"login":"x","id":1,"contri"#)])

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 1, "\(result.stderr)")
        #expect(try statuses() == ["acme/r1": "ok", "acme/r2": "failed", "acme/r3": "ok"])
        #expect(result.stderr.contains("invalid JSON"))
        #expect(result.stderr.contains("/repos/acme/r2/contributors"))
    }

    @Test func objectWhereListBelongsFails() throws {
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/repos/acme/r3/contributors", [.response(status: 200, body: #"{"message":"not a list"}"#)])

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 1, "\(result.stderr)")
        #expect(try statuses()["acme/r3"] == "failed")
        #expect(try statuses()["acme/r1"] == "ok")
    }

    // MARK: Conditional requests

    @Test func unchangedSecondRunIsConditional() throws {
        let stub = try ForgeStub(world: organisation((1...3).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(150)) }))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        let before = try database.snapshot()
        stub.resetRequests()

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(!stub.requests.isEmpty)
        for request in stub.requests {
            #expect(request.header("If-None-Match") != nil, "unconditional request for \(request.target)")
        }
        #expect(stub.requests.allSatisfy { $0.path == "/orgs/acme/repos" })
        #expect(try database.snapshot() == before)
        #expect(try database.int("SELECT not_modified FROM runs ORDER BY id DESC LIMIT 1") == stub.requests.count)
    }

    @Test func refreshAllGetsNotModifiedEverywhere() throws {
        let stub = try ForgeStub(world: organisation((1...3).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(150)) }))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        let before = try database.snapshot(excludingFetchedAt: true)
        stub.resetRequests()

        let result = try fetch(stub, ["--github", "acme", "--refresh-all"])

        #expect(result.status == 0, "\(result.stderr)")
        // One listing page and two contributors pages per repository.
        #expect(stub.requests.count == 7)
        for request in stub.requests {
            #expect(request.header("If-None-Match") != nil, "unconditional request for \(request.target)")
        }
        #expect(try database.int("SELECT not_modified FROM runs ORDER BY id DESC LIMIT 1") == 7)
        #expect(try database.snapshot(excludingFetchedAt: true) == before)
    }

    @Test func changedPageAmongUnchangedRefetchesRepository() throws {
        let stub = try ForgeStub(world: organisation([StubRepository(id: 1, owner: "acme", name: "r1", contributors: users(150))]))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        // Only the second page changes: its last contributor is replaced.
        stub.update { world in
            world.repositories[0].contributors[149] = .user(id: 9999, login: "newcomer", contributions: 1)
        }

        let result = try fetch(stub, ["--github", "acme", "--refresh-all"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.int("SELECT count(*) FROM contributions") == 150)
        #expect(try database.int("SELECT count(*) FROM contributions c JOIN accounts a ON a.id = c.account_id WHERE a.login = 'newcomer'") == 1)
    }

    // MARK: Locking, readers and killed runs

    @Test func secondRunWhileLockedExits75() throws {
        let repositories = (1...20).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(1)) }
        let stub = try ForgeStub(world: organisation(repositories), configuration: StubConfiguration(latency: 0.3))
        defer { stub.stop() }
        let first = try Binary.start(fetchArguments(stub, database: directory.database, ["--github", "acme", "--concurrency", "1"]), directory: directory)
        try waitUntil { FileManager.default.fileExists(atPath: directory.database) }

        let second = try fetch(stub, ["--github", "acme"], timeout: 5)

        #expect(second.status == 75, "\(second.stderr)")
        #expect(second.stderr.contains("error: database \(directory.database) is locked by process \(first.pid)"))
        first.signal(SIGTERM)
        _ = try first.wait(timeout: 10)
    }

    @Test func readerNeverSeesHalfMergedRepository() throws {
        let repositories = (1...12).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(120, firstID: 1000)) }
        let stub = try ForgeStub(world: organisation(repositories))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        stub.update { world in
            for index in world.repositories.indices {
                world.repositories[index].contributors = users(120, firstID: 5000)
                world.repositories[index].pushedAt = "2026-05-01T00:00:00Z"
            }
        }
        stub.updateConfiguration { $0.latency = 0.05 }
        let oldSet = Set((1000..<1120).map { "user\($0)" })
        let newSet = Set((5000..<5120).map { "user\($0)" })

        let process = try Binary.start(fetchArguments(stub, database: directory.database, ["--github", "acme", "--concurrency", "2"]), directory: directory)
        let reader = try SQLiteConnection(path: directory.database, readOnly: true, create: false)
        reader.setBusyTimeout(milliseconds: 0)
        var reads = 0
        var sawNew = false
        while process.process.isRunning {
            do {
                let rows = try reader.query(
                    """
                    SELECT r.full_name, a.login FROM contributions c
                    JOIN repositories r ON r.id = c.repository_id JOIN accounts a ON a.id = c.account_id
                    """
                ) { ($0.text(0) ?? "", $0.text(1) ?? "") }
                var byRepository: [String: Set<String>] = [:]
                for (repository, login) in rows {
                    byRepository[repository, default: []].insert(login)
                }
                for (repository, logins) in byRepository {
                    #expect(logins == oldSet || logins == newSet, "\(repository) mixes old and new contributors")
                    sawNew = sawNew || logins == newSet
                }
                _ = try reader.query("SELECT * FROM contributors") { $0.int(0) }
                reads += 1
            } catch {
                Issue.record("reader failed: \(error)")
                break
            }
        }
        let result = try process.wait()

        #expect(result.status == 0, "\(result.stderr)")
        #expect(reads > 0)
        #expect(sawNew)
    }

    @Test func killedRunLeavesIntactDatabase() throws {
        let repositories = (1...30).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(200)) }
        let stub = try ForgeStub(world: organisation(repositories), configuration: StubConfiguration(latency: 0.1))
        defer { stub.stop() }
        let process = try Binary.start(fetchArguments(stub, database: directory.database, ["--github", "acme", "--concurrency", "2"]), directory: directory)
        try waitUntil { (try? database.int("SELECT count(*) FROM repositories WHERE fetch_status = 'ok'")) ?? 0 >= 3 }

        process.signal(SIGKILL)
        _ = try process.wait()

        let connection = try SQLiteConnection(path: directory.database)
        #expect(try connection.scalarText("PRAGMA integrity_check") == "ok")
        let committed = try database.int("SELECT count(*) FROM repositories WHERE fetch_status = 'ok'") ?? 0
        #expect(try database.int("SELECT count(*) FROM contributions") == committed * 200)

        let next = try fetch(stub, ["--github", "acme"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try database.int("SELECT count(*) FROM repositories WHERE fetch_status = 'ok'") == 30)
        #expect(try database.rows("SELECT status FROM runs ORDER BY id").map { $0[0]! } == ["aborted", "ok"])
    }

    // MARK: Tokens

    @Test func tokenNeverInOutputOrDatabase() throws {
        let token = "ghp_" + String(repeating: "A1b2C3d4", count: 5)
        let stub = try threeRepositories()
        defer { stub.stop() }
        stub.script("/repos/acme/r1/contributors", [.response(status: 502, body: "{}")])

        let result = try fetch(stub, ["--github", "acme", "--verbose"], environment: ["GITHUB_TOKEN": token])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains(token))
        #expect(!result.stdout.contains(token))
        #expect(!result.stderr.contains("A1b2C3d4A1b2"))
        #expect(result.stderr.contains("debug: GET "))
        for suffix in ["", "-wal", ".lock"] {
            let bytes = FileManager.default.contents(atPath: directory.database + suffix) ?? Data()
            #expect(!String(decoding: bytes, as: UTF8.self).contains(token), "token found in \(directory.database + suffix)")
        }
        #expect(!stub.requests.isEmpty)
        for request in stub.requests {
            #expect(request.header("Authorization") == "Bearer \(token)", "no token on \(request.target)")
        }
    }

    @Test func redactorCoversTokenShapes() {
        let redactor = Redactor(secrets: ["s3cr3t-value-123"])
        let text = "u=https://x/?access_token=abc&private_token=def t=ghp_abcdefghijklmnop g=glpat-abcdefghij12 p=github_pat_11ABCDEFGH_xyz s=s3cr3t-value-123"
        let redacted = redactor.redact(text)
        for secret in ["abc&", "def", "ghp_abcdefghijklmnop", "glpat-abcdefghij12", "github_pat_11ABCDEFGH_xyz", "s3cr3t-value-123"] {
            #expect(!redacted.contains(secret), "\(secret) left in \(redacted)")
        }
        #expect(redacted.contains("access_token=[REDACTED]"))
    }
}

/// Polls `condition` every 20 ms for up to `timeout` seconds.
func waitUntil(timeout: Double = 30, _ condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        if Date() > deadline {
            Issue.record("condition not met within \(timeout) s")
            return
        }
        usleep(20_000)
    }
}

extension ResilienceTests {
    @Test func budgetNotOverrunByQueuedTransfers() throws {
        let repositories = (1...6).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(1)) }
        // A budget of 5 requests in a window of 3 s that starts at the first request. The stub still
        // responds past it, so only the client's budget tracking prevents an overrun.
        let stub = try ForgeStub(world: organisation(repositories), configuration: StubConfiguration(rateLimitRemaining: 5, rateLimitResetAfter: 3))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme", "--concurrency", "8"], timeout: 60)

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("rate limit budget used up on 127.0.0.1: waiting"))
        let times = stub.requests.map(\.receivedAt).sorted()
        // The listing, 6 contributors pages and 1 profile, as the repositories share one contributor.
        #expect(times.count == 8)
        // The first window lasts at least 2 s after the first request, because the stub's reset is the
        // first request's whole second plus 3. Without the budget the first 7 requests would come at once.
        if let first = times.first {
            #expect(
                times.filter { $0.timeIntervalSince(first) < 2 }.count <= 5,
                "\(stub.requests.map { "\($0.receivedAt.timeIntervalSince(first)) \($0.target)" }) \(result.stderr)"
            )
        }
        #expect(try database.int("SELECT count(*) FROM repositories WHERE fetch_status = 'ok'") == 6)
    }

    @Test func secondaryLimitHalvesConcurrencyThenGrows() {
        let control = RunControl()
        let limiter = RateLimiter(maxWaitSeconds: 1_000, maxConcurrency: 8, control: control, logger: Logger(level: .error, write: { _ in }))
        let url = URL(string: "https://api.github.com/x")!
        let origin = Origin(url)!
        let signal = RateLimitSignal(kind: .secondary(retryAfter: 1), serverDate: nil)
        let success = HTTPResponse(status: 200, headers: HTTPHeaders(), body: Data(), url: url)

        #expect(limiter.concurrencyLimit(for: origin) == 8)
        _ = limiter.handle(signal, origin: origin, url: url, context: .repository("r"))
        #expect(limiter.concurrencyLimit(for: origin) == 4)
        _ = limiter.handle(signal, origin: origin, url: url, context: .repository("r"))
        #expect(limiter.concurrencyLimit(for: origin) == 2)
        #expect(limiter.admission(origin: origin, inFlight: 0) != nil, "the origin is paused after a secondary limit")
        limiter.observe(success, origin: origin)
        #expect(limiter.concurrencyLimit(for: origin) == 3)
        for _ in 0..<10 {
            limiter.observe(success, origin: origin)
        }
        #expect(limiter.concurrencyLimit(for: origin) == 8)
        #expect(control.stopReason == nil)
    }
}

extension ResilienceTests {
    @Test func staleRemainingDoesNotRaiseBudget() {
        let limiter = RateLimiter(maxWaitSeconds: 1_000, maxConcurrency: 8, control: RunControl(), logger: Logger(level: .error, write: { _ in }))
        let url = URL(string: "https://api.github.com/x")!
        let origin = Origin(url)!
        let reset = String(Int(Date().timeIntervalSince1970) + 60)
        func response(remaining: Int) -> HTTPResponse {
            HTTPResponse(
                status: 200,
                headers: HTTPHeaders([(name: "X-RateLimit-Remaining", value: String(remaining)), (name: "X-RateLimit-Reset", value: reset)]),
                body: Data(), url: url
            )
        }

        // The response with 0 left arrives before an older one that still reports 3.
        limiter.observe(response(remaining: 0), origin: origin)
        limiter.observe(response(remaining: 3), origin: origin)

        #expect(limiter.remainingByHost["api.github.com"] == 0)
        #expect(limiter.admission(origin: origin, inFlight: 0) != nil)
    }
}
