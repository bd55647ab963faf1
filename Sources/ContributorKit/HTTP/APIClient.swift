import Foundation

/// A failed request after redirects and retries: what failed, on which URL.
struct APIFailure: Error, CustomStringConvertible {
    var url: URL
    var message: String
    /// True when no HTTP response arrived at all: the host could not be resolved, refused the
    /// connection, or timed out.
    var isTransport = false

    var description: String {
        "\(message) (\(url.absoluteString))"
    }
}

/// The subject of a request, named in its log lines: a repository, or a source's listing.
struct RequestContext {
    var field: String
    var value: String

    static func repository(_ fullName: String) -> RequestContext {
        RequestContext(field: "repository", value: fullName)
    }

    static func source(_ description: String) -> RequestContext {
        RequestContext(field: "source", value: description)
    }
}

/// Sends API requests through the `HTTPClient` with the project's rules for redirects, retries and
/// rate limits, so each caller sees one final response or one failure.
///
/// - Redirects are followed up to five times. The credential for the new URL is chosen by its origin,
///   so a token is sent on the same host and dropped for any other.
/// - 500, 502, 503, 504, connection failures and timeouts are retried with exponential backoff and jitter.
/// - Rate-limit responses pause the origin and are sent again, or stop the run (see `RateLimiter`).
final class APIClient {
    struct RetryPolicy {
        /// Attempts in all, the first included.
        var maxAttempts = 4
        /// The first retry waits about this long; each further retry doubles it.
        var baseDelaySeconds = 0.5
        var maxDelaySeconds = 30.0
        /// Rate-limit waits a single request may go through before it counts as failed.
        var maxRateLimitRetries = 10
    }

    let http: HTTPClient
    let rateLimiter: RateLimiter
    private let retryPolicy: RetryPolicy
    private let logger: Logger
    private let control: RunControl
    private var randomSource = SystemRandomNumberGenerator()

    private(set) var retries = 0
    private(set) var notModified = 0

    static let maxRedirects = 5
    static let retryableStatuses: Set<Int> = [500, 502, 503, 504]

    init(http: HTTPClient, rateLimiter: RateLimiter, retryPolicy: RetryPolicy = RetryPolicy(), logger: Logger, control: RunControl) {
        self.http = http
        self.rateLimiter = rateLimiter
        self.retryPolicy = retryPolicy
        self.logger = logger
        self.control = control

        http.admission = { [unowned rateLimiter] origin, inFlight in
            rateLimiter.admission(origin: origin, inFlight: inFlight)
        }
        http.originLimit = { [unowned rateLimiter] origin in
            rateLimiter.concurrencyLimit(for: origin)
        }
    }

    /// Sends `request` and calls `completion` once with the final response or failure.
    func send(
        _ request: HTTPRequest,
        context: RequestContext,
        priority: HTTPClient.Priority = .continuation,
        completion: @escaping (Result<HTTPResponse, APIFailure>) -> Void
    ) {
        let attempt = Attempt(request: request, context: context, completion: completion)
        dispatch(attempt, priority: priority, notBefore: nil)
    }

    /// The state of one logical request across redirects and retries.
    private struct Attempt {
        var request: HTTPRequest
        var context: RequestContext
        var completion: (Result<HTTPResponse, APIFailure>) -> Void
        var number = 1
        var redirects = 0
        var rateLimitWaits = 0
    }

    private func dispatch(_ attempt: Attempt, priority: HTTPClient.Priority, notBefore: ContinuousClock.Instant?) {
        http.enqueue(attempt.request, priority: priority, notBefore: notBefore) { [weak self] result in
            self?.handle(result, attempt: attempt)
        }
    }

