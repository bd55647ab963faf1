import Foundation

/// One HTTP request as the client sends it. Credentials are not part of it: the client adds them
/// from the `Credential` whose origin matches the URL, so a token never follows a URL to another host.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: Data?

    public init(method: String = "GET", url: URL, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A received response. `url` is the URL that produced it, after any redirects.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    public var url: URL

    public init(status: Int, headers: HTTPHeaders, body: Data, url: URL) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }
}

/// A failure below HTTP: no response arrived, or it could not be read.
public struct TransportError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case couldNotResolveHost
        case couldNotConnect
        case timedOut
        case bodyTooLarge
        case cancelled
        case other
    }

    public var kind: Kind
    /// libcurl's description of the failure, from `curl_easy_strerror` and its error buffer.
    public var message: String

    /// Whether sending the same request again may succeed.
    public var isRetryable: Bool {
        switch kind {
        case .couldNotResolveHost, .couldNotConnect, .timedOut, .other:
            true
        case .bodyTooLarge, .cancelled:
            false
        }
    }
}
