/// Serves the requests of one keep-alive connection in order, on the connection's own thread.
struct StubConnection {
    let socket: ConnectedSocket
    let server: StubServer

    func serve() {
        var reader = HTTPRequestReader(socket: socket)
        while !server.isStopped {
            switch reader.readRequest() {
            case .closed:
                return

            case .invalid(let status, let message):
                let error = JSONValue.object([("message", .string(message))])
                var response = StubResponse(status: status, json: error)
                response.setHeader("Date", HTTPDate.now())
                response.setHeader("Connection", "close")
                _ = socket.sendAll(response.serialized(forMethod: "GET"))
                return

            case .request(let request, let keepAlive):
                guard answer(request, keepAlive: keepAlive) else {
                    return
                }
            }
        }
    }

    /// Responds to one request and returns whether the connection stays open for the next one.
    private func answer(_ request: StubRequestRecord, keepAlive: Bool) -> Bool {
        let (latency, action) = server.router.reply(to: request, serverPort: server.port)
        if latency > 0, !server.pause(seconds: latency) {
            return false
        }

        switch action {
        case .respond(var response):
            if !keepAlive {
                response.setHeader("Connection", "close")
            }
            return socket.sendAll(response.serialized(forMethod: request.method)) && keepAlive

        case .hang:
            waitUntilClosed()
            return false

        case .trickle(var response, let bytesPerSecond):
            if !keepAlive {
                response.setHeader("Connection", "close")
            }
            return trickle(response, bytesPerSecond: bytesPerSecond) && keepAlive

        case .close:
            return false
        }
    }

    /// Reads and drops whatever arrives until the client closes the connection or `stop()` shuts it down.
    private func waitUntilClosed() {
        var discarded: [UInt8] = []
        while socket.receive(appendingTo: &discarded) > 0 {
            discarded.removeAll(keepingCapacity: true)
        }
    }

    /// Sends the head, then the body in slices every tenth of a second, or one byte at a time below 10 bytes per second.
    private func trickle(_ response: StubResponse, bytesPerSecond: Int) -> Bool {
        guard socket.sendAll(response.serializedHead(contentLength: response.body.count)) else {
            return false
        }

        let rate = max(1, bytesPerSecond)
        let sliceSize = max(1, rate / 10)
        let interval = Double(sliceSize) / Double(rate)
        var offset = 0
        while offset < response.body.count {
            guard server.pause(seconds: interval) else {
                return false
            }
            let end = min(offset + sliceSize, response.body.count)
            guard socket.sendAll(Array(response.body[offset..<end])) else {
                return false
            }
            offset = end
        }
        return true
    }
}
