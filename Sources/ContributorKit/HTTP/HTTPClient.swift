internal import CCurl
import Foundation

/// An HTTP client on libcurl's multi interface: up to `maxConcurrency` transfers in flight on one
/// thread, connections reused across requests and repositories.
///
/// Not thread-safe and deliberately not `Sendable`: one thread enqueues, calls `run`, and receives every
/// completion. Completions may enqueue further requests; `run` returns when none is pending or in flight.
final class HTTPClient {
    struct Configuration {
        var userAgent: String
        var connectTimeoutMilliseconds = 10_000
        var requestTimeoutMilliseconds = 30_000
        var maxConcurrency = 8
        var maxBodyBytes = 64 << 20
        var credentials: [Credential] = []
    }

    /// Requests waiting to start. Continuations of work already under way (further pages, retries)
    /// go before new work, so started repositories finish and are committed early.
    private struct Pending {
        var request: HTTPRequest
        var notBefore: ContinuousClock.Instant?
        var completion: (Result<HTTPResponse, TransportError>) -> Void
    }

    enum Priority {
        case continuation
        case new
    }

    private let configuration: Configuration
    private let multi: CurlMultiPointer
    private var continuations: [Pending] = []
    private var newWork: [Pending] = []
    private var active: [CurlEasyPointer: Transfer] = [:]
    private var activeByOrigin: [Origin: Int] = [:]

    /// Decides whether a new transfer to an origin may start now, given how many are in flight to it.
    /// Returns nil to allow it, or the instant before which it must not start.
    var admission: (Origin, Int) -> ContinuousClock.Instant? = { _, _ in nil }

    /// Called just before each transfer starts, for debug logging and counting.
    var willSend: (HTTPRequest) -> Void = { _ in }

    /// The number of transfers in flight to `origin` that may run at once; nil means `maxConcurrency`.
    var originLimit: (Origin) -> Int? = { _ in nil }

    private(set) var requestsSent = 0

    init(configuration: Configuration) throws {
        try Curl.initialise()
        guard let multi = curl_multi_init() else {
            throw CurlError(message: "libcurl failed to create a multi handle (curl_multi_init)")
        }
        self.multi = multi
        self.configuration = configuration
        try Curl.check(
            fc_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(configuration.maxConcurrency, 8)),
            "set the connection cache size"
        )
    }

    deinit {
        cancelAll()
        curl_multi_cleanup(multi)
    }

    var isIdle: Bool {
        continuations.isEmpty && newWork.isEmpty && active.isEmpty
    }

    var inFlight: Int {
        active.count
    }

    func enqueue(
        _ request: HTTPRequest,
        priority: Priority = .continuation,
        notBefore: ContinuousClock.Instant? = nil,
        completion: @escaping (Result<HTTPResponse, TransportError>) -> Void
    ) {
        let pending = Pending(request: request, notBefore: notBefore, completion: completion)
        switch priority {
        case .continuation:
            continuations.append(pending)
        case .new:
            newWork.append(pending)
        }
    }

    /// Drives transfers until nothing is pending or in flight, or until `shouldStop` returns true, in
    /// which case every transfer in flight is cut and every pending request dropped without completion.
    func run(shouldStop: () -> Bool) throws {
        while !isIdle {
            if shouldStop() {
                cancelAll()
                return
            }

            let nextStart = try startReadyTransfers()

            var running: Int32 = 0
            try Curl.check(curl_multi_perform(multi, &running), "drive transfers (curl_multi_perform)")
            let finished = collectFinishedTransfers()
            if finished > 0 {
                continue
            }

            // Sleep until a socket is ready, a waiting request may start, or 100 ms pass, whichever is
            // first. The 100 ms bound keeps the stop check (deadline, signals) responsive.
            var timeout = 100
            if let nextStart {
                let wait = ContinuousClock.now.duration(to: nextStart)
                timeout = min(timeout, max(0, Int(wait.milliseconds)))
            }
            var ready: Int32 = 0
            try Curl.check(curl_multi_poll(multi, nil, 0, Int32(timeout), &ready), "wait for transfers (curl_multi_poll)")
        }
    }

    /// Starts as many pending requests as the limits allow. Returns the earliest instant at which a
    /// request that had to wait may start.
    private func startReadyTransfers() throws -> ContinuousClock.Instant? {
        var earliest: ContinuousClock.Instant?
        let now = ContinuousClock.now

        func note(_ instant: ContinuousClock.Instant) {
            earliest = earliest.map { min($0, instant) } ?? instant
        }

        func drain(_ queue: inout [Pending]) throws {
            var index = 0
            while index < queue.count, active.count < configuration.maxConcurrency {
                let pending = queue[index]
                if let notBefore = pending.notBefore, notBefore > now {
                    note(notBefore)
                    index += 1
                    continue
                }
                let origin = Origin(pending.request.url)
                if let origin {
                    let inFlight = activeByOrigin[origin, default: 0]
                    if let limit = originLimit(origin), inFlight >= limit {
                        index += 1
                        continue
                    }
                    if let blockedUntil = admission(origin, inFlight) {
                        note(blockedUntil)
                        index += 1
                        continue
                    }
                }
                queue.remove(at: index)
                try start(pending)
            }
        }

        try drain(&continuations)
        try drain(&newWork)
        return earliest
    }

    private func start(_ pending: Pending) throws {
        let origin = Origin(pending.request.url)
        let credential = Credential.select(for: pending.request.url, from: configuration.credentials)
        let transfer = try Transfer(
            request: pending.request,
            configuration: configuration,
            credential: credential,
            completion: pending.completion
        )
        willSend(pending.request)
        try Curl.check(curl_multi_add_handle(multi, transfer.easy), "start a transfer (curl_multi_add_handle)")
        active[transfer.easy] = transfer
        if let origin {
            activeByOrigin[origin, default: 0] += 1
        }
        requestsSent += 1
    }

    /// Removes finished transfers from the multi handle and calls their completions.
    private func collectFinishedTransfers() -> Int {
        var finished = 0
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else {
                continue
            }
            let code = message.pointee.data.result
            guard let transfer = active.removeValue(forKey: easy) else {
                continue
            }
            curl_multi_remove_handle(multi, easy)
            if let origin = transfer.origin {
                activeByOrigin[origin, default: 1] -= 1
            }
            finished += 1
            transfer.completion(transfer.result(code: code))
        }
        return finished
    }

    /// Cuts every transfer in flight and drops every pending request. No completion is called.
    func cancelAll() {
        for (easy, _) in active {
            curl_multi_remove_handle(multi, easy)
        }
        active.removeAll()
        activeByOrigin.removeAll()
        continuations.removeAll()
        newWork.removeAll()
    }
}

extension Duration {
    var milliseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }

    var seconds: Double {
        milliseconds / 1000
    }
}
