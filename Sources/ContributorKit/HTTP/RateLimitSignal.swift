import Foundation

/// The rate-limit information in a response, read from GitHub's `X-RateLimit-*` and GitLab's
/// `RateLimit-*` headers, `Retry-After`, `Date` and the error message.
struct RateLimitSignal: Equatable {
    enum Kind: Equatable {
        /// The hourly budget is used up; it refills at `reset` (the server's epoch seconds).
        case primary(reset: Double?)
        /// An abuse or burst limit: GitHub's "secondary rate limit", or any 403/429 with `Retry-After`.
        case secondary(retryAfter: Double?)
    }

    var kind: Kind
    var serverDate: Date?

    /// Classifies a 403 or 429 response. Returns nil for every response that is not a rate limit,
    /// such as GitHub's 403 for a contributor list that is too large.
    static func classify(_ response: HTTPResponse) -> RateLimitSignal? {
        guard response.status == 403 || response.status == 429 else {
            return nil
        }
        let headers = response.headers
        let serverDate = headers["Date"].flatMap(parseHTTPDate)
        let retryAfter = headers["Retry-After"].flatMap { parseRetryAfter($0, serverDate: serverDate) }
        let message = APIErrorMessage.decode(response.body)?.lowercased() ?? ""

        if message.contains("secondary rate limit") || message.contains("abuse") {
            return RateLimitSignal(kind: .secondary(retryAfter: retryAfter), serverDate: serverDate)
        }
        if let retryAfter {
            return RateLimitSignal(kind: .secondary(retryAfter: retryAfter), serverDate: serverDate)
        }
        let remaining = headers["X-RateLimit-Remaining"] ?? headers["RateLimit-Remaining"]
        if remaining?.trimmingCharacters(in: .whitespaces) == "0" {
            let reset = (headers["X-RateLimit-Reset"] ?? headers["RateLimit-Reset"]).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            return RateLimitSignal(kind: .primary(reset: reset), serverDate: serverDate)
        }
        if response.status == 429 || message.contains("rate limit") {
            return RateLimitSignal(kind: .secondary(retryAfter: nil), serverDate: serverDate)
        }
        return nil
    }

    /// `Retry-After` is either delay seconds or an HTTP date (RFC 9110, section 10.2.3).
    static func parseRetryAfter(_ value: String, serverDate: Date?) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) {
            return max(0, seconds)
        }
        guard let date = parseHTTPDate(trimmed) else {
            return nil
        }
        return max(0, date.timeIntervalSince(serverDate ?? Date()))
    }

    static func parseHTTPDate(_ value: String) -> Date? {
        HTTPDate.parse(value)
    }
}

/// The `message` field of a GitHub or GitLab JSON error body.
enum APIErrorMessage {
    private struct Body: Decodable {
        var message: String?
        var error: String?
    }

    static func decode(_ data: Data) -> String? {
        guard !data.isEmpty, let body = try? JSONDecoder().decode(Body.self, from: data) else {
            return nil
        }
        return body.message ?? body.error
    }
}
