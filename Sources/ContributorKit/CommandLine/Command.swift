import Foundation

/// The action a command line requests.
public enum Command: Sendable {
    case fetch(FetchOptions)
    case export(ExportOptions)
    case help
    case version
}

public enum ExportFormat: String, Sendable {
    case json
    case csv
    case sqlite
}

public struct ExportOptions: Sendable {
    public var databasePath = "contributors.sqlite"
    public var format = ExportFormat.json
    public var outputPath: String?

    public init() {}
}

extension Command {
    /// Parses the arguments after the program name, in the style of `plutil`: one pass with a
    /// `switch`, `--name value` and `--name=value` forms, `--` ending the options.
    public init(arguments: [String], environment: [String: String]) throws {
        var reader = ArgumentReader(arguments)
        if reader.peek() == "export" {
            _ = reader.next()
            self = try Self.parseExport(&reader)
            return
        }

        var options = FetchOptions()
        options.gitHubToken = Self.token(environment, "GITHUB_TOKEN") ?? Self.token(environment, "GH_TOKEN")
        options.gitLabToken = Self.token(environment, "GITLAB_TOKEN")
        var verbose = false
        var quiet = false

        while let argument = reader.next() {
            if reader.isPastOptions {
                throw UsageError("unexpected argument '\(argument)' after --; name sources with --github or --gitlab")
            }
            let (name, inlineValue) = ArgumentReader.split(argument)
            func value() throws -> String {
                try inlineValue ?? reader.value(for: name)
            }
            switch name {
            case "-h", "--help":
                self = .help
                return
            case "--version":
                self = .version
                return
            case "--github":
                options.sources.append(try Self.parseGitHubSource(value()))
            case "--gitlab":
                options.sources.append(try Self.parseGitLabSource(value()))
            case "--database":
                options.databasePath = try Self.nonEmpty(value(), name)
            case "--seed":
                options.seedPath = try Self.nonEmpty(value(), name)
            case "--github-api-url":
                options.gitHubAPIURL = try Self.parseURL(value(), name)
            case "--gitlab-api-url":
                options.gitLabAPIURL = try Self.parseURL(value(), name)
            case "--include-forks":
                options.includeForks = true
            case "--exclude-archived":
                options.excludeArchived = true
            case "--store-emails":
                options.storeEmails = true
            case "--refresh-all":
                options.refreshAll = true
            case "--dry-run":
                options.dryRun = true
            case "--identities":
                options.identitiesPath = try Self.nonEmpty(value(), name)
            case "--mirror":
                options.mirrors.append(try Self.parseMirror(value()))
            case "--concurrency":
                options.concurrency = try Self.parseInteger(value(), name, range: 1...64)
            case "--timeout":
                options.timeoutSeconds = try Self.parseSeconds(value(), name, minimum: 0.001)
            case "--deadline":
                options.deadlineSeconds = try Self.parseSeconds(value(), name, minimum: 0.001)
            case "--max-rate-limit-wait":
                options.maxRateLimitWaitSeconds = try Self.parseSeconds(value(), name, minimum: 0)
            case "--max-age":
                options.maxAgeSeconds = try Self.parseDuration(value(), name)
            case "--profile-max-age":
                options.profileMaxAgeSeconds = try Self.parseDuration(value(), name)
            case "--metrics-file":
                options.metricsFile = try Self.nonEmpty(value(), name)
            case "--log-format":
                let text = try value()
                guard let format = Logger.Format(rawValue: text) else {
                    throw UsageError("invalid --log-format '\(text)'; use text or json")
                }
                options.logFormat = format
            case "-v", "--verbose":
                verbose = true
            case "-q", "--quiet":
                quiet = true
            default:
                if name.hasPrefix("-") {
                    throw UsageError("unknown option '\(name)'")
                }
                throw UsageError("unexpected argument '\(argument)'; name sources with --github or --gitlab")
            }
            if inlineValue != nil && !ArgumentReader.takesValue(name) {
                throw UsageError("option '\(name)' takes no value")
            }
        }

        if verbose && quiet {
            throw UsageError("--verbose and --quiet cannot be combined; pass one of them")
        }
        options.logLevel = quiet ? .error : (verbose ? .debug : .info)
        guard !options.sources.isEmpty else {
            throw UsageError("no source given; pass --github OWNER[/REPO] or --gitlab PATH")
        }
        self = .fetch(options)
    }

