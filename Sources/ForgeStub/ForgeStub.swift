/// An HTTP/1.1 server on 127.0.0.1 that emulates the GitHub and GitLab REST endpoints the fetcher uses.
///
/// GitHub routes are served at the root and under `/api/v3`, GitLab routes under `/api/v4`. One thread
/// accepts connections and one thread serves each keep-alive connection. The server runs from `init`
/// until `stop()` or deinitialisation.
public final class ForgeStub: Sendable {
    private let store: StubStore
    private let server: StubServer

    /// Binds 127.0.0.1 at `port` (0 picks a free port) and starts serving `world`.
    public init(world: StubWorld, configuration: StubConfiguration = .init(), port: Int = 0) throws {
        store = StubStore(world: world, configuration: configuration)
        server = try StubServer(port: port, router: StubRouter(store: store))
        server.start()
    }

    deinit {
        server.stop()
    }

    public var port: Int {
        server.port
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String {
        "http://127.0.0.1:\(port)"
    }

    /// Base URL of the GitHub REST API, which the stub serves at the root.
    public var gitHubAPIURL: String {
        baseURL
    }

    /// Base URL of the GitLab REST API, `baseURL` + `/api/v4`.
    public var gitLabAPIURL: String {
        baseURL + "/api/v4"
    }

    /// Closes the listening socket and every connection, including hanging ones, and waits up to
    /// five seconds for the server's threads to end. Calling it again does nothing.
    public func stop() {
        server.stop()
    }

    /// Every request received so far in arrival order, except those to the `/_stub` control endpoints.
    ///
    /// The log grows until `resetRequests()` or `POST /_stub/reset` clears it.
    public var requests: [StubRequestRecord] {
        store.requests
    }

    public func resetRequests() {
        store.resetRequests()
    }

    /// Changes the served data. Later requests see the change and no cached page from before it.
    public func update(_ change: (inout StubWorld) -> Void) {
        store.update(change)
    }

    /// Changes the configuration. A new `rateLimitRemaining` restarts the rate-limit count from that value.
    public func updateConfiguration(_ change: (inout StubConfiguration) -> Void) {
        store.updateConfiguration(change)
    }

    /// Queues replies for the next requests whose path, without the query string, equals `path` exactly.
    ///
    /// Each request takes one reply in order. Once they are used up, requests get the normal response again.
    /// Calling it again for the same path appends to the queue. Scripted replies wait the configured latency
    /// but carry no rate-limit or entity-tag headers.
    public func script(_ path: String, _ replies: [StubReply]) {
        store.appendScript(path: path, replies: replies)
    }
}
