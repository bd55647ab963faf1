import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The listening socket and the threads of a ``ForgeStub``.
///
/// One thread accepts connections, and each connection gets a thread of its own.
final class StubServer: Sendable {
    /// Sockets and threads that `stop()` must reach.
    private struct Registry {
        var isStopped = false
        var connections: Set<Int32> = []
        var threadIDs: Set<UInt> = []
    }

    let router: StubRouter
    let port: Int

    private let listener: ListeningSocket
    private let registry = Mutex(Registry())

    /// Entered by every thread of this server, so `stop()` can wait until all have ended.
    private let threads = DispatchGroup()

    init(port: Int, router: StubRouter) throws(ForgeStubError) {
        self.listener = try ListeningSocket(port: port)
        self.port = listener.port
        self.router = router
    }

    func start() {
        spawnThread(name: "ForgeStub accept") { [self] in
            acceptConnections()
        }
    }

    var isStopped: Bool {
        registry.withLock { $0.isStopped }
    }

    /// Stops listening, shuts every connection down and waits up to five seconds for the threads to end.
    func stop() {
        let callerIsServerThread = registry.withLock { registry -> Bool? in
            if registry.isStopped {
                return nil
            }
            registry.isStopped = true
            listener.shutdownListening()
            for descriptor in registry.connections {
                ConnectedSocket(descriptor: descriptor).shutdownBothDirections()
            }
            return registry.threadIDs.contains(UInt(pthread_self()))
        }

        // A server thread cannot wait for itself. It ends on its own once its socket is shut down.
        guard callerIsServerThread == false else {
            return
        }
        _ = threads.wait(timeout: .now() + 5)
    }

    /// Sleeps for `seconds` in steps of 10 ms and returns false as soon as the server stops.
    func pause(seconds: Double) -> Bool {
        var remaining = seconds
        while remaining > 0 {
            if isStopped {
                return false
            }
            let step = min(remaining, 0.01)
            usleep(useconds_t(step * 1_000_000))
            remaining -= step
        }
        return !isStopped
    }

    private func acceptConnections() {
        while true {
            guard let connection = listener.acceptConnection() else {
                let code = errno
                if isStopped {
                    break
                }
                if code != EINTR, code != ECONNABORTED {
                    // Errors such as EMFILE pass once connections close, so the loop waits instead of spinning or ending.
                    usleep(10_000)
                }
                continue
            }

            let registered = registry.withLock { registry -> Bool in
                if registry.isStopped {
                    return false
                }
                registry.connections.insert(connection.descriptor)
                return true
            }
            guard registered else {
                connection.close()
                break
            }

            spawnThread(name: "ForgeStub connection \(connection.descriptor)") { [self] in
                StubConnection(socket: connection, server: self).serve()
                closeConnection(connection)
            }
        }
        listener.close()
    }

    /// Forgets the descriptor before closing it, so `stop()` never shuts down a number the system has reused.
    private func closeConnection(_ connection: ConnectedSocket) {
        registry.withLock { registry in
            _ = registry.connections.remove(connection.descriptor)
        }
        connection.close()
    }

    private func spawnThread(name: String, _ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let thread = Thread { [self] in
            let threadID = UInt(pthread_self())
            registry.withLock { _ = $0.threadIDs.insert(threadID) }
            body()
            registry.withLock { _ = $0.threadIDs.remove(threadID) }
            threads.leave()
        }
        thread.name = name
        thread.start()
    }
}
