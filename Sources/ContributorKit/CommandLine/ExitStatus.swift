/// The exit statuses a cron job can act on, after BSD's sysexits.h where one fits.
public enum ExitStatus: Int32, Sendable {
    /// Every repository reached a final state: ok, empty, too_large, not_found or blocked.
    case success = 0
    /// The run finished or was stopped, but some repositories or listings failed; their previous rows are kept.
    case partialFailure = 1
    /// Invalid arguments or configuration; nothing was written (EX_USAGE).
    case usage = 64
    /// No source could be reached at all (EX_UNAVAILABLE).
    case unavailable = 69
    /// The database could not be written during the run, for example a full disk (EX_IOERR).
    case ioError = 74
    /// Temporary: another run holds the lock, or a rate limit resets later than allowed; try later (EX_TEMPFAIL).
    case temporaryFailure = 75
}
