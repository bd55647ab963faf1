import Dispatch
import Foundation

/// Runs a parsed command line and returns the exit status. The executable is a thin wrapper around it.
public enum CommandRunner {
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        let command: Command
        do {
            command = try Command(arguments: arguments, environment: environment)
        } catch let error as UsageError {
            printError("\(error.message)\nSee 'fetch-contributors --help'.")
            return ExitStatus.usage.rawValue
        } catch {
            printError("\(error)")
            return ExitStatus.usage.rawValue
        }

        switch command {
        case .help:
            FileHandle.standardOutput.write(Data(Usage.text.utf8))
            return ExitStatus.success.rawValue
        case .version:
            FileHandle.standardOutput.write(Data("fetch-contributors \(Version.string)\n".utf8))
            return ExitStatus.success.rawValue
        case .export(let options):
            return runExport(options)
        case .fetch(let options):
            return runFetch(options, environment: environment)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    private static func runFetch(_ options: FetchOptions, environment: [String: String]) -> Int32 {
        var options = options
        options.showProgress = options.logLevel >= .info && isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
        let redactor = Redactor(secrets: [options.gitHubToken, options.gitLabToken].compactMap { $0 })
        let logger = Logger(level: options.logLevel, format: options.logFormat, redactor: redactor)

        // Configuration files are read before the database is touched, so a bad file writes nothing.
        if let path = options.identitiesPath {
            do {
                _ = try IdentityFile.load(path)
            } catch {
                printError(redactor.redact("\(error)"))
                return ExitStatus.usage.rawValue
            }
        }

        let deadline = options.deadlineSeconds.map { ContinuousClock.now.advanced(by: .milliseconds(Int64($0 * 1000))) }
        let control = RunControl(deadline: deadline)
        let signalSources = installSignalHandlers(control: control, logger: logger)
        defer { signalSources.forEach { $0.cancel() } }

        let summary: RunSummary
        do {
            summary = try Fetcher(options: options, logger: logger, control: control).run()
        } catch let error as DatabaseLock.HeldError {
            // The run that holds the lock writes the metrics file when it ends.
            printError(error.description)
            return ExitStatus.temporaryFailure.rawValue
        } catch let error as DatabaseOpenError {
            writeMetrics(RunSummary(status: .failed), options: options, logger: logger)
            printError(error.message)
            return ExitStatus.usage.rawValue
        } catch let error as ConfigurationError {
            writeMetrics(RunSummary(status: .failed), options: options, logger: logger)
            printError(error.message)
            return ExitStatus.usage.rawValue
        } catch {
            writeMetrics(RunSummary(status: .failed), options: options, logger: logger)
            printError(redactor.redact("database \(options.databasePath) could not be written: \(error); check free space and permissions"))
            return ExitStatus.ioError.rawValue
        }

        writeMetrics(summary, options: options, logger: logger)

        if options.logLevel >= .info {
            logger.writeRaw("\(summary.line)\n")
        }
        return exitStatus(for: summary, logger: logger)
    }

    private static func writeMetrics(_ summary: RunSummary, options: FetchOptions, logger: Logger) {
        guard let path = options.metricsFile else {
            return
        }
        do {
            let file = MetricsFile(summary: summary, finishedAt: Date(), previousSuccess: MetricsFile.previousSuccess(in: path))
            try file.write(to: path)
        } catch {
            logger.error("could not write metrics file \(path): \(error)", [("path", .string(path))])
        }
    }

    /// Maps a summary to the exit status and prints the final failure line, which `--quiet` keeps.
    static func exitStatus(for summary: RunSummary, logger: Logger) -> Int32 {
        let failed = summary.outcomes[.failed, default: 0]
        switch summary.status {
        case .ok:
            return ExitStatus.success.rawValue
        case .partial:
            var parts: [String] = []
            if failed > 0 {
                parts.append("\(failed) repositories failed")
            }
            if summary.failedListings > 0 {
                parts.append("\(summary.failedListings) listings failed")
            }
            printError("\(parts.joined(separator: " and ")); their previous rows are kept, and the log above names each one")
            return ExitStatus.partialFailure.rawValue
        case .unreachable:
            let cause = summary.firstListingFailure.map { ": \($0)" } ?? ""
            printError("no source could be reached\(cause); check the network and the API URL options")
            return ExitStatus.unavailable.rawValue
        case .deadline:
            printError("stopped at --deadline; repositories finished before it were committed")
            return ExitStatus.partialFailure.rawValue
        case .interrupted:
            printError("interrupted by a signal; repositories finished before it were committed")
            return ExitStatus.partialFailure.rawValue
        case .rateLimited:
            let reset = summary.rateLimitResetAt.map { " at \(Timestamp.string($0))" } ?? ""
            printError("stopped by a rate limit that resets\(reset), later than --max-rate-limit-wait allows; finished repositories were committed, try again after the reset")
            return ExitStatus.temporaryFailure.rawValue
        case .failed:
            return ExitStatus.ioError.rawValue
        }
    }

    /// SIGINT and SIGTERM ask the run to stop; the transfer loop notices within 100 ms.
    private static func installSignalHandlers(control: RunControl, logger: Logger) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                logger.warning("received signal \(number); stopping after committing finished repositories")
                control.requestStop(.signal(number))
            }
            source.resume()
            return source
        }
    }
}
