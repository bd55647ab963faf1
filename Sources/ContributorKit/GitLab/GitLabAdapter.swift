import Foundation

/// GitLab's REST API v4, on gitlab.com or a self-managed instance.
final class GitLabAdapter: ForgeAdapter {
    let forge = Forge.gitlab
    let apiURL: URL
    let host: String
    let headers: [(name: String, value: String)] = [("Accept", "application/json")]

    init(apiURL: URL) {
        self.apiURL = apiURL
        self.host = apiURL.host?.lowercased() ?? "gitlab.com"
    }

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

    /// Encodes a full namespace path as one path segment, as GitLab's API requires (`/` becomes `%2F`).
    static func encodePath(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? path
    }

    /// Alphanumerics and `-._~`, built once per process.
    private static let pathAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    func contributorsURL(projectID: Int) -> URL {
        url("/projects/\(projectID)/repository/contributors", query: [("per_page", "100")])
    }

    func record(_ json: GitLabProjectJSON) -> RepositoryRecord {
        RepositoryRecord(
            forge: .gitlab,
            host: host,
            forgeID: json.id,
            fullName: json.path_with_namespace,
            htmlURL: json.web_url,
            isFork: json.forked_from_project != nil,
            isArchived: json.archived ?? false,
            pushedAt: json.last_activity_at,
            mirrorURL: json.import_url.flatMap { $0.isEmpty ? nil : Self.stripCredentials($0) },
            contributorsURL: contributorsURL(projectID: json.id),
            isKnownEmpty: json.empty_repo ?? false
        )
    }

    func record(stored: StoredRepository, forgeID: Int) -> RepositoryRecord? {
        RepositoryRecord(
            forge: .gitlab, host: host, forgeID: forgeID, fullName: stored.fullName, htmlURL: stored.htmlURL,
            isFork: stored.isFork, isArchived: stored.isArchived, pushedAt: stored.pushedAt, mirrorURL: stored.mirrorURL,
            contributorsURL: contributorsURL(projectID: forgeID), isKnownEmpty: stored.status == .empty
        )
    }

    /// `import_url` may carry a user and password for the mirrored remote; only the host and path are kept.
    static func stripCredentials(_ url: String) -> String {
        guard var components = URLComponents(string: url) else {
            return url
        }
        components.user = nil
        components.password = nil
        return components.string ?? url
    }

    func decodeContributors(_ data: Data) throws -> [ContributorRecord] {
        try GitLabJSON.decodeContributors(data)
    }

    func classifyContributorsResponse(_ response: HTTPResponse) -> (FetchStatus, String) {
        let message = APIErrorMessage.decode(response.body) ?? ""
        switch response.status {
        case 204:
            return (.empty, "no contributors (HTTP 204)")
        case 404:
            return (.notFound, "project or repository not found (HTTP 404)")
        case 451:
            return (.blocked, "project blocked (HTTP 451)")
        default:
            let detail = message.isEmpty ? "" : ": \(message)"
            return (.failed, "HTTP \(response.status)\(detail)")
        }
    }
}
