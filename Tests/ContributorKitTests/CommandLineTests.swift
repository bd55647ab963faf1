import Foundation
import Testing

@testable import ContributorKit

@Suite struct CommandLineTests {
    func parse(_ arguments: [String], environment: [String: String] = [:]) throws -> FetchOptions {
        guard case .fetch(let options) = try Command(arguments: arguments, environment: environment) else {
            Issue.record("expected a fetch command for \(arguments)")
            return FetchOptions()
        }
        return options
    }

    @Test func defaults() throws {
        let options = try parse(["--github", "coala"])
        #expect(options.sources == [.gitHubOwner("coala")])
        #expect(options.databasePath == "contributors.sqlite")
        #expect(options.concurrency == 8)
        #expect(options.timeoutSeconds == 30)
        #expect(options.maxRateLimitWaitSeconds == 900)
        #expect(options.maxAgeSeconds == 7 * 86_400)
        #expect(options.gitHubAPIURL.absoluteString == "https://api.github.com")
        #expect(options.gitLabAPIURL.absoluteString == "https://gitlab.com/api/v4")
        #expect(options.logLevel == .info)
    }

    @Test func everyOptionParsed() throws {
        let options = try parse(
            [
                "--github", "coala/coala", "--gitlab", "group/sub", "--database=db.sqlite", "--seed", "seed.sqlite",
                "--github-api-url", "https://ghe.example.com/api/v3", "--gitlab-api-url", "https://git.example.com/api/v4",
                "--include-forks", "--exclude-archived", "--store-emails", "--concurrency", "16", "--timeout", "2.5",
                "--deadline", "600", "--max-rate-limit-wait", "0", "--refresh-all", "--max-age", "12h",
                "--profile-max-age", "3d", "--identities", "people.json", "--mirror", "group/p=owner/r", "--dry-run",
                "--metrics-file", "m.prom", "--log-format", "json", "--verbose",
            ],
            environment: ["GH_TOKEN": "t1", "GITLAB_TOKEN": "t2"]
        )
        #expect(options.sources == [.gitHubRepository("coala/coala"), .gitLab("group/sub")])
        #expect(options.databasePath == "db.sqlite")
        #expect(options.seedPath == "seed.sqlite")
        #expect(options.gitHubAPIURL.absoluteString == "https://ghe.example.com/api/v3")
        #expect(options.includeForks)
        #expect(options.excludeArchived)
        #expect(options.storeEmails)
        #expect(options.refreshAll)
        #expect(options.dryRun)
        #expect(options.concurrency == 16)
        #expect(options.timeoutSeconds == 2.5)
        #expect(options.deadlineSeconds == 600)
        #expect(options.maxRateLimitWaitSeconds == 0)
        #expect(options.maxAgeSeconds == 43_200)
        #expect(options.profileMaxAgeSeconds == 259_200)
        #expect(options.mirrors.first?.gitLabPath == "group/p")
        #expect(options.mirrors.first?.gitHubFullName == "owner/r")
        #expect(options.logFormat == .json)
        #expect(options.logLevel == .debug)
        #expect(options.gitHubToken == "t1")
        #expect(options.gitLabToken == "t2")
    }

    @Test func githubTokenPreferredOverGHToken() throws {
        let options = try parse(["--github", "x"], environment: ["GITHUB_TOKEN": "first", "GH_TOKEN": "second"])
        #expect(options.gitHubToken == "first")
    }

    @Test(arguments: [
        (["--github"], "missing value for --github"),
        (["--github", "a/b/c"], "invalid --github 'a/b/c'"),
        (["--github", "x", "--concurrency", "0"], "invalid --concurrency '0'"),
        (["--github", "x", "--timeout", "-1"], "invalid --timeout '-1'"),
        (["--github", "x", "--github-api-url", "ftp://x"], "invalid --github-api-url 'ftp://x'"),
        (["--github", "x", "--log-format", "xml"], "invalid --log-format 'xml'"),
        (["--github", "x", "--max-age", "7w"], "invalid --max-age '7w'"),
        (["--github", "x", "--bogus"], "unknown option '--bogus'"),
        (["--github", "x", "--include-forks=yes"], "option '--include-forks' takes no value"),
        (["--github", "x", "--verbose", "--quiet"], "--verbose and --quiet cannot be combined"),
        (["--github", "x", "--mirror", "nothing"], "invalid --mirror 'nothing'"),
        ([String](), "no source given"),
        (["export", "--format", "sqlite"], "--format sqlite needs --output PATH"),
    ])
    func invalidArgumentsNamed(arguments: [String], message: String) {
        #expect {
            _ = try Command(arguments: arguments, environment: [:])
        } throws: { error in
            (error as? UsageError)?.message.hasPrefix(message) == true
        }
    }

    @Test func binaryUsageErrorExits64() throws {
        let directory = TemporaryDirectory()
        let result = try Binary.run(["--github", "coala", "--concurrency", "many"], directory: directory)
        #expect(result.status == 64)
        #expect(result.stderr == "error: invalid --concurrency 'many'; use a whole number from 1 to 64\nSee 'fetch-contributors --help'.\n")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.database))
    }

    @Test func binaryHelpListsExitStatuses() throws {
        let result = try Binary.run(["--help"], directory: TemporaryDirectory())
        #expect(result.status == 0)
        #expect(result.stdout == Usage.text)
        for status in ["0", "1", "64", "69", "74", "75"] {
            #expect(result.stdout.contains("\n  \(status) "), "exit status \(status) missing from --help")
        }
    }

    @Test func binaryVersion() throws {
        let result = try Binary.run(["--version"], directory: TemporaryDirectory())
        #expect(result.status == 0)
        #expect(result.stdout == "fetch-contributors \(Version.string)\n")
    }
}
