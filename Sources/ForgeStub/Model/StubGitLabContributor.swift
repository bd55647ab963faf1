/// One entry of a GitLab contributors list, which GitLab groups by commit author e-mail.
public struct StubGitLabContributor: Sendable {
    public var name: String
    public var email: String
    public var commits: Int

    public init(name: String, email: String, commits: Int) {
        self.name = name
        self.email = email
        self.commits = commits
    }
}
