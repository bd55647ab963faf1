import Foundation

/// The final state of a run, stored in `runs.status`.
public enum RunStatus: String, Sendable {
    case ok
    /// The run finished, but some repositories or listings failed.
    case partial
    /// No source could be reached at all.
    case unreachable
    case deadline
    case interrupted
    case rateLimited = "rate_limited"
    /// The run could not start or could not write the database; only the metrics file records it.
    case failed
}

/// The counts a run reports in its summary line, in `runs` and in the metrics file.
public struct RunSummary: Sendable {
    public init(status: RunStatus = .ok) {
        self.status = status
    }

    public var status: RunStatus
    public var outcomes: [FetchStatus: Int] = [:]
    /// Repositories skipped because nothing changed since their last successful fetch.
    public var unchanged = 0
    public var contributors = 0
    public var requests = 0
    public var notModified = 0
    public var retries = 0
    public var waits = 0
    public var seconds = 0.0
    public var failedListings = 0
    /// The first listing failure, with its URL, for the final error line.
    public var firstListingFailure: String?
    public var removed = 0
    public var rateLimitRemaining: [String: Int] = [:]
    public var rateLimitResetAt: Date?
    /// When the last run that ended `ok` finished, this one included, from `runs`.
    public var lastSuccessAt: Date?

    public var repositories: Int {
        outcomes.values.reduce(0, +) + unchanged
    }

    /// The one line printed at the end of a run.
    public var line: String {
        var parts: [String] = []
        for status in FetchStatus.allCases where status != .pending {
            let count = outcomes[status, default: 0]
            if count > 0 || status == .ok || status == .failed {
                parts.append("\(count) \(status.rawValue)")
            }
        }
        if unchanged > 0 {
            parts.append("\(unchanged) unchanged")
        }
        var text = "\(repositories) repositories (\(parts.joined(separator: ", ")))"
        if removed > 0 {
            text += ", \(removed) removed"
        }
        text += "; \(contributors) contributors; \(requests) requests (\(notModified) not modified, \(retries) retries, \(waits) waits)"
        text += String(format: "; %.1f s", seconds)
        if failedListings > 0 {
            text += "; \(failedListings) listings failed"
        }
        return "\(status.rawValue): " + text
    }
}
