import Foundation
import ForgeStub
import Testing

@testable import ContributorKit

/// What operators and websites read: log formats, the progress line, metrics, exports and dry runs.
@Suite struct OutputTests {
    let directory = TemporaryDirectory()

    var database: TestDatabase {
        TestDatabase(path: directory.database)
    }

    func fetch(_ stub: ForgeStub, _ extra: [String]) throws -> ProcessResult {
        try Binary.run(fetchArguments(stub, database: directory.database, extra), directory: directory)
    }

    func sampleStub() throws -> ForgeStub {
        try ForgeStub(world: organisation([
            StubRepository(id: 1, owner: "acme", name: "core", contributors: [
                .user(id: 10, login: "ann", contributions: 30), .user(id: 11, login: "bob", contributions: 5),
                .anonymous(name: "Zoë, \"the\" tester", email: "zoe@example.org", contributions: 2),
            ]),
            StubRepository(id: 2, owner: "acme", name: "docs", contributors: [.user(id: 10, login: "ann", contributions: 4)]),
            StubRepository(id: 3, owner: "acme", name: "fork", isFork: true, contributors: users(1)),
        ]))
    }

    @Test func jsonLogLinesParse() throws {
        let stub = try sampleStub()
        defer { stub.stop() }
        stub.script("/repos/acme/docs/contributors", [.response(status: 503, body: "{}")])

        let result = try fetch(stub, ["--github", "acme", "--log-format", "json", "--verbose"])

        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        var objects: [[String: Any]] = []
        for line in lines.dropLast() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(line)")
            objects.append(object ?? [:])
        }
        for key in ["time", "level", "message"] {
            #expect(objects.allSatisfy { $0[key] is String }, "a line without a string \(key)")
        }
        let retry = objects.first { ($0["message"] as? String)?.hasPrefix("retrying") == true }
        #expect(retry?["repository"] as? String == "acme/docs")
        #expect((retry?["url"] as? String)?.hasSuffix("/repos/acme/docs/contributors?anon=1&per_page=100") == true)
        #expect(retry?["attempt"] as? Int == 2)
        let outcome = objects.first { $0["repository"] as? String == "acme/core" && $0["status"] as? String == "ok" }
        #expect(outcome?["level"] as? String == "info")
        let requestLine = objects.first { ($0["message"] as? String)?.hasPrefix("GET ") == true }
        #expect(requestLine?["level"] as? String == "debug")
        #expect(lines.last?.hasPrefix("ok: 2 repositories (2 ok") == true)
    }

    @Test func quietLeavesOnlyErrors() throws {
        let stub = try sampleStub()
        defer { stub.stop() }
        stub.script("/repos/acme/docs/contributors", [.response(status: 200, body: "not json")])

        let result = try fetch(stub, ["--github", "acme", "--quiet"])

        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.first?.contains(" error: acme/docs: failed, invalid JSON") == true)
        #expect(lines.last == "error: 1 repositories failed; their previous rows are kept, and the log above names each one")
    }

    @Test func quietSuccessPrintsNothing() throws {
        let stub = try sampleStub()
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme", "--quiet"])

        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test func progressLineOnlyOnTerminal() throws {
        let stub = try sampleStub()
        defer { stub.stop() }
        let arguments = fetchArguments(stub, database: directory.database, ["--github", "acme"])

        // `script` from util-linux runs the command on a pseudo-terminal, as an operator's shell would.
        let command = ([Binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let terminal = String(decoding: data, as: UTF8.self)

        #expect(process.terminationStatus == 0, "\(terminal)")
        #expect(terminal.contains("\r\u{1B}[K"), "no progress line on a terminal")
        #expect(terminal.contains("repositories done"))

        // Not a terminal: no control characters at all.
        let piped = try fetch(stub, ["--github", "acme", "--refresh-all"])
        #expect(!piped.stderr.contains("\u{1B}"))
        #expect(!piped.stderr.contains("\r"))
    }

    @Test func metricsFileParses() throws {
        let stub = try sampleStub()
        defer { stub.stop() }
        let metrics = directory.file("fetch.prom")

        let result = try fetch(stub, ["--github", "acme", "--metrics-file", metrics])

        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let match = line.wholeMatch(of: /([a-z_:][a-z0-9_:]*)(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? (-?[0-9.e+]+)/)
            #expect(match != nil, "not a Prometheus sample: \(line)")
            if let match {
                samples[String(match.1) + String(match.2 ?? "")] = Double(match.4)
            }
        }
        #expect(samples["fetch_contributors_last_run_success"] == 1)
        #expect(samples["fetch_contributors_last_run_repositories{outcome=\"ok\"}"] == 2)
        #expect(samples["fetch_contributors_last_run_requests"] == Double(stub.requests.count))
        #expect(samples["fetch_contributors_last_run_contributors"] == 3)
        #expect(samples["fetch_contributors_rate_limit_remaining{host=\"127.0.0.1\"}"] != nil)
        #expect(samples["fetch_contributors_last_success_timestamp_seconds"] ?? 0 > 1_700_000_000)
        #expect(!FileManager.default.fileExists(atPath: metrics + ".tmp.\(result.status)"))
    }

    @Test func exportJSONAndCSV() throws {
        let stub = try sampleStub()
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)

        let json = try Binary.run(["export", "--database", directory.database], directory: directory)
        #expect(json.status == 0, "\(json.stderr)")
        let people = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(people.map { $0["login"] as? String } == ["ann", "bob", nil])
        #expect(people.first?["total_commits"] as? Int == 34)
        #expect(people.first?["repository_count"] as? Int == 2)
        let repositories = people.first?["repositories"] as? [[String: Any]]
        #expect(repositories?.map { $0["full_name"] as? String } == ["acme/core", "acme/docs"])
        #expect(repositories?.map { $0["commits"] as? Int } == [30, 4])
        #expect(people.last?["display_name"] as? String == "Zoë, \"the\" tester")

        let csv = try Binary.run(["export", "--database", directory.database, "--format", "csv"], directory: directory)
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "person_id,display_name,login,avatar_url,html_url,total_commits,repository_count,is_bot")
        #expect(lines[3].contains(",\"Zoë, \"\"the\"\" tester\",,"))
        #expect(lines.count == 5)
    }

    @Test func exportMissingDatabaseExits64() throws {
        let result = try Binary.run(["export", "--database", directory.file("none.sqlite")], directory: directory)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: database \(directory.file("none.sqlite")) not found"))
    }

    @Test func sqliteExportUsesRollbackJournal() throws {
        let stub = try sampleStub()
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        let seed = directory.file("seed.sqlite")

        let result = try Binary.run(["export", "--database", directory.database, "--format", "sqlite", "--output", seed], directory: directory)

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try TestDatabase(path: seed).text("PRAGMA journal_mode") == "delete")
        #expect(try TestDatabase(path: seed).int("SELECT count(*) FROM http_cache") == 0)
        #expect(try TestDatabase(path: seed).rows("SELECT * FROM contributors ORDER BY person_id") == database.rows("SELECT * FROM contributors ORDER BY person_id"))
    }

    /// Whether this process may bind-mount a directory read-only (root in most CI containers).
    static let canMountReadOnly: Bool = {
        let probe = TemporaryDirectory()
        let target = probe.file("mnt")
        try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        defer { _ = run("/bin/umount", [target]) }
        return run("/bin/mount", ["--bind", "-o", "ro", probe.path, target]) == 0
            && run("/bin/mount", ["-o", "remount,ro,bind", target]) == 0
            && !FileManager.default.createFile(atPath: target + "/probe", contents: Data())
    }()

    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: OutputTests.canMountReadOnly, "needs permission to bind-mount a directory read-only"))
    func exportedSeedOpensFromReadOnlyDirectory() throws {
        let stub = try sampleStub()
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        let source = directory.file("ro-source")
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        #expect(try Binary.run(["export", "--database", directory.database, "--format", "sqlite", "--output", source + "/seed.sqlite"], directory: directory).status == 0)
        // The live WAL database beside it, for contrast: it cannot be opened from a read-only directory.
        try FileManager.default.copyItem(atPath: directory.database, toPath: source + "/live.sqlite")
        let mount = directory.file("ro")
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        #expect(Self.run("/bin/mount", ["--bind", "-o", "ro", source, mount]) == 0)
        #expect(Self.run("/bin/mount", ["-o", "remount,ro,bind", mount]) == 0)
        defer { _ = Self.run("/bin/umount", [mount]) }

        let seed = try SQLiteConnection(path: mount + "/seed.sqlite", readOnly: true, create: false)
        #expect(try seed.scalarInt("SELECT count(*) FROM contributors") == 3)

        let export = try Binary.run(["export", "--database", mount + "/seed.sqlite", "--format", "csv"], directory: directory)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.split(separator: "\r\n").count == 4)

        let live = try SQLiteConnection(path: mount + "/live.sqlite", readOnly: true, create: false)
        #expect(throws: SQLiteError.self) {
            _ = try live.scalarInt("SELECT count(*) FROM contributors")
        }
    }

    @Test func dryRunListsAndWritesNothing() throws {
        let stub = try sampleStub()
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme", "--dry-run"])

        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.contains(["fetch", "github", "acme/core", "new"]))
        #expect(lines.contains(["fetch", "github", "acme/docs", "new"]))
        #expect(lines.contains(["skip", "github", "acme/fork", "fork (pass --include-forks to fetch forks)"]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("contributors") }.isEmpty)
        #expect(!stub.requests.contains { $0.path.hasSuffix("/contributors") })

        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        let before = try database.snapshot()
        let again = try fetch(stub, ["--github", "acme", "--dry-run"])
        #expect(again.stdout.contains("skip\tgithub\tacme/core\tunchanged since its last fetch"))
        #expect(try database.snapshot() == before)
        #expect(try database.int("SELECT count(*) FROM runs") == 1)
    }
}

