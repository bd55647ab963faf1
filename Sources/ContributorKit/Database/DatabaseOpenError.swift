/// A database path that cannot be used. Raised before anything is written.
public struct DatabaseOpenError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public var description: String {
        message
    }
}
