import Foundation
import Testing

@testable import ContributorKit

/// Keeps the operations files (man page, systemd units, crontab, Kubernetes and CI YAML, Makefile)
/// in step with the command line. Each command line they contain must parse.
@Suite("Operations files")
struct OperationsTests {
    /// The repository root, three levels above Tests/ContributorKitTests/OperationsTests.swift.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    // MARK: Man page

    @Test("man page lists every option")
    func manPageListsEveryOption() throws {
        let manPage = ManPage(try Self.read("doc/fetch-contributors.1"))
        let usageOptions = Set(Self.matches(of: #"(?<![\w-])--?[a-z][a-z-]*"#, in: Usage.text))
        #expect(usageOptions.count > 25, "the option pattern found too few options in Usage.text: \(usageOptions.sorted())")

        for option in usageOptions.sorted() {
            #expect(manPage.options.contains(option), "doc/fetch-contributors.1 does not mention \(option) from Usage.text")
        }
        for option in manPage.options.subtracting(usageOptions).sorted() {
            Issue.record("doc/fetch-contributors.1 mentions \(option), which Usage.text does not")
        }
    }

    @Test("man page lists every exit status")
    func manPageListsEveryExitStatus() throws {
        let manPage = ManPage(try Self.read("doc/fetch-contributors.1"))
        let exitStatuses: [ContributorKit.ExitStatus] = [.success, .partialFailure, .usage, .unavailable, .ioError, .temporaryFailure]
        let expected = Set(exitStatuses.map(\.rawValue))

        let usageSection = try #require(Usage.text.range(of: "EXIT STATUS:")).upperBound
        let usageStatuses = Set(Self.matches(of: #"(?m)^\s+(\d+)\s"#, in: String(Usage.text[usageSection...]), group: 1).compactMap { Int32($0) })
        #expect(usageStatuses == expected)
        #expect(manPage.exitStatuses == expected)
    }

    @Test("man page names the environment")
    func manPageNamesEnvironment() throws {
        let manPage = ManPage(try Self.read("doc/fetch-contributors.1"))
        for variable in ["GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN"] {
            #expect(Usage.text.contains(variable))
            #expect(manPage.section("ENVIRONMENT").contains(variable), "the ENVIRONMENT section lacks \(variable)")
        }
    }

    // MARK: Command lines

    /// A file that runs the tool, and the subcommands its command lines must parse to, in order.
    struct CommandFile: CustomTestStringConvertible, Sendable {
        var path: String
        var expected: [CommandKind]

        var testDescription: String {
            path
        }
    }

    enum CommandKind: Equatable, Sendable {
        case fetch
        case export
    }

    static let commandFiles = [
        CommandFile(path: "contrib/systemd/fetch-contributors.service", expected: [.fetch]),
        CommandFile(path: "crontab.example", expected: [.fetch]),
        CommandFile(path: "contrib/kubernetes/cronjob.yaml", expected: [.fetch]),
        CommandFile(path: ".github/workflows/seed.yml", expected: [.fetch, .export]),
        CommandFile(path: ".gitlab-ci.yml", expected: [.fetch, .export]),
    ]

    @Test("command lines parse", arguments: commandFiles)
    func commandLinesParse(file: CommandFile) throws {
        let commandLines = try Self.commandLines(in: file.path)
        #expect(commandLines.count == file.expected.count, "found \(commandLines.count) fetch-contributors command lines in \(file.path): \(commandLines)")

        for (arguments, expected) in zip(commandLines, file.expected) {
            switch try Self.parse(arguments, file: file.path) {
            case .fetch:
                #expect(expected == .fetch, "\(file.path): \(arguments) parses as a fetch, expected \(expected)")
            case .export:
                #expect(expected == .export, "\(file.path): \(arguments) parses as an export, expected \(expected)")
            case .help, .version, nil:
                Issue.record("\(file.path): \(arguments) is not a fetch or an export")
            }
        }
    }

    @Test("CI exports the database it fetched", arguments: [".github/workflows/seed.yml", ".gitlab-ci.yml"])
    func ciExportsFetchedDatabase(path: String) throws {
        let commands = try Self.commandLines(in: path).compactMap { try Self.parse($0, file: path) }
        guard commands.count == 2, case .fetch(let fetch) = commands[0], case .export(let export) = commands[1] else {
            Issue.record("\(path): expected a fetch, then an export")
            return
        }
        #expect(export.databasePath == fetch.databasePath)
        #expect(export.format == .sqlite)
        #expect(export.outputPath == "seed.sqlite")
    }

    @Test("cron and systemd use absolute paths", arguments: ["crontab.example", "contrib/systemd/fetch-contributors.service"])
    func scheduledRunsUseAbsolutePaths(path: String) throws {
        let arguments = try #require(try Self.commandLines(in: path).first)
        guard case .fetch(let options) = try Self.parse(arguments, file: path) else {
            Issue.record("\(path): \(arguments) is not a fetch")
            return
        }
        #expect(options.databasePath.hasPrefix("/"))
        let metricsFile = try #require(options.metricsFile, "\(path) passes no --metrics-file")
        #expect(metricsFile.hasPrefix("/"))
        #expect(options.deadlineSeconds != nil, "\(path) passes no --deadline")
    }

    @Test("Kubernetes deadline leaves time to commit")
    func kubernetesDeadlineFits() throws {
        let path = "contrib/kubernetes/cronjob.yaml"
        let arguments = try #require(try Self.commandLines(in: path).first)
        guard case .fetch(let options) = try Self.parse(arguments, file: path) else {
            Issue.record("\(path): \(arguments) is not a fetch")
            return
        }
        let text = try Self.read(path)
        let activeDeadline = try #require(Self.matches(of: #"activeDeadlineSeconds:\s*(\d+)"#, in: text, group: 1).first.flatMap(Double.init))
        let deadline = try #require(options.deadlineSeconds, "\(path) passes no --deadline")
        #expect(deadline < activeDeadline, "--deadline \(deadline) must end the run before activeDeadlineSeconds \(activeDeadline) kills it")
    }

    /// Parses one extracted command line with dummy tokens, recording a usage error as a failure.
    static func parse(_ arguments: [String], file: String) throws -> Command? {
        let environment = ["GITHUB_TOKEN": "dummy-github-token", "GITLAB_TOKEN": "dummy-gitlab-token"]
        do {
            return try Command(arguments: arguments, environment: environment)
        } catch let error as UsageError {
            Issue.record("\(file): fetch-contributors rejects \(arguments): \(error.message)")
            return nil
        }
    }

    /// Extracts the argument lists of every `fetch-contributors` command in a file, without the program name.
    static func commandLines(in path: String) throws -> [[String]] {
        let text = try read(path)
        if path.hasSuffix(".service") {
            let execStarts = SystemdUnit(text).values(section: "Service", key: "ExecStart")
            return execStarts.flatMap { SystemdUnit.commandLines(inExecStart: $0) }
        }
        if path.hasSuffix("crontab.example") {
            return Crontab.commands(text).flatMap { ShellWords.toolArguments(in: $0) }
        }
        return YAMLText.commandLines(text)
    }

    // MARK: systemd

    @Test("systemd units have the expected keys")
    func systemdUnitKeys() throws {
        let service = SystemdUnit(try Self.read("contrib/systemd/fetch-contributors.service"))
        let timer = SystemdUnit(try Self.read("contrib/systemd/fetch-contributors.timer"))
        #expect(service.sections == ["Unit", "Service"])
        #expect(timer.sections == ["Unit", "Timer", "Install"])

        let expectedService = [
            "Type": "oneshot", "DynamicUser": "yes", "StateDirectory": "fetch-contributors", "ProtectSystem": "strict",
            "ProtectHome": "yes", "PrivateTmp": "yes", "NoNewPrivileges": "yes", "SuccessExitStatus": "75",
            "LoadCredential": "github-token:/etc/fetch-contributors/github-token",
        ]
        for (key, value) in expectedService.sorted(by: { $0.key < $1.key }) {
            #expect(service.values(section: "Service", key: key) == [value], "[Service] \(key)")
        }
        let expectedTimer = ["OnCalendar": "*-*-* 00/6:00:00", "Persistent": "true", "RandomizedDelaySec": "15min"]
        for (key, value) in expectedTimer.sorted(by: { $0.key < $1.key }) {
            #expect(timer.values(section: "Timer", key: key) == [value], "[Timer] \(key)")
        }

        // The token is read from the credential that LoadCredential= provides.
        let execStart = try #require(service.values(section: "Service", key: "ExecStart").first)
        #expect(execStart.contains("$${CREDENTIALS_DIRECTORY}/github-token"))

        // The database lives in the state directory, the only writable path under ProtectSystem=strict.
        let arguments = try #require(SystemdUnit.commandLines(inExecStart: execStart).first)
        if case .fetch(let options) = try Self.parse(arguments, file: "fetch-contributors.service") {
            #expect(options.databasePath.hasPrefix("/var/lib/fetch-contributors/"))
            #expect(options.metricsFile?.hasPrefix("/var/lib/fetch-contributors/") == true)
        }
    }

    @Test(
        "systemd-analyze verifies the units",
        .enabled(if: Tool.isOnPath("systemd-analyze"), "systemd-analyze is not on PATH, so only the unit parser checks the units")
    )
    func systemdAnalyzeVerifies() throws {
        let directory = Self.root.appendingPathComponent("contrib/systemd").path
        // --man=no, because the man page is not installed where the tests run.
        let result = try Tool.run(
            "systemd-analyze", ["verify", "--man=no", "./fetch-contributors.service", "./fetch-contributors.timer"],
            directory: directory
        )
        #expect(result.status == 0, "systemd-analyze verify exited \(result.status): \(result.stderr)")
        #expect(!result.stderr.contains("fetch-contributors."), "systemd-analyze verify reported: \(result.stderr)")
    }

    // MARK: YAML

    static let yamlFiles = ["contrib/kubernetes/cronjob.yaml", ".github/workflows/seed.yml", ".gitlab-ci.yml"]

    @Test(
        "YAML files parse with PyYAML",
        .enabled(if: Tool.hasPyYAML, "python3 with PyYAML is not available; the indentation check runs instead")
    )
    func yamlParsesWithPyYAML() throws {
        let documents = try Dictionary(uniqueKeysWithValues: Self.yamlFiles.map { ($0, try PyYAML.load(Self.root.appendingPathComponent($0).path)) })

        // Kubernetes: a PVC, then a CronJob that mounts it and reads the token from a Secret.
        let kubernetes = try #require(documents["contrib/kubernetes/cronjob.yaml"])
        #expect(kubernetes.map { $0["kind"] as? String } == ["PersistentVolumeClaim", "CronJob"])
        let claimName = try #require(kubernetes.first?["metadata"] as? [String: Any])["name"] as? String
        let cronJob = try #require(kubernetes.last)
        #expect(cronJob["apiVersion"] as? String == "batch/v1")
        let cronSpec = try #require(cronJob["spec"] as? [String: Any])
        #expect(cronSpec["schedule"] as? String == "0 */6 * * *")
        #expect(cronSpec["concurrencyPolicy"] as? String == "Forbid")
        let jobSpec = try #require((cronSpec["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(jobSpec["backoffLimit"] is Int)
        #expect(jobSpec["activeDeadlineSeconds"] is Int)
        let podSpec = try #require((jobSpec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(podSpec["restartPolicy"] as? String == "Never")
        let volumes = try #require(podSpec["volumes"] as? [[String: Any]])
        #expect(volumes.contains { ($0["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String == claimName })
        let container = try #require((podSpec["containers"] as? [[String: Any]])?.first)
        let environment = try #require(container["env"] as? [[String: Any]])
        let token = try #require(environment.first { $0["name"] as? String == "GITHUB_TOKEN" })
        #expect((token["valueFrom"] as? [String: Any])?["secretKeyRef"] is [String: Any])

        // PyYAML reads the YAML 1.1 key `on` as the boolean true, which JSON writes as "true".
        let workflow = try #require(documents[".github/workflows/seed.yml"]?.first)
        let triggers = try #require((workflow["on"] ?? workflow["true"]) as? [String: Any])
        #expect(triggers.keys.sorted() == ["schedule", "workflow_dispatch"])
        let job = try #require((workflow["jobs"] as? [String: Any])?["seed"] as? [String: Any])
        #expect(job["container"] as? String == "swift:6.0")
        let steps = try #require(job["steps"] as? [[String: Any]])
        let actions = steps.compactMap { $0["uses"] as? String }.map { $0.split(separator: "@")[0] }
        #expect(actions == ["actions/checkout", "actions/upload-artifact"])

        let gitLab = try #require((documents[".gitlab-ci.yml"]?.first)?["seed"] as? [String: Any])
        #expect(gitLab["image"] as? String == "swift:6.0")
        let rules = try #require(gitLab["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["if"] as? String == #"$CI_PIPELINE_SOURCE == "schedule""# })
        #expect((gitLab["artifacts"] as? [String: Any])?["paths"] as? [String] == ["seed.sqlite"])

        // The text scan that finds command lines agrees with the parsed YAML.
        for path in Self.yamlFiles {
            let parsed = PyYAML.commandLines(in: try #require(documents[path]))
            #expect(parsed == YAMLText.commandLines(try Self.read(path)), "\(path): the text scan and PyYAML disagree")
        }
    }

    @Test(
        "YAML files are indented consistently",
        .enabled(if: !Tool.hasPyYAML, "python3 with PyYAML is available, so the YAML files are parsed instead")
    )
    func yamlIndentation() throws {
        for path in Self.yamlFiles {
            let lines = try Self.read(path).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                #expect(!line.contains("\t"), "\(path):\(index + 1) contains a tab")
                let indentation = line.prefix { $0 == " " }.count
                #expect(indentation % 2 == 0, "\(path):\(index + 1) is indented by an odd number of spaces")
            }
        }
    }

    // MARK: Makefile

    @Test("make install lists every file", .enabled(if: Tool.isOnPath("make"), "make is not on PATH"))
    func makeInstallListsFiles() throws {
        let result = try Tool.run("make", ["-n", "install", "PREFIX=/tmp/x"], directory: Self.root.path)
        #expect(result.status == 0, "make -n install exited \(result.status): \(result.stderr)")
        let output = result.stdout.replacingOccurrences(of: "\\\n", with: " ")
        let installLines = output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("install ") }

        let binaryLine = try #require(installLines.first { $0.hasSuffix(" /tmp/x/bin/fetch-contributors") })
        #expect(binaryLine.contains("/release/fetch-contributors "))
        let manPageLine = try #require(installLines.first { $0.hasSuffix(" /tmp/x/share/man/man1/fetch-contributors.1") })
        #expect(manPageLine.contains(" doc/fetch-contributors.1 "))

        let examples = ["crontab.example"] + (try Self.files(under: "contrib"))
        #expect(examples.count >= 4)
        for example in examples {
            #expect(
                installLines.contains { $0.contains(" \(example) ") && $0.contains("/tmp/x/share/doc/fetch-contributors") },
                "make install does not install \(example) into /tmp/x/share/doc/fetch-contributors"
            )
        }
    }

    /// Lists the files below a directory of the repository, as paths relative to the root.
    static func files(under directory: String) throws -> [String] {
        let base = root.appendingPathComponent(directory).path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else {
            return []
        }
        return enumerator.compactMap { $0 as? String }.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.map { directory + "/" + $0 }.sorted()
    }

    static func matches(of pattern: String, in text: String, group: Int = 0) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else {
            return []
        }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: group), in: text).map { String(text[$0]) }
        }
    }
}