    private func handle(_ result: Result<HTTPResponse, TransportError>, attempt: Attempt) {
        let url = attempt.request.url
        let response: HTTPResponse
        switch result {
        case .failure(let error):
            if error.isRetryable {
                retry(attempt, reason: error.message, isTransport: true)
            } else {
                attempt.completion(.failure(APIFailure(url: url, message: error.message)))
            }
            return
        case .success(let value):
            response = value
        }

        if let origin = Origin(url) {
            rateLimiter.observe(response, origin: origin)
        }

        if [301, 302, 303, 307, 308].contains(response.status) {
            followRedirect(response, attempt: attempt)
            return
        }

        if let signal = RateLimitSignal.classify(response), let origin = Origin(url) {
            waitForRateLimit(signal, origin: origin, attempt: attempt)
            return
        }

        if Self.retryableStatuses.contains(response.status) {
            retry(attempt, reason: "HTTP \(response.status)")
            return
        }

        if response.status == 304 {
            notModified += 1
        }
        attempt.completion(.success(response))
    }

    private func followRedirect(_ response: HTTPResponse, attempt: Attempt) {
        let url = attempt.request.url
        guard let location = response.headers["Location"], let target = URL(string: location, relativeTo: url)?.absoluteURL else {
            attempt.completion(.failure(APIFailure(url: url, message: "HTTP \(response.status) without a valid Location header")))
            return
        }
        guard attempt.redirects < Self.maxRedirects else {
            attempt.completion(.failure(APIFailure(url: url, message: "more than \(Self.maxRedirects) redirects")))
            return
        }
        guard target.scheme == "https" || target.scheme == "http" else {
            attempt.completion(.failure(APIFailure(url: url, message: "redirect to unsupported URL \(target.absoluteString)")))
            return
        }

        var next = attempt
        next.redirects += 1
        next.request.url = target
        if response.status == 303 {
            next.request.method = "GET"
            next.request.body = nil
        }
        logger.debug(
            "following HTTP \(response.status) redirect",
            [(attempt.context.field, .string(attempt.context.value)), ("url", .string(url.absoluteString)), ("location", .string(target.absoluteString))]
        )
        dispatch(next, priority: .continuation, notBefore: nil)
    }

    private func waitForRateLimit(_ signal: RateLimitSignal, origin: Origin, attempt: Attempt) {
        let url = attempt.request.url
        guard attempt.rateLimitWaits < retryPolicy.maxRateLimitRetries else {
            attempt.completion(.failure(APIFailure(url: url, message: "still rate limited after \(attempt.rateLimitWaits) waits")))
            return
        }
        switch rateLimiter.handle(signal, origin: origin, url: url, context: attempt.context) {
        case .stop:
            // The run is stopping; the request is dropped with the rest of the pending work.
            return
        case .wait:
            var next = attempt
            next.rateLimitWaits += 1
            // The origin is paused, so the request waits in the queue until the pause ends.
            dispatch(next, priority: .continuation, notBefore: nil)
        }
    }

    private func retry(_ attempt: Attempt, reason: String, isTransport: Bool = false) {
        let url = attempt.request.url
        guard attempt.number < retryPolicy.maxAttempts, !control.shouldStop else {
            let message = "\(reason) after \(attempt.number) attempts"
            attempt.completion(.failure(APIFailure(url: url, message: message, isTransport: isTransport)))
            return
        }

        let exponential = retryPolicy.baseDelaySeconds * pow(2, Double(attempt.number - 1))
        let delay = min(retryPolicy.maxDelaySeconds, exponential * Double.random(in: 0.5...1.5, using: &randomSource))
        var next = attempt
        next.number += 1
        retries += 1
        logger.warning(
            "retrying in \(String(format: "%.1f", delay)) s: \(reason)",
            [
                (attempt.context.field, .string(attempt.context.value)), ("url", .string(url.absoluteString)),
                ("attempt", .int(next.number)), ("max_attempts", .int(retryPolicy.maxAttempts)),
            ]
        )
        let notBefore = ContinuousClock.now.advanced(by: .milliseconds(Int64(delay * 1000)))
        dispatch(next, priority: .continuation, notBefore: notBefore)
    }
}
