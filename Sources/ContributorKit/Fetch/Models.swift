import Foundation

public enum Forge: String, Sendable {
    case github
    case gitlab
}

/// The state a repository's last fetch ended in, stored in `repositories.fetch_status`.
public enum FetchStatus: String, Sendable, CaseIterable {
    case pending
    case ok
    case empty
    case tooLarge = "too_large"
    case notFound = "not_found"
    case blocked
    case failed

    /// Whether the run may exit 0 with a repository in this state.
    public var isFinal: Bool {
        self != .failed && self != .pending
    }

    /// Whether this state replaces the stored contributions; every other state keeps them.
    var replacesContributions: Bool {
        self == .ok || self == .empty
    }
}

public enum AccountKind: String, Sendable {
    case user
    case bot
    case anonymous
}

/// A repository as a forge's listing describes it.
struct RepositoryRecord: Equatable {
    var forge: Forge
    var host: String
    var forgeID: Int
    var fullName: String
    var htmlURL: String?
    var isFork: Bool
    var isArchived: Bool
    /// GitHub's `pushed_at` or GitLab's `last_activity_at`, used to skip unchanged repositories.
    var pushedAt: String?
    /// GitLab's `import_url`, naming the repository this project mirrors.
    var mirrorURL: String?
    /// The URL of the first contributors page.
    var contributorsURL: URL
    /// GitLab marks empty repositories in the listing, so they need no contributors request.
    var isKnownEmpty = false
}

/// One entry of a contributors page.
struct ContributorRecord: Equatable {
    var forgeID: Int?
    var login: String?
    var name: String?
    var kind: AccountKind
    var avatarURL: String?
    var htmlURL: String?
    var email: String? {
        didSet {
            emailSHA256 = email.map(emailHash)
        }
    }
    var commits: Int
    /// The key of an anonymous account, computed once when the e-mail address is set.
    private(set) var emailSHA256: String?

    init(
        forgeID: Int?, login: String?, name: String?, kind: AccountKind, avatarURL: String?, htmlURL: String?,
        email: String?, commits: Int
    ) {
        self.forgeID = forgeID
        self.login = login
        self.name = name
        self.kind = kind
        self.avatarURL = avatarURL
        self.htmlURL = htmlURL
        self.email = email
        self.commits = commits
        self.emailSHA256 = email.map(emailHash)
    }
}

/// The validators and links of a page fetched before, used to send conditional requests.
struct CachedPage: Equatable {
    var url: String
    var etag: String?
    var lastModified: String?
    var nextURL: String?
    var lastURL: String?
    /// For listing pages: the forge ids of the repositories on the page, comma-separated.
    var itemIDs: String?
}

/// The stored state of a repository from earlier runs.
struct StoredRepository {
    var id: Int
    var fullName: String
    var status: FetchStatus
    var pushedAt: String?
    var fetchedAt: Date?
    var isFork: Bool
    var isArchived: Bool
    var htmlURL: String?
    var mirrorURL: String?
}
