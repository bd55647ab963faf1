#if canImport(Glibc)
import Glibc
#endif

/// Blocking reads and writes on one accepted TCP connection.
struct ConnectedSocket: Sendable {
    let descriptor: Int32

    /// Reads up to `maximum` bytes and appends them to `buffer`.
    ///
    /// Returns the number of bytes read, 0 when the peer closed the connection or it was shut down,
    /// and -1 on any other error.
    func receive(appendingTo buffer: inout [UInt8], maximum: Int = 65_536) -> Int {
        // A temporary allocation avoids zeroing a fresh array on every read.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximum) { chunk in
            receive(into: chunk, appendingTo: &buffer)
        }
    }

    private func receive(into chunk: UnsafeMutableBufferPointer<UInt8>, appendingTo buffer: inout [UInt8]) -> Int {
        while true {
            let count = recv(descriptor, chunk.baseAddress, chunk.count, 0)
            if count > 0 {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<count]))
                return count
            }
            if count == 0 {
                return 0
            }
            if errno != EINTR {
                return -1
            }
        }
    }

    /// Writes all bytes, returning false when the connection failed or was shut down.
    ///
    /// `MSG_NOSIGNAL` turns a write to a closed connection into `EPIPE` instead of a SIGPIPE that ends the process.
    func sendAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR {
                        continue
                    }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    /// Ends both directions, which wakes a thread blocked in `recv` or `send` on this socket.
    func shutdownBothDirections() {
        _ = shutdown(descriptor, Int32(SHUT_RDWR))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
