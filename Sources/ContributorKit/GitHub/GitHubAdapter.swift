import Foundation

/// GitHub's REST API, on github.com or a GitHub Enterprise Server base such as `https://HOST/api/v3`.
final class GitHubAdapter: ForgeAdapter {
    let forge = Forge.github
    let apiURL: URL
    let host: String

    /// The API version this client was written against, sent as `X-GitHub-Api-Version`.
    static let apiVersion = "2022-11-28"

    let headers: [(name: String, value: String)] = [
        ("Accept", "application/vnd.github+json"),
        ("X-GitHub-Api-Version", GitHubAdapter.apiVersion),
    ]

    init(apiURL: URL) {
        self.apiURL = apiURL
        let apiHost = apiURL.host?.lowercased() ?? "github.com"
        // github.com serves its API from api.github.com; Enterprise serves both from one host.
        self.host = apiHost == "api.github.com" ? "github.com" : apiHost
    }

    /// Returns the API URL for `path` (which starts with "/") and the query, keeping the base's own path.
    func url(_ path: String, query: [(String, String)] = []) -> URL {
        var base = apiURL.absoluteString
        while base.hasSuffix("/") {
            base.removeLast()
        }
        var text = base + path
        if !query.isEmpty {
            text += "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        }
        return URL(string: text)!
    }

    /// The characters a path segment keeps unescaped, built once: building the set took longer than
    /// escaping with it.
    private static let pathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

    static func escapePathSegment(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: pathSegmentAllowed) ?? segment
    }

    func contributorsURL(fullName: String) -> URL {
        let path = fullName.split(separator: "/", maxSplits: 1).map { Self.escapePathSegment(String($0)) }.joined(separator: "/")
        return url("/repos/\(path)/contributors", query: [("anon", "1"), ("per_page", "100")])
    }

    func record(_ json: GitHubRepositoryJSON) -> RepositoryRecord {
        RepositoryRecord(
            forge: .github,
            host: host,
            forgeID: json.id,
            fullName: json.full_name,
            htmlURL: json.html_url,
            isFork: json.fork ?? false,
            isArchived: json.archived ?? false,
            pushedAt: json.pushed_at,
            mirrorURL: nil,
            contributorsURL: contributorsURL(fullName: json.full_name)
        )
    }

    func record(stored: StoredRepository, forgeID: Int) -> RepositoryRecord? {
        RepositoryRecord(
            forge: .github, host: host, forgeID: forgeID, fullName: stored.fullName, htmlURL: stored.htmlURL,
            isFork: stored.isFork, isArchived: stored.isArchived, pushedAt: stored.pushedAt, mirrorURL: nil,
            contributorsURL: contributorsURL(fullName: stored.fullName)
        )
    }

    /// Strings of the accounts decoded so far in this run, shared by all of this adapter's pages.
    private let accountStrings = GitHubAccountStrings()

    func decodeContributors(_ data: Data) throws -> [ContributorRecord] {
        try GitHubJSON.decodeContributors(data, strings: accountStrings)
    }

    func classifyContributorsResponse(_ response: HTTPResponse) -> (FetchStatus, String) {
        let message = APIErrorMessage.decode(response.body) ?? ""
        let lowered = message.lowercased()
        switch response.status {
        case 204:
            return (.empty, "no contributors (HTTP 204)")
        case 403 where lowered.contains("too large"):
            // GitHub computes contributors from the commit graph and gives up on very large histories.
            return (.tooLarge, "contributor list too large for the API (HTTP 403)")
        case 403 where lowered.contains("access blocked"), 451:
            return (.blocked, "repository access blocked (HTTP \(response.status))")
        case 404:
            return (.notFound, "repository not found (HTTP 404)")
        default:
            let detail = message.isEmpty ? "" : ": \(message)"
            return (.failed, "HTTP \(response.status)\(detail)")
        }
    }
}
