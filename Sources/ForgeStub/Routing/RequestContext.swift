/// One request and the state needed to respond to it.
struct RequestContext: Sendable {
    let request: StubRequestRecord
    let target: RequestTarget
    let snapshot: StubStore.Snapshot

    /// `http://` and the request's `Host`, the base of absolute URLs in `Link` and `Location` headers.
    let baseURL: String

    init(request: StubRequestRecord, snapshot: StubStore.Snapshot, serverPort: Int) {
        self.request = request
        self.target = RequestTarget(request.target)
        self.snapshot = snapshot
        let host = request.header("Host").flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1:\(serverPort)"
        self.baseURL = "http://" + host
    }

    var index: WorldIndex {
        snapshot.index
    }

    var configuration: StubConfiguration {
        snapshot.configuration
    }

    var isRead: Bool {
        request.method == "GET" || request.method == "HEAD"
    }
}
