internal import CCurl
import Foundation

/// One request in flight: the libcurl easy handle, the buffers its callbacks fill, and the completion.
///
/// Not thread-safe: a transfer is created, driven and finished by the `HTTPClient` on its one thread.
final class Transfer {
    let request: HTTPRequest
    let completion: (Result<HTTPResponse, TransportError>) -> Void
    let origin: Origin?
    let easy: CurlEasyPointer

    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let maxBodyBytes: Int

    fileprivate var body = Data()
    fileprivate var headers = HTTPHeaders()
    fileprivate var bodyTooLarge = false

    init(
        request: HTTPRequest,
        configuration: HTTPClient.Configuration,
        credential: Credential?,
        completion: @escaping (Result<HTTPResponse, TransportError>) -> Void
    ) throws {
        guard let easy = curl_easy_init() else {
            throw CurlError(message: "libcurl failed to create a handle (curl_easy_init)")
        }
        self.easy = easy
        self.request = request
        self.completion = completion
        self.origin = Origin(request.url)
        self.maxBodyBytes = configuration.maxBodyBytes
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))

        try configure(configuration: configuration, credential: credential)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    private func configure(configuration: HTTPClient.Configuration, credential: Credential?) throws {
        try setString(CURLOPT_URL, request.url.absoluteString, "set the URL \(request.url.absoluteString)")
        try setString(CURLOPT_USERAGENT, configuration.userAgent, "set the user agent")
        try setString(CURLOPT_PROTOCOLS_STR, "http,https", "restrict protocols to HTTP and HTTPS")

        // An empty string makes libcurl offer every encoding it was built with, gzip among them,
        // and decode the body before the write callback receives it.
        try setString(CURLOPT_ACCEPT_ENCODING, "", "enable compressed responses")

        try setLong(CURLOPT_NOSIGNAL, 1, "disable signals")
        try setLong(CURLOPT_FOLLOWLOCATION, 0, "disable automatic redirects")
        try setLong(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeoutMilliseconds, "set the connect timeout")
        try setLong(CURLOPT_TIMEOUT_MS, configuration.requestTimeoutMilliseconds, "set the request timeout")
        try Curl.check(fc_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "set the error buffer")

        // Headers: the request's own, then the credential for this origin only.
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        if let credential {
            lines.append("\(credential.headerName): \(credential.headerValue)")
        }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw CurlError(message: "libcurl failed to add a request header (curl_slist_append)")
            }
            headerList = appended
        }
        try Curl.check(fc_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "set request headers")

        if let body = request.body {
            try setLong(CURLOPT_POST, 1, "make a POST request")
            try setLong(CURLOPT_POSTFIELDSIZE, body.count, "set the request body size")
            try body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies the bytes, so the Data may go away after this call.
                try Curl.check(
                    fc_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress)),
                    "set the request body"
                )
            }
        } else if request.method != "GET" {
            try setString(CURLOPT_CUSTOMREQUEST, request.method, "set the method \(request.method)")
        }

        let context = Unmanaged.passUnretained(self).toOpaque()
        try Curl.check(fc_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, transferWriteCallback), "set the write callback")
        try Curl.check(fc_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context), "set the write callback context")
        try Curl.check(fc_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, transferHeaderCallback), "set the header callback")
        try Curl.check(fc_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context), "set the header callback context")
    }

    private func setLong(_ option: CURLoption, _ value: Int, _ step: String) throws {
        try Curl.check(fc_easy_setopt_long(easy, option, value), step)
    }

    private func setString(_ option: CURLoption, _ value: String, _ step: String) throws {
        try Curl.check(fc_easy_setopt_string(easy, option, value), step)
    }

    /// Builds the result once libcurl reports the transfer done with `code`.
    func result(code: CURLcode) -> Result<HTTPResponse, TransportError> {
        if bodyTooLarge {
            return .failure(TransportError(kind: .bodyTooLarge, message: "response body exceeds \(maxBodyBytes) bytes"))
        }
        guard code == CURLE_OK else {
            return .failure(transportError(code: code))
        }

        var status = 0
        _ = fc_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: headers, body: body, url: request.url))
    }

    private func transportError(code: CURLcode) -> TransportError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let kind: TransportError.Kind
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .couldNotResolveHost
        case CURLE_COULDNT_CONNECT:
            kind = .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timedOut
        default:
            kind = .other
        }
        return TransportError(kind: kind, message: message)
    }

    fileprivate func appendBody(_ buffer: UnsafeRawBufferPointer) -> Bool {
        guard body.count + buffer.count <= maxBodyBytes else {
            bodyTooLarge = true
            return false
        }
        if body.isEmpty, let length = headers["Content-Length"].flatMap(Int.init), length > buffer.count {
            // One allocation for the whole body, instead of growing it once per chunk libcurl passes.
            // A compressed body decodes to more bytes, and then grows from there as before.
            body.reserveCapacity(min(length, maxBodyBytes))
        }
        body.append(contentsOf: buffer)
        return true
    }

    fileprivate func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        // A new status line starts a new header block, as after "100 Continue".
        if line.starts(with: "HTTP/".utf8) {
            headers = HTTPHeaders()
            return
        }
        if let field = HTTPHeaders.parseLine(line) {
            headers.append(name: field.name, value: field.value)
        }
    }
}

private let transferWriteCallback: fc_data_callback = { buffer, size, count, context in
    guard let buffer, let context else {
        return 0
    }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    // Returning fewer bytes than offered makes libcurl abort the transfer with CURLE_WRITE_ERROR.
    return transfer.appendBody(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
}

private let transferHeaderCallback: fc_data_callback = { buffer, size, count, context in
    guard let buffer, let context else {
        return 0
    }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length))
    return length
}
