import Foundation

/// Prometheus text-format metrics about the last run, for node_exporter's textfile collector.
struct MetricsFile {
    var summary: RunSummary
    var finishedAt: Date
    /// The last success recorded in the file this one replaces, for runs that could not read `runs`.
    var previousSuccess: Date?

    /// Reads `fetch_contributors_last_success_timestamp_seconds` from an existing metrics file.
    static func previousSuccess(in path: String) -> Date? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return nil
        }
        for line in text.split(separator: "\n") where line.hasPrefix("fetch_contributors_last_success_timestamp_seconds ") {
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) {
                return Date(timeIntervalSince1970: value)
            }
        }
        return nil
    }

    var text: String {
        var lines: [String] = []
        func metric(_ name: String, _ help: String, _ type: String = "gauge", _ samples: [(labels: String, value: Double)]) {
            lines.append("# HELP fetch_contributors_\(name) \(help)")
            lines.append("# TYPE fetch_contributors_\(name) \(type)")
            for sample in samples {
                let value = sample.value == sample.value.rounded() ? String(Int64(sample.value)) : String(sample.value)
                lines.append("fetch_contributors_\(name)\(sample.labels) \(value)")
            }
        }

        let end = finishedAt.timeIntervalSince1970
        metric("last_run_success", "1 when the last run exited 0, else 0.", "gauge", [("", summary.status == .ok ? 1 : 0)])
        metric("last_run_status", "The status of the last run, as a label.", "gauge", [("{status=\"\(summary.status.rawValue)\"}", 1)])
        metric("last_run_start_timestamp_seconds", "Start of the last run, Unix time.", "gauge", [("", (end - summary.seconds).rounded())])
        metric("last_run_end_timestamp_seconds", "End of the last run, Unix time.", "gauge", [("", end.rounded())])
        // Written after every run, failed ones included, so an alert on its age fires when successes stop.
        if let lastSuccess = summary.lastSuccessAt ?? previousSuccess {
            metric("last_success_timestamp_seconds", "End of the last run that exited 0, Unix time.", "gauge", [("", lastSuccess.timeIntervalSince1970.rounded())])
        }
        metric("last_run_duration_seconds", "Duration of the last run.", "gauge", [("", (summary.seconds * 1000).rounded() / 1000)])
        var outcomeSamples = FetchStatus.allCases.filter { $0 != .pending }.map {
            (labels: "{outcome=\"\($0.rawValue)\"}", value: Double(summary.outcomes[$0, default: 0]))
        }
        outcomeSamples.append((labels: "{outcome=\"unchanged\"}", value: Double(summary.unchanged)))
        metric("last_run_repositories", "Repositories of the last run by outcome.", "gauge", outcomeSamples)
        metric("last_run_requests", "HTTP requests sent by the last run, retries and 304s included.", "gauge", [("", Double(summary.requests))])
        metric("last_run_not_modified", "Responses of the last run that were 304 Not Modified.", "gauge", [("", Double(summary.notModified))])
        metric("last_run_retries", "Requests the last run sent again after a failure.", "gauge", [("", Double(summary.retries))])
        metric("last_run_rate_limit_waits", "Waits for a rate limit in the last run.", "gauge", [("", Double(summary.waits))])
        metric("last_run_contributors", "Rows in the contributors view after the last run.", "gauge", [("", Double(summary.contributors))])
        metric(
            "rate_limit_remaining", "Rate-limit budget left per API host at the end of the last run.", "gauge",
            summary.rateLimitRemaining.sorted { $0.key < $1.key }.map { (labels: "{host=\"\($0.key)\"}", value: Double($0.value)) }
        )
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes to a temporary file beside `path`, then renames it, so the collector never reads half a file.
    func write(to path: String) throws {
        let temporary = path + ".tmp.\(ProcessInfo.processInfo.processIdentifier)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ConfigurationError("could not rename \(temporary) to \(path): \(reason)")
        }
    }
}
