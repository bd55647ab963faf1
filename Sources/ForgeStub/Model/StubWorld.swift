/// The data a ``ForgeStub`` serves: GitHub owners, repositories and profiles, and GitLab groups and projects.
public struct StubWorld: Sendable {
    /// GitHub organisations and users that own repositories.
    public var owners: [StubOwner]

    /// GitHub repositories.
    public var repositories: [StubRepository]

    /// Old `owner/name` pairs mapped to the id of the renamed repository, for 301 redirects.
    public var renames: [String: Int]

    /// GitHub profiles for `/users/LOGIN` and GraphQL `user(login:)` queries.
    public var users: [StubUser]

    public var gitLabGroups: [StubGitLabGroup]

    public var gitLabProjects: [StubGitLabProject]

    public init(
        owners: [StubOwner] = [],
        repositories: [StubRepository] = [],
        renames: [String: Int] = [:],
        users: [StubUser] = [],
        gitLabGroups: [StubGitLabGroup] = [],
        gitLabProjects: [StubGitLabProject] = []
    ) {
        self.owners = owners
        self.repositories = repositories
        self.renames = renames
        self.users = users
        self.gitLabGroups = gitLabGroups
        self.gitLabProjects = gitLabProjects
    }
}
