import Foundation

/// A token and the one API origin (scheme, host and port) it may be sent to.
public struct Credential: Sendable {
    public var origin: Origin
    public var headerName: String
    public var headerValue: String

    public init(origin: Origin, headerName: String, headerValue: String) {
        self.origin = origin
        self.headerName = headerName
        self.headerValue = headerValue
    }

    /// A GitHub token, sent as `Authorization: Bearer TOKEN`.
    public static func gitHub(token: String, apiURL: URL) -> Credential? {
        Origin(apiURL).map { Credential(origin: $0, headerName: "Authorization", headerValue: "Bearer \(token)") }
    }

    /// A GitLab token, sent as `PRIVATE-TOKEN: TOKEN`.
    public static func gitLab(token: String, apiURL: URL) -> Credential? {
        Origin(apiURL).map { Credential(origin: $0, headerName: "PRIVATE-TOKEN", headerValue: token) }
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
