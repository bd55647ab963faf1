/// A GitLab project and the contributors its `/repository/contributors` endpoint lists.
public struct StubGitLabProject: Sendable {
    public var id: Int

    /// Namespace and project path, such as `group/sub/project`.
    public var pathWithNamespace: String

    public var isFork: Bool
    public var isArchived: Bool

    /// Whether the repository has no commits, which makes the contributors list empty.
    public var isEmpty: Bool

    /// ISO 8601 time of the last activity.
    public var lastActivityAt: String

    /// The repository a mirror was imported from, such as `https://github.com/coala/coala.git`.
    public var importURL: String?

    public var contributors: [StubGitLabContributor]

    public init(
        id: Int,
        pathWithNamespace: String,
        isFork: Bool = false,
        isArchived: Bool = false,
        isEmpty: Bool = false,
        lastActivityAt: String = "2026-01-01T00:00:00Z",
        importURL: String? = nil,
        contributors: [StubGitLabContributor] = []
    ) {
        self.id = id
        self.pathWithNamespace = pathWithNamespace
        self.isFork = isFork
        self.isArchived = isArchived
        self.isEmpty = isEmpty
        self.lastActivityAt = lastActivityAt
        self.importURL = importURL
        self.contributors = contributors
    }
}
