import Foundation
import Synchronization

/// The reason a run stopped before finishing all of its work.
public enum StopReason: Sendable, Equatable {
    /// `--deadline` passed.
    case deadline
    /// SIGINT or SIGTERM arrived.
    case signal(Int32)
    /// A rate limit resets later than `--max-rate-limit-wait` allows; `resetAt` is the local time it resets.
    case rateLimited(host: String, resetAt: Date)
}

/// The stop conditions of one run, checked by the transfer loop between steps.
///
/// `Sendable`: signal handlers on another thread set the stop reason through a `Mutex`.
public final class RunControl: Sendable {
    private let deadline: ContinuousClock.Instant?
    private let reason = Mutex<StopReason?>(nil)

    public init(deadline: ContinuousClock.Instant? = nil) {
        self.deadline = deadline
    }

    /// Records the first reason to stop; later reasons are ignored so the log names the cause.
    public func requestStop(_ newReason: StopReason) {
        reason.withLock { current in
            if current == nil {
                current = newReason
            }
        }
    }

    public var stopReason: StopReason? {
        if let deadline, ContinuousClock.now >= deadline {
            requestStop(.deadline)
        }
        return reason.withLock { $0 }
    }

    public var shouldStop: Bool {
        stopReason != nil
    }
}
