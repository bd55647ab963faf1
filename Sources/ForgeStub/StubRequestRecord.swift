import Foundation

/// A request the stub received, as logged in ``ForgeStub/requests``.
public struct StubRequestRecord: Sendable {
    public var method: String

    /// Path and query string as received.
    public var target: String

    /// Path as received, without the query string.
    public var path: String

    /// Header fields in the order received.
    public var headers: [(name: String, value: String)]

    public var body: Data

    public var receivedAt: Date

    public init(
        method: String,
        target: String,
        path: String,
        headers: [(name: String, value: String)],
        body: Data,
        receivedAt: Date
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
    }

    /// Returns the value of the first header field with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
