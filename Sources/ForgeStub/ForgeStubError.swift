/// An error that stops a ``ForgeStub`` from starting.
public struct ForgeStubError: Error, CustomStringConvertible, Sendable {
    /// The failed system call, such as `bind`.
    public var operation: String

    /// The `errno` value the call set.
    public var code: Int32

    public var description: String

    init(operation: String, code: Int32, detail: String) {
        self.operation = operation
        self.code = code
        self.description = detail
    }
}
