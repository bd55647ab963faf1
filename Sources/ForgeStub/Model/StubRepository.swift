/// A GitHub repository and the contributors its `/contributors` endpoint lists.
public struct StubRepository: Sendable {
    /// The reply of the contributors endpoint of a repository.
    public enum ContributorsReply: Sendable {
        /// 200 with the contributors, paginated.
        case list

        /// 204 No Content with no body, as GitHub returns for an empty repository.
        case empty204

        /// 403 because the history is too large to list contributors.
        case tooLarge

        /// 404 Not Found.
        case notFound

        /// 451 Unavailable For Legal Reasons, as for a DMCA takedown.
        case unavailableForLegalReasons

        /// 403 because access to the repository is blocked.
        case accessBlocked
    }

    public var id: Int
    public var owner: String
    public var name: String
    public var isFork: Bool
    public var isArchived: Bool

    /// ISO 8601 time of the last push, such as `2026-01-01T00:00:00Z`.
    public var pushedAt: String

    public var contributors: [StubContributor]
    public var contributorsReply: ContributorsReply

    public var fullName: String { "\(owner)/\(name)" }

    public init(
        id: Int,
        owner: String,
        name: String,
        isFork: Bool = false,
        isArchived: Bool = false,
        pushedAt: String = "2026-01-01T00:00:00Z",
        contributors: [StubContributor] = [],
        contributorsReply: ContributorsReply = .list
    ) {
        self.id = id
        self.owner = owner
        self.name = name
        self.isFork = isFork
        self.isArchived = isArchived
        self.pushedAt = pushedAt
        self.contributors = contributors
        self.contributorsReply = contributorsReply
    }
}