// MARK: - Parsers for the operations files

/// A man(7) page with its escapes removed, enough to find options and exit statuses.
struct ManPage {
    let source: String

    init(_ source: String) {
        self.source = source
    }

    /// Returns the text of one `.SH` section, with `\-` as `-` and font escapes removed.
    func section(_ name: String) -> String {
        var lines: [Substring] = []
        var inside = false
        for line in source.split(separator: "\n") {
            if line.hasPrefix(".SH ") {
                inside = line.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) == name
                continue
            }
            if inside {
                lines.append(line)
            }
        }
        return Self.plain(lines.joined(separator: "\n"))
    }

    /// Every option the page mentions, in its plain text.
    var options: Set<String> {
        Set(OperationsTests.matches(of: #"(?<![\w-])--?[a-z][a-z-]*"#, in: Self.plain(source)))
    }

    /// The numbers of the `.B N` tags in EXIT STATUS.
    var exitStatuses: Set<Int32> {
        Set(OperationsTests.matches(of: #"(?m)^\.B (\d+)$"#, in: rawSection("EXIT STATUS"), group: 1).compactMap { Int32($0) })
    }

    private func rawSection(_ name: String) -> String {
        guard let start = source.range(of: ".SH \(name)\n")?.upperBound else {
            return ""
        }
        let rest = source[start...]
        let end = rest.range(of: "\n.SH ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    static func plain(_ roff: String) -> String {
        roff.replacingOccurrences(of: "\\-", with: "-")
            .replacingOccurrences(of: #"\\f[BIRP]"#, with: "", options: .regularExpression)
    }
}

/// A systemd unit file with sections of `Key=Value` lines, `#` and `;` comments, and lines
/// continued by a trailing backslash, which systemd replaces by a space.
struct SystemdUnit {
    private(set) var sections: [String] = []
    private var entries: [(section: String, key: String, value: String)] = []

    init(_ text: String) {
        var section = ""
        var pending = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty && (line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";")) {
                continue
            }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let logical = pending + line
            pending = ""
            if logical.hasPrefix("[") && logical.hasSuffix("]") {
                section = String(logical.dropFirst().dropLast())
                sections.append(section)
            } else if let equals = logical.firstIndex(of: "=") {
                let key = logical[..<equals].trimmingCharacters(in: .whitespaces)
                let value = logical[logical.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                entries.append((section, key, value))
            }
        }
    }

    func values(section: String, key: String) -> [String] {
        entries.filter { $0.section == section && $0.key == key }.map(\.value)
    }

    /// Extracts the tool's arguments from an `ExecStart=` value. Prefixes such as `-` and `+` are
    /// removed, `$$` becomes `$`, and the script of a `/bin/sh -c` command is split again.
    static func commandLines(inExecStart value: String) -> [[String]] {
        let command = String(value.drop { "-+@!:".contains($0) })
            .replacingOccurrences(of: "$$", with: "$")
            .replacingOccurrences(of: "%%", with: "%")
        let words = ShellWords.commands(command).first ?? []
        if words.count >= 3, words[0].hasSuffix("sh"), words[1] == "-c" {
            return ShellWords.toolArguments(in: words[2])
        }
        return ShellWords.toolArguments(in: words.joined(separator: " "))
    }
}

/// Reads the commands of a user crontab, which are the lines that are neither comments nor variable
/// settings, without their five schedule fields.
enum Crontab {
    static func commands(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.range(of: #"^[A-Za-z_][A-Za-z0-9_]*="#, options: .regularExpression) != nil {
                return nil
            }
            let fields = trimmed.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            return fields.count == 6 ? String(fields[5]) : nil
        }
    }
}

/// Splits POSIX shell text into simple commands of words, enough for the command lines in these
/// files. Parameter expansions, command substitutions and `${{ }}` expressions become one dummy
/// word, because their values are unknown here, and redirections are dropped.
enum ShellWords {
    static let placeholder = "placeholder"

    /// Returns the arguments after every `fetch-contributors` program name, skipping variable
    /// assignments and `exec` in front of it.
    static func toolArguments(in text: String) -> [[String]] {
        commands(text).compactMap { words in
            let command = words.drop { $0 == "exec" || $0 == "{" || $0.range(of: #"^[A-Za-z_][A-Za-z0-9_]*="#, options: .regularExpression) != nil }
            guard let program = command.first, program.split(separator: "/").last == "fetch-contributors" else {
                return nil
            }
            return Array(command.dropFirst())
        }
    }

    static func commands(_ text: String) -> [[String]] {
        var commands: [[String]] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        var skipsNextWord = false
        let characters = Array(text.replacingOccurrences(of: "\\\n", with: ""))
        var index = 0

        func endWord() {
            if inWord {
                if skipsNextWord {
                    skipsNextWord = false
                } else {
                    words.append(word)
                }
            }
            word = ""
            inWord = false
        }
        func endCommand() {
            endWord()
            if !words.isEmpty {
                commands.append(words)
            }
            words = []
        }
        /// Skips an expansion that starts at `index` (on the `$`) and returns the index after it.
        func skipExpansion(_ start: Int) -> Int {
            var position = start + 1
            guard position < characters.count else {
                return position
            }
            if characters[position] == "(" || characters[position] == "{" {
                let open = characters[position]
                let close: Character = open == "(" ? ")" : "}"
                var depth = 0
                while position < characters.count {
                    if characters[position] == open {
                        depth += 1
                    } else if characters[position] == close {
                        depth -= 1
                        if depth == 0 {
                            return position + 1
                        }
                    }
                    position += 1
                }
                return position
            }
            while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
                position += 1
            }
            return position
        }

        while index < characters.count {
            let character = characters[index]
            switch character {
            case " ", "\t":
                endWord()
                index += 1
            case "\n", ";", "&", "|":
                endCommand()
                index += 1
            case "#" where !inWord:
                while index < characters.count, characters[index] != "\n" {
                    index += 1
                }
            case "'":
                inWord = true
                index += 1
                while index < characters.count, characters[index] != "'" {
                    word.append(characters[index])
                    index += 1
                }
                index += 1
            case "\"":
                inWord = true
                index += 1
                var expanded = false
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count, "$`\"\\".contains(characters[index + 1]) {
                        word.append(characters[index + 1])
                        index += 2
                    } else if characters[index] == "$" {
                        index = skipExpansion(index)
                        if !expanded {
                            word.append(contentsOf: placeholder)
                            expanded = true
                        }
                    } else {
                        word.append(characters[index])
                        index += 1
                    }
                }
                index += 1
            case "\\":
                inWord = true
                if index + 1 < characters.count {
                    word.append(characters[index + 1])
                }
                index += 2
            case "$":
                inWord = true
                index = skipExpansion(index)
                word.append(contentsOf: placeholder)
            case ">", "<":
                // A redirection. The file descriptor number before it and the target word after it are dropped.
                if inWord && word.allSatisfy(\.isNumber) {
                    word = ""
                    inWord = false
                }
                endWord()
                index += 1
                while index < characters.count, ">&".contains(characters[index]) {
                    index += 1
                }
                skipsNextWord = true
            default:
                inWord = true
                word.append(character)
                index += 1
            }
        }
        endCommand()
        return commands.filter { $0 != ["}"] }
    }
}

/// Finds command lines in the YAML files without a YAML parser. It reads shell text in `run:` values
/// and list items, plain, folded or literal, and Kubernetes `command:` and `args:` block sequences.
enum YAMLText {
    static func commandLines(_ text: String) -> [[String]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [[String]] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let content = line.trimmingCharacters(in: .whitespaces)
            if content == "command:" {
                // An `args:` sequence right after `command:` continues the command line.
                let command = sequence(in: lines, after: index)
                var arguments = command.items
                var next = command.next
                if next < lines.count, lines[next].trimmingCharacters(in: .whitespaces) == "args:", indentation(lines[next]) == indentation(line) {
                    let args = sequence(in: lines, after: next)
                    arguments += args.items
                    next = args.next
                }
                if arguments.first?.split(separator: "/").last == "fetch-contributors" {
                    result.append(Array(arguments.dropFirst()))
                }
                index = next
                continue
            }
            if let script = scalar(in: lines, at: index) {
                result += ShellWords.toolArguments(in: script.text)
                index = script.next
                continue
            }
            index += 1
        }
        return result
    }

    /// Reads the items of the block sequence below the key at `keyIndex`, quotes removed, and
    /// returns them with the index of the line after the sequence.
    private static func sequence(in lines: [String], after keyIndex: Int) -> (items: [String], next: Int) {
        var items: [String] = []
        var next = keyIndex + 1
        while next < lines.count {
            let content = lines[next].trimmingCharacters(in: .whitespaces)
            guard content.hasPrefix("- "), indentation(lines[next]) >= indentation(lines[keyIndex]) else {
                break
            }
            items.append(unquoted(String(content.dropFirst(2))))
            next += 1
        }
        return (items, next)
    }

    /// Reads a shell script in a `run:` value or a list item, plain, folded (`>-`) or literal (`|`),
    /// and returns it with the index of the line after it.
    private static func scalar(in lines: [String], at index: Int) -> (text: String, next: Int)? {
        var content = lines[index].trimmingCharacters(in: .whitespaces)
        if content.hasPrefix("- ") {
            content = String(content.dropFirst(2))
        } else if content.hasPrefix("run: ") {
            content = String(content.dropFirst(5))
        } else {
            return nil
        }
        let folded = content == ">-" || content == ">"
        let literal = content == "|" || content == "|-"
        guard folded || literal else {
            return (content, index + 1)
        }

        // A block scalar: the lines indented more than the key, joined by spaces or newlines.
        var parts: [String] = []
        var next = index + 1
        while next < lines.count, lines[next].trimmingCharacters(in: .whitespaces).isEmpty || indentation(lines[next]) > indentation(lines[index]) {
            let part = lines[next].trimmingCharacters(in: .whitespaces)
            if !part.isEmpty {
                parts.append(part)
            }
            next += 1
        }
        return (parts.joined(separator: folded ? " " : "\n"), next)
    }

    private static func indentation(_ line: String) -> Int {
        line.prefix { $0 == " " }.count
    }

    private static func unquoted(_ value: String) -> String {
        for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        return value
    }
}

/// YAML parsed by python3 with PyYAML and handed over as JSON.
enum PyYAML {
    static func load(_ path: String) throws -> [[String: Any]] {
        let script = "import json, sys, yaml; print(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None]))"
        let result = try Tool.run("python3", ["-c", script, path], directory: nil)
        guard result.status == 0, let documents = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] else {
            throw ToolError("python3 could not parse \(path) as YAML (exit \(result.status)): \(result.stderr)")
        }
        return documents
    }

    /// Collects the command lines in parsed YAML, from Kubernetes `command` plus `args` and from
    /// shell text in `run` values and `script` lists.
    static func commandLines(in documents: [[String: Any]]) -> [[String]] {
        var result: [[String]] = []
        func visit(_ value: Any, key: String?) {
            switch value {
            case let dictionary as [String: Any]:
                if let command = dictionary["command"] as? [String], command.first?.split(separator: "/").last == "fetch-contributors" {
                    result.append(Array(command.dropFirst()) + (dictionary["args"] as? [String] ?? []))
                }
                // A Swift dictionary has no order, so keys are visited sorted. Each file keeps its
                // commands in one list (`steps`, `script`), whose order is kept.
                for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
                    visit(value, key: key)
                }
            case let array as [Any]:
                for element in array {
                    visit(element, key: key)
                }
            case let string as String where key == "run" || key == "script":
                result += ShellWords.toolArguments(in: string)
            default:
                break
            }
        }
        for document in documents {
            visit(document, key: nil)
        }
        return result
    }
}

struct ToolError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs programs found on PATH.
enum Tool {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func isOnPath(_ name: String) -> Bool {
        (try? run("sh", ["-c", "command -v \"$0\"", name], directory: nil).status) == 0
    }

    static let hasPyYAML: Bool = (try? run("python3", ["-c", "import yaml"], directory: nil).status) == 0

    /// Runs `name` through /usr/bin/env, with stdout and stderr in temporary files so neither pipe can fill up.
    static func run(_ name: String, _ arguments: [String], directory: String?) throws -> Result {
        let temporary = TemporaryDirectory()
        let stdoutPath = temporary.file("stdout")
        let stderrPath = temporary.file("stderr")
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        if let directory {
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
        process.waitUntilExit()

        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        )
    }
}
