import Foundation

/// Reads HTTP/1.1 requests one after another from a keep-alive connection.
struct HTTPRequestReader {
    /// The outcome of reading one request.
    enum Outcome {
        /// A request, and whether the client lets the connection stay open after the response.
        case request(StubRequestRecord, keepAlive: Bool)

        /// The peer closed the connection, or the stub shut it down, before a request began.
        case closed

        /// The request is invalid, so the connection gets a response with this status and is closed.
        case invalid(status: Int, message: String)
    }

    static let maximumHeaderBytes = 64 * 1024
    static let maximumBodyBytes = 16 * 1024 * 1024

    let socket: ConnectedSocket

    /// Bytes received but not yet consumed, which may hold the start of the next pipelined request.
    private var buffer: [UInt8] = []

    init(socket: ConnectedSocket) {
        self.socket = socket
    }

    mutating func readRequest() -> Outcome {
        guard let headerEnd = readUntilHeaderEnd() else {
            if buffer.count > Self.maximumHeaderBytes {
                return .invalid(status: 431, message: "request header fields exceed \(Self.maximumHeaderBytes) bytes")
            }
            return buffer.isEmpty ? .closed : .invalid(status: 400, message: "connection closed inside the request header")
        }

        let headerText = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)

        var lines = headerText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1."), requestLine[1].hasPrefix("/") else {
            return .invalid(status: 400, message: "invalid request line")
        }

        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else {
                return .invalid(status: 400, message: "invalid header line")
            }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers.append((name: name, value: value))
        }

        let method = String(requestLine[0])
        let target = String(requestLine[1])
        var record = StubRequestRecord(
            method: method,
            target: target,
            path: String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]),
            headers: headers,
            body: Data(),
            receivedAt: Date()
        )

        if let encoding = record.header("Transfer-Encoding"), encoding.lowercased() != "identity" {
            return .invalid(status: 501, message: "Transfer-Encoding \(encoding) is not supported; send Content-Length")
        }

        let lengthText = record.header("Content-Length") ?? "0"
        guard let length = Int(lengthText), length >= 0 else {
            return .invalid(status: 400, message: "invalid Content-Length \(lengthText)")
        }
        guard length <= Self.maximumBodyBytes else {
            return .invalid(status: 413, message: "request body exceeds \(Self.maximumBodyBytes) bytes")
        }

        // libcurl waits for this interim response before it sends a large POST body.
        if length > 0, record.header("Expect")?.lowercased() == "100-continue", buffer.isEmpty {
            _ = socket.sendAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }

        while buffer.count < length {
            if socket.receive(appendingTo: &buffer) <= 0 {
                return .invalid(status: 400, message: "connection closed inside the request body")
            }
        }
        record.body = Data(buffer[0..<length])
        buffer.removeFirst(length)
        return .request(record, keepAlive: Self.allowsKeepAlive(record, version: String(requestLine[2])))
    }

    /// Returns whether the connection stays open: by default in HTTP/1.1, only on request in HTTP/1.0, never after `Connection: close`.
    private static func allowsKeepAlive(_ request: StubRequestRecord, version: String) -> Bool {
        let tokens = (request.header("Connection") ?? "")
            .lowercased()
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if tokens.contains("close") {
            return false
        }
        return version != "HTTP/1.0" || tokens.contains("keep-alive")
    }

    /// Receives until the buffer contains the blank line that ends the header, and returns the offset of its CR LF CR LF.
    private mutating func readUntilHeaderEnd() -> Int? {
        var searchStart = 0
        while true {
            if let end = Self.findHeaderEnd(in: buffer, from: searchStart) {
                return end
            }
            if buffer.count > Self.maximumHeaderBytes {
                return nil
            }

            // A terminator may straddle two reads, so the next search starts three bytes back.
            searchStart = max(0, buffer.count - 3)
            if socket.receive(appendingTo: &buffer) <= 0 {
                return nil
            }
        }
    }

    private static func findHeaderEnd(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else {
            return nil
        }
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }
}
