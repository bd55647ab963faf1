/// An invalid command line. The message names the value and what to do; the command prints it with
/// a pointer to `--help` and exits 64.
public struct UsageError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String {
        message
    }
}
