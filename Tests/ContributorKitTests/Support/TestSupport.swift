import Foundation
import ForgeStub
import Testing

@testable import ContributorKit

/// A directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "fetch-contributors-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        path + "/" + name
    }

    var database: String {
        file("contributors.sqlite")
    }
}

/// The result of running the built `fetch-contributors` binary.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Binary {
    /// The built executable, found beside the test bundle in the build directory.
    static var path: String {
        if let override = ProcessInfo.processInfo.environment["FETCH_CONTRIBUTORS_BINARY"] {
            return override
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("fetch-contributors").path
    }

    /// Starts the binary with `arguments`; stdout and stderr go to files so neither pipe can fill up.
    static func start(_ arguments: [String], environment: [String: String] = [:], directory: TemporaryDirectory) throws -> RunningProcess {
        try RunningProcess(arguments: arguments, environment: environment, directory: directory)
    }

    /// Runs the binary to completion, killing it after `timeout` seconds.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: TemporaryDirectory, timeout: Double = 120) throws -> ProcessResult {
        try start(arguments, environment: environment, directory: directory).wait(timeout: timeout)
    }
}

final class RunningProcess {
    let process = Process()
    private let stdoutPath: String
    private let stderrPath: String

    init(arguments: [String], environment: [String: String], directory: TemporaryDirectory) throws {
        let id = UUID().uuidString
        stdoutPath = directory.file("stdout-\(id)")
        stderrPath = directory.file("stderr-\(id)")
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)

        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        // A clean environment: no token or proxy from the machine running the tests leaks in.
        var base = ["PATH": "/usr/bin:/bin", "HOME": directory.path, "NO_PROXY": "*", "no_proxy": "*"]
        base.merge(environment) { $1 }
        process.environment = base
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    var pid: Int32 {
        process.processIdentifier
    }

    var stderrSoFar: String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    func wait(timeout: Double = 120) throws -> ProcessResult {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            usleep(20_000)
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            Issue.record("fetch-contributors did not exit within \(timeout) s; stderr: \(stderrSoFar)")
        }
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        )
    }
}

/// Read access to a database file written by the binary.
struct TestDatabase {
    let path: String

    func rows(_ sql: String) throws -> [[String?]] {
        let connection = try SQLiteConnection(path: path, readOnly: true, create: false)
        connection.setBusyTimeout(milliseconds: 5_000)
        let statement = try connection.statement(sql)
        var result: [[String?]] = []
        let columns = statement.columnCount
        while try statement.step() {
            result.append((0..<columns).map { statement.text(Int32($0)) })
        }
        return result
    }

    func int(_ sql: String) throws -> Int? {
        try rows(sql).first?.first.flatMap { $0 }.flatMap { Int($0) }
    }

    func text(_ sql: String) throws -> String? {
        try rows(sql).first?.first ?? nil
    }

    /// Returns every row of the content tables, for before-and-after comparisons.
    func snapshot(excludingFetchedAt: Bool = false) throws -> [String: [[String?]]] {
        let repositoryColumns = excludingFetchedAt
            ? "id, forge, host, forge_id, full_name, html_url, is_fork, is_archived, fetch_status, pushed_at, last_error, mirror_of"
            : "*"
        return [
            "repositories": try rows("SELECT \(repositoryColumns) FROM repositories ORDER BY id"),
            "accounts": try rows("SELECT * FROM accounts ORDER BY id"),
            "contributions": try rows("SELECT * FROM contributions ORDER BY repository_id, account_id"),
            "people": try rows("SELECT * FROM people ORDER BY id"),
        ]
    }
}

/// Arguments that point the binary at a stub and a database, with short retries suited to tests.
func fetchArguments(_ stub: ForgeStub, database: String, _ extra: [String]) -> [String] {
    ["--github-api-url", stub.gitHubAPIURL, "--gitlab-api-url", stub.gitLabAPIURL, "--database", database] + extra
}

/// Builds a GitHub organisation, `acme` by default, with the given repositories.
func organisation(_ repositories: [StubRepository], login: String = "acme") -> StubWorld {
    StubWorld(owners: [StubOwner(login: login, id: 1, isOrganization: true)], repositories: repositories)
}

/// `count` distinct users with ids starting at `firstID`.
func users(_ count: Int, firstID: Int = 1000, commits: (Int) -> Int = { 100 - $0 % 100 }) -> [StubContributor] {
    (0..<count).map { index in
        .user(id: firstID + index, login: "user\(firstID + index)", contributions: commits(index))
    }
}
