/// An HTTP response before it is written to a connection.
struct StubResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Creates a response with a JSON body and its `Content-Type`.
    init(status: Int, json: JSONValue, headers: [(String, String)] = []) {
        self.status = status
        self.headers = headers + [("Content-Type", "application/json; charset=utf-8")]
        self.body = json.renderedBytes()
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.0.caseInsensitiveCompare(name) == .orderedSame }
        headers.append((name, value))
    }

    /// Returns the status line and header fields, ending with the blank line, with `Content-Length` set to `contentLength`.
    func serializedHead(contentLength: Int) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reasonPhrase(for: status))\r\n"
        for (name, value) in headers where name.caseInsensitiveCompare("Content-Length") != .orderedSame {
            text += "\(name): \(value)\r\n"
        }
        text += "Content-Length: \(contentLength)\r\n\r\n"
        return Array(text.utf8)
    }

    /// Returns the whole response. A HEAD request gets only the head, with the length of the body a GET would get.
    func serialized(forMethod method: String) -> [UInt8] {
        var bytes = serializedHead(contentLength: body.count)
        if method != "HEAD" {
            bytes += body
        }
        return bytes
    }

    static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 451: "Unavailable For Legal Reasons"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
