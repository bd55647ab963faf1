/// Command-line options of `forge-stub`.
struct StubOptions {
    /// The data the stub serves.
    enum WorldChoice: Equatable {
        case demo
        case generated(repositories: Int, contributors: Int)
    }

    /// An invalid command line. The message names the option and the value.
    struct UsageError: Error {
        let message: String
    }

    static let usage = """
        usage: forge-stub [--port N] [--latency SECONDS] [--demo | --generate REPOSITORIES --contributors N]
                          [--organization LOGIN] [--no-etags]

        Serves emulated GitHub and GitLab REST APIs on 127.0.0.1 until SIGINT or SIGTERM.
        Prints the base URL, http://127.0.0.1:PORT, as the only line on standard output.
        GitHub routes are at the root and under /api/v3, GitLab routes under /api/v4.

        options:
          --port N                   TCP port to listen on; 0, the default, picks a free port
          --latency SECONDS          delay before every response, fractions allowed (default 0)
          --demo                     serve the demo community, 100 repositories and 600 people (the default)
          --generate REPOSITORIES    serve a generated organisation with this many repositories;
                                     requires --contributors
          --contributors N           contributors per generated repository
          --organization LOGIN       GitHub organisation and GitLab group login (default coala)
          --no-etags                 send no ETag headers and never answer 304
          --help                     print this help
        """

    var port = 0
    var latency = 0.0
    var world = WorldChoice.demo
    var organization = "coala"
    var etags = true
    var showsHelp = false

    init(arguments: [String]) throws(UsageError) {
        var demoRequested = false
        var repositories: Int?
        var contributors: Int?
        var remaining = arguments[...]

        while let argument = remaining.popFirst() {
            switch argument {
            case "--help", "-h":
                showsHelp = true
                return

            case "--port":
                port = try Self.integer(for: argument, from: &remaining, in: 0...65_535)

            case "--latency":
                let text = try Self.value(for: argument, from: &remaining)
                guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
                    throw UsageError(message: "invalid --latency '\(text)': expected seconds, 0 or more, such as 0.05")
                }
                latency = seconds

            case "--demo":
                demoRequested = true

            case "--generate":
                repositories = try Self.integer(for: argument, from: &remaining, in: 1...1_000_000)

            case "--contributors":
                contributors = try Self.integer(for: argument, from: &remaining, in: 0...100_000)

            case "--organization":
                let login = try Self.value(for: argument, from: &remaining)
                guard !login.isEmpty, !login.contains("/"), login.allSatisfy({ !$0.isWhitespace }) else {
                    throw UsageError(message: "invalid --organization '\(login)': expected a login without spaces or '/'")
                }
                organization = login

            case "--no-etags":
                etags = false

            default:
                throw UsageError(message: "unknown option '\(argument)'; run forge-stub --help for the options")
            }
        }

        switch (demoRequested, repositories, contributors) {
        case (true, .some, _):
            throw UsageError(message: "--demo and --generate cannot be combined; choose one")
        case (_, .some(let repositoryCount), .some(let contributorCount)):
            world = .generated(repositories: repositoryCount, contributors: contributorCount)
        case (_, .some, nil):
            throw UsageError(message: "--generate requires --contributors N")
        case (_, nil, .some):
            throw UsageError(message: "--contributors requires --generate REPOSITORIES")
        case (_, nil, nil):
            world = .demo
        }
    }

    private static func value(for option: String, from remaining: inout ArraySlice<String>) throws(UsageError) -> String {
        guard let value = remaining.popFirst() else {
            throw UsageError(message: "missing value for \(option)")
        }
        return value
    }

    private static func integer(
        for option: String,
        from remaining: inout ArraySlice<String>,
        in range: ClosedRange<Int>
    ) throws(UsageError) -> Int {
        let text = try value(for: option, from: &remaining)
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(message: "invalid \(option) '\(text)': expected an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