    private static func parseExport(_ reader: inout ArgumentReader) throws -> Command {
        var options = ExportOptions()
        while let argument = reader.next() {
            if reader.isPastOptions {
                throw UsageError("unexpected argument '\(argument)' for export")
            }
            let (name, inlineValue) = ArgumentReader.split(argument)
            func value() throws -> String {
                try inlineValue ?? reader.value(for: name)
            }
            switch name {
            case "-h", "--help":
                return .help
            case "--database":
                options.databasePath = try nonEmpty(value(), name)
            case "--output":
                options.outputPath = try nonEmpty(value(), name)
            case "--format":
                let text = try value()
                guard let format = ExportFormat(rawValue: text) else {
                    throw UsageError("invalid --format '\(text)'; use json, csv or sqlite")
                }
                options.format = format
            default:
                if name.hasPrefix("-") {
                    throw UsageError("unknown option '\(name)' for export")
                }
                throw UsageError("unexpected argument '\(argument)' for export")
            }
        }
        if options.format == .sqlite && options.outputPath == nil {
            throw UsageError("--format sqlite needs --output PATH, because a database cannot go to stdout")
        }
        return .export(options)
    }

    private static func token(_ environment: [String: String], _ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// GitHub owner and repository names: letters, digits, `-`, `_` and `.`.
    private static let gitHubNameCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))

    static func parseGitHubSource(_ value: String) throws -> SourceSpec {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let valid = (1...2).contains(parts.count) && parts.allSatisfy {
            !$0.isEmpty && $0.unicodeScalars.allSatisfy { gitHubNameCharacters.contains($0) && $0.isASCII }
        }
        guard valid else {
            throw UsageError("invalid --github '\(value)'; use OWNER or OWNER/REPO, as in coala or coala/coala")
        }
        return parts.count == 1 ? .gitHubOwner(value) : .gitHubRepository(value)
    }

    static func parseGitLabSource(_ value: String) throws -> SourceSpec {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard !value.isEmpty, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
            throw UsageError("invalid --gitlab '\(value)'; use a full namespace path such as group, group/sub or group/sub/project")
        }
        return .gitLab(value)
    }

    private static func parseMirror(_ value: String) throws -> (gitLabPath: String, gitHubFullName: String) {
        let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, case .gitLab = try? parseGitLabSource(parts[0]),
              case .gitHubRepository = try? parseGitHubSource(parts[1]) else {
            throw UsageError("invalid --mirror '\(value)'; use GITLAB_PATH=OWNER/REPO, as in group/project=owner/repo")
        }
        return (parts[0], parts[1])
    }

    private static func parseURL(_ value: String, _ name: String) throws -> URL {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty, url.query == nil else {
            throw UsageError("invalid \(name) '\(value)'; use an http or https URL such as https://api.github.com")
        }
        return url
    }

    private static func nonEmpty(_ value: String, _ name: String) throws -> String {
        guard !value.isEmpty else {
            throw UsageError("empty value for \(name)")
        }
        return value
    }

    private static func parseInteger(_ value: String, _ name: String, range: ClosedRange<Int>) throws -> Int {
        guard let number = Int(value), range.contains(number) else {
            throw UsageError("invalid \(name) '\(value)'; use a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    private static func parseSeconds(_ value: String, _ name: String, minimum: Double) throws -> Double {
        guard let number = Double(value), number.isFinite, number >= minimum else {
            let bound = minimum == 0 ? "0 or more" : "greater than 0"
            throw UsageError("invalid \(name) '\(value)'; use a number of seconds, \(bound)")
        }
        return number
    }

    /// Parses `90`, `90s`, `15m`, `12h` or `7d` into seconds.
    static func parseDuration(_ value: String, _ name: String) throws -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var number = Substring(value)
        var multiplier = 1.0
        if let last = value.last, let unit = units[last] {
            number = number.dropLast()
            multiplier = unit
        }
        guard let amount = Double(number), amount.isFinite, amount >= 0 else {
            throw UsageError("invalid \(name) '\(value)'; use a duration such as 3600, 90m, 12h or 7d")
        }
        return amount * multiplier
    }
}

/// Walks the argument list and takes option values.
struct ArgumentReader {
    private var arguments: [String]
    private var index = 0
    /// True once `--` was read: every later argument is positional, never an option.
    private(set) var isPastOptions = false

    init(_ arguments: [String]) {
        self.arguments = arguments
    }

    func peek() -> String? {
        index < arguments.count ? arguments[index] : nil
    }

    mutating func next() -> String? {
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" && !isPastOptions {
                isPastOptions = true
                continue
            }
            return argument
        }
        return nil
    }

    mutating func value(for name: String) throws -> String {
        guard index < arguments.count else {
            throw UsageError("missing value for \(name)")
        }
        let value = arguments[index]
        index += 1
        return value
    }

    /// Splits `--name=value` into its parts; other arguments come back whole.
    static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
            return (argument, nil)
        }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static let flags: Set<String> = [
        "--include-forks", "--exclude-archived", "--store-emails", "--refresh-all", "--dry-run",
        "-v", "--verbose", "-q", "--quiet", "-h", "--help", "--version",
    ]

    static func takesValue(_ name: String) -> Bool {
        !flags.contains(name)
    }
}
