import Foundation

/// One status line on a terminal's stderr, redrawn in place: repositories done, requests, the
/// rate-limit budget left and the time elapsed. Only used when stderr is a terminal and not `--quiet`.
final class ProgressLine {
    private let logger: Logger
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var drawn = false

    init(logger: Logger) {
        self.logger = logger
    }

    func update(summary: RunSummary, requests: Int, remaining: [String: Int], elapsed: Double) {
        let now = ContinuousClock.now
        guard lastDraw.duration(to: now) >= .milliseconds(200) else {
            return
        }
        lastDraw = now

        var text = "\(summary.repositories) repositories done, \(requests) requests"
        if let budget = remaining.values.min() {
            text += ", rate limit \(budget) left"
        }
        text += String(format: ", %.0f s", elapsed)
        // Carriage return and "erase line" redraw in place; they are cursor controls, not colours.
        logger.writeRaw("\r\u{1B}[K" + text)
        drawn = true
    }

    func clear() {
        if drawn {
            logger.writeRaw("\r\u{1B}[K")
            drawn = false
        }
    }
}
