import Foundation

/// The forge-specific parts of fetching a repository's contributors.
protocol ForgeAdapter: AnyObject {
    var forge: Forge { get }
    /// The forge's web host, stored in `repositories.host` and `accounts.host`.
    var host: String { get }
    /// Headers sent with every API request to this forge; credentials are added by the HTTP client.
    var headers: [(name: String, value: String)] { get }

    /// Rebuilds a repository from its stored row, for a listing page that returned 304.
    func record(stored: StoredRepository, forgeID: Int) -> RepositoryRecord?

    func decodeContributors(_ data: Data) throws -> [ContributorRecord]

    /// Maps a first contributors page that is neither 200 nor 304 to a repository state and a message.
    func classifyContributorsResponse(_ response: HTTPResponse) -> (FetchStatus, String)
}