extension OutputTests {
    @Test func metricsKeepLastSuccessAfterFailure() throws {
        let stub = try sampleStub()
        defer { stub.stop() }
        let metrics = directory.file("fetch.prom")
        #expect(try fetch(stub, ["--github", "acme", "--metrics-file", metrics]).status == 0)
        let success = try #require(try database.text("SELECT finished_at FROM runs WHERE status = 'ok'").flatMap(Timestamp.date))
        stub.script("/orgs/acme/repos", [.response(status: 500, body: "{}")], count: 4)

        let failed = try fetch(stub, ["--github", "acme", "--refresh-all", "--metrics-file", metrics])
        let text = try String(contentsOfFile: metrics, encoding: .utf8)

        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(text.contains("fetch_contributors_last_run_success 0\n"))
        #expect(text.contains("fetch_contributors_last_success_timestamp_seconds \(Int(success.timeIntervalSince1970))\n"))

        // A configuration error cannot read `runs`; the value comes from the file it replaces.
        let broken = try Binary.run(["--github", "acme", "--database", directory.file("missing/x.sqlite"), "--metrics-file", metrics], directory: directory)
        #expect(broken.status == 64)
        let after = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(after.contains("fetch_contributors_last_run_status{status=\"failed\"} 1\n"))
        #expect(after.contains("fetch_contributors_last_success_timestamp_seconds \(Int(success.timeIntervalSince1970))\n"))
    }

    @Test func argumentsAfterDoubleDashArePositional() {
        #expect(throws: UsageError("unexpected argument '--github' after --; name sources with --github or --gitlab")) {
            _ = try Command(arguments: ["--github", "x", "--", "--github", "y"], environment: [:])
        }
    }
}

extension ForgeStub {
    /// Scripts the same reply `count` times.
    func script(_ path: String, _ replies: [StubReply], count: Int) {
        script(path, Array(repeating: replies, count: count).flatMap { $0 })
    }
}
