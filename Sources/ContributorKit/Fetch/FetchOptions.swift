import Foundation

/// A source to fetch, as named on the command line.
public enum SourceSpec: Sendable, Equatable, CustomStringConvertible {
    /// `--github OWNER`: every repository of an organisation, or of a user when OWNER is no organisation.
    case gitHubOwner(String)
    /// `--github OWNER/REPO`.
    case gitHubRepository(String)
    /// `--gitlab PATH`: a group (with its subgroups) or a project, by full namespace path.
    case gitLab(String)

    public var description: String {
        switch self {
        case .gitHubOwner(let owner): "github:\(owner)"
        case .gitHubRepository(let name): "github:\(name)"
        case .gitLab(let path): "gitlab:\(path)"
        }
    }
}

/// Everything a fetch run is configured with, after the command line and environment are parsed.
public struct FetchOptions: Sendable {
    public var sources: [SourceSpec] = []
    public var databasePath = "contributors.sqlite"
    public var seedPath: String?
    public var gitHubAPIURL = URL(string: "https://api.github.com")!
    public var gitLabAPIURL = URL(string: "https://gitlab.com/api/v4")!
    public var includeForks = false
    public var excludeArchived = false
    public var storeEmails = false
    public var concurrency = 8
    public var timeoutSeconds = 30.0
    public var connectTimeoutSeconds = 10.0
    public var deadlineSeconds: Double?
    public var maxRateLimitWaitSeconds = 900.0
    public var refreshAll = false
    public var maxAgeSeconds = 7 * 86_400.0
    public var profileMaxAgeSeconds = 7 * 86_400.0
    public var identitiesPath: String?
    /// `--mirror GITLAB_PATH=OWNER/REPO` pairs.
    public var mirrors: [(gitLabPath: String, gitHubFullName: String)] = []
    public var dryRun = false
    public var metricsFile: String?
    public var gitHubToken: String?
    public var gitLabToken: String?
    public var logLevel = Logger.Level.info
    public var logFormat = Logger.Format.text
    /// Whether to draw the progress line on stderr; the command line sets it when stderr is a terminal.
    public var showProgress = false

    public init() {}
}
