import Foundation

/// A token and the one API origin (scheme, host and port) it may be sent to.
public struct Credential: Sendable {
    public var origin: Origin
    /// The path under which the token applies; when two credentials match a URL, the longer prefix wins.
    public var pathPrefix: String
    public var headerName: String
    public var headerValue: String

    public init(origin: Origin, pathPrefix: String = "", headerName: String, headerValue: String) {
        self.origin = origin
        self.pathPrefix = pathPrefix
        self.headerName = headerName
        self.headerValue = headerValue
    }

    /// Makes a GitHub credential, sent as `Authorization: Bearer TOKEN` to the whole API host, because
    /// GitHub Enterprise serves GraphQL at `/api/graphql` beside the REST base `/api/v3`.
    public static func gitHub(token: String, apiURL: URL) -> Credential? {
        Origin(apiURL).map { Credential(origin: $0, headerName: "Authorization", headerValue: "Bearer \(token)") }
    }

    /// Makes a GitLab credential, sent as `PRIVATE-TOKEN: TOKEN` under the API base path only.
    public static func gitLab(token: String, apiURL: URL) -> Credential? {
        Origin(apiURL).map {
            Credential(origin: $0, pathPrefix: apiURL.path.hasSuffix("/") ? String(apiURL.path.dropLast()) : apiURL.path,
                       headerName: "PRIVATE-TOKEN", headerValue: token)
        }
    }

    /// Returns the credential for `url`: same origin, and the longest path prefix that matches.
    static func select(for url: URL, from credentials: [Credential]) -> Credential? {
        guard let origin = Origin(url) else {
            return nil
        }
        let path = url.path
        return credentials
            .filter { $0.origin == origin && (path == $0.pathPrefix || path.hasPrefix($0.pathPrefix + "/") || $0.pathPrefix.isEmpty) }
            .max { $0.pathPrefix.count < $1.pathPrefix.count }
    }
}

/// The scheme, host and port of a URL, with the scheme's default port filled in.
public struct Origin: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int

    public init?(_ url: URL) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        self.scheme = scheme
        self.host = host
        self.port = url.port ?? (scheme == "https" ? 443 : 80)
    }

    public var description: String {
        "\(scheme)://\(host):\(port)"
    }
}
