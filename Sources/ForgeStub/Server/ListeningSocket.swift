#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket listening on 127.0.0.1.
struct ListeningSocket: Sendable {
    let descriptor: Int32

    /// The bound port, which the system chose when 0 was requested.
    let port: Int

    /// Creates the socket, binds it to 127.0.0.1 and `port` (0 for any free port) and starts listening.
    init(port: Int) throws(ForgeStubError) {
        guard (0...65_535).contains(port) else {
            throw ForgeStubError(operation: "bind", code: EINVAL, detail: "invalid port \(port): expected 0 to 65535")
        }

        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw Self.error("socket", port: port)
        }

        // Lets a restarted stub bind the port of one whose connections are still in TIME_WAIT.
        var enable: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &enable, socklen_t(MemoryLayout<Int32>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let failure = Self.error("bind", port: port)
            _ = Glibc.close(descriptor)
            throw failure
        }

        guard listen(descriptor, 128) == 0 else {
            let failure = Self.error("listen", port: port)
            _ = Glibc.close(descriptor)
            throw failure
        }

        var boundAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &boundAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(descriptor, $0, &length)
            }
        }
        guard named == 0 else {
            let failure = Self.error("getsockname", port: port)
            _ = Glibc.close(descriptor)
            throw failure
        }

        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: boundAddress.sin_port))
    }

    /// Waits for the next connection and returns nil when `accept` failed, with `errno` set.
    func acceptConnection() -> ConnectedSocket? {
        let connection = accept(descriptor, nil, nil)
        guard connection >= 0 else {
            return nil
        }

        // Glibc's accept4 is not visible to Swift, so close-on-exec is set in a second call.
        _ = fcntl(connection, F_SETFD, FD_CLOEXEC)

        // Responses are written whole, so Nagle's delay would only add latency between keep-alive requests.
        var enable: Int32 = 1
        _ = setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &enable, socklen_t(MemoryLayout<Int32>.size))
        return ConnectedSocket(descriptor: connection)
    }

    /// Stops listening. On Linux this also wakes a thread blocked in `accept`, which then fails with `EINVAL`.
    func shutdownListening() {
        _ = shutdown(descriptor, Int32(SHUT_RDWR))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    private static func error(_ operation: String, port: Int) -> ForgeStubError {
        let code = errno
        let reason = String(cString: strerror(code))
        return ForgeStubError(
            operation: operation,
            code: code,
            detail: "\(operation) failed for 127.0.0.1:\(port): \(reason)"
        )
    }
}
