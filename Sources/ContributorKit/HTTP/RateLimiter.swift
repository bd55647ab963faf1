import Foundation

/// Per-origin rate-limit state: the budget the server reports, pauses after a limit was hit, and
/// how many transfers may run at once.
///
/// Not thread-safe; it lives on the transfer loop's thread beside the `HTTPClient`.
final class RateLimiter {
    struct Budget {
        var remaining: Int?
        /// The server's epoch seconds at which the budget refills.
        var reset: Double?
        /// Server clock minus local clock, in seconds, from the last `Date` header.
        var clockOffset: Double = 0
        var pausedUntil: ContinuousClock.Instant?
        var concurrencyLimit: Int
        var secondaryHits = 0
    }

    /// The response to a rate limit: a wait of some seconds, or a stop because the wait is too long.
    enum Decision: Equatable {
        case wait(seconds: Double)
        case stop(resetAt: Date)
    }

    let maxWaitSeconds: Double
    let maxConcurrency: Int
    private let control: RunControl
    private let logger: Logger
    private var budgets: [Origin: Budget] = [:]
    private var randomSource = SystemRandomNumberGenerator()

    /// The bound on a secondary-limit wait without `Retry-After`, after exponential growth from 60 s.
    static let maxSecondaryWaitSeconds = 900.0

    private(set) var waits = 0

    init(maxWaitSeconds: Double, maxConcurrency: Int, control: RunControl, logger: Logger) {
        self.maxWaitSeconds = maxWaitSeconds
        self.maxConcurrency = maxConcurrency
        self.control = control
        self.logger = logger
    }

    private func budget(_ origin: Origin) -> Budget {
        budgets[origin] ?? Budget(concurrencyLimit: maxConcurrency)
    }

    /// The rate-limit budget remaining per host, as last reported by the server.
    var remainingByHost: [String: Int] {
        var result: [String: Int] = [:]
        for (origin, budget) in budgets {
            if let remaining = budget.remaining {
                result[origin.host] = remaining
            }
        }
        return result
    }

    func concurrencyLimit(for origin: Origin) -> Int {
        budget(origin).concurrencyLimit
    }

    /// Records the budget headers of any response, and lets concurrency grow back by one after a success.
    func observe(_ response: HTTPResponse, origin: Origin) {
        var state = budget(origin)
        let headers = response.headers
        let reset = (headers["X-RateLimit-Reset"] ?? headers["RateLimit-Reset"]).flatMap { Double($0) }
        if let value = headers["X-RateLimit-Remaining"] ?? headers["RateLimit-Remaining"], let remaining = Int(value) {
            // Responses to concurrent requests arrive in any order, so within one window the lowest
            // count is the current one. A different reset time starts a new window.
            if let current = state.remaining, reset == nil || reset == state.reset {
                state.remaining = min(current, remaining)
            } else {
                state.remaining = remaining
            }
        }
        if let reset {
            state.reset = reset
        }
        if let date = headers["Date"].flatMap(RateLimitSignal.parseHTTPDate) {
            state.clockOffset = date.timeIntervalSinceNow
        }
        if (200..<400).contains(response.status) {
            state.secondaryHits = 0
            state.concurrencyLimit = min(maxConcurrency, state.concurrencyLimit + 1)
        }
        budgets[origin] = state
    }

    /// Decides how to handle a rate-limit response and, when waiting, pauses every transfer to that origin.
    func handle(_ signal: RateLimitSignal, origin: Origin, url: URL, context: RequestContext) -> Decision {
        var state = budget(origin)
        let seconds: Double
        let reason: String

        switch signal.kind {
        case .primary(let reset):
            seconds = Self.primaryWait(reset: reset ?? state.reset, serverDate: signal.serverDate)
            reason = "primary rate limit exhausted"
        case .secondary(let retryAfter):
            state.secondaryHits += 1
            state.concurrencyLimit = max(1, state.concurrencyLimit / 2)
            if let retryAfter {
                seconds = retryAfter
                reason = "secondary rate limit, Retry-After \(Int(retryAfter)) s"
            } else {
                seconds = secondaryBackoff(hits: state.secondaryHits)
                reason = "secondary rate limit without Retry-After"
            }
        }
        budgets[origin] = state
        return decide(seconds: seconds, reason: reason, origin: origin, url: url, context: context)
    }

    /// Decides whether a new transfer may start now. Keeps transfers in flight from overrunning the
    /// remaining budget, and waits for the reset once it is used up.
    func admission(origin: Origin, inFlight: Int) -> ContinuousClock.Instant? {
        var state = budget(origin)
        let now = ContinuousClock.now
        if let paused = state.pausedUntil {
            if paused > now {
                return paused
            }
            state.pausedUntil = nil
            budgets[origin] = state
        }
        guard let remaining = state.remaining, remaining - inFlight <= 0 else {
            return nil
        }
        if inFlight > 0 {
            // The responses in flight will report a fresh budget, so check again shortly.
            return now.advanced(by: .milliseconds(50))
        }

        let serverNow = Date().timeIntervalSince1970 + state.clockOffset
        let seconds = Self.primaryWait(reset: state.reset, serverDate: Date(timeIntervalSince1970: serverNow))
        state.remaining = nil
        budgets[origin] = state
        switch decide(seconds: seconds, reason: "rate limit budget used up", origin: origin, url: nil, context: nil) {
        case .wait:
            return budgets[origin]?.pausedUntil
        case .stop:
            return now.advanced(by: .seconds(1))
        }
    }

    /// Computes the wait until a primary limit resets: the server's reset time minus the server's own
    /// clock, so a wrong local clock does not matter. Never negative, plus one second of margin.
    static func primaryWait(reset: Double?, serverDate: Date?) -> Double {
        guard let reset else {
            return 60
        }
        let serverNow = (serverDate ?? Date()).timeIntervalSince1970
        return max(0, reset - serverNow) + 1
    }

    /// At least 60 s, doubling with each hit in a row, with up to 20 % jitter, bounded.
    private func secondaryBackoff(hits: Int) -> Double {
        let base = min(Self.maxSecondaryWaitSeconds, 60 * pow(2, Double(max(0, hits - 1))))
        let jitter = Double.random(in: 0...0.2, using: &randomSource)
        return min(Self.maxSecondaryWaitSeconds, base * (1 + jitter))
    }

    private func decide(seconds: Double, reason: String, origin: Origin, url: URL?, context: RequestContext?) -> Decision {
        var fields: [(String, LogValue)] = [("host", .string(origin.host)), ("wait_seconds", .double(seconds))]
        if let context {
            fields.append((context.field, .string(context.value)))
        }
        if let url {
            fields.append(("url", .string(url.absoluteString)))
        }

        guard seconds <= maxWaitSeconds else {
            let resetAt = Date().addingTimeInterval(seconds)
            logger.error(
                "\(reason) on \(origin.host): the wait of \(Int(seconds.rounded(.up))) s exceeds --max-rate-limit-wait \(Int(maxWaitSeconds)); stopping, the limit resets at \(Logger.timestamp(resetAt))",
                fields
            )
            control.requestStop(.rateLimited(host: origin.host, resetAt: resetAt))
            return .stop(resetAt: resetAt)
        }

        var state = budget(origin)
        let until = ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        state.pausedUntil = max(state.pausedUntil ?? until, until)
        budgets[origin] = state
        waits += 1
        logger.warning("\(reason) on \(origin.host): waiting \(String(format: "%.1f", seconds)) s", fields)
        return .wait(seconds: seconds)
    }
}
