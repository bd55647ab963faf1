/// A GitLab group or subgroup.
public struct StubGitLabGroup: Sendable {
    public var id: Int

    /// Path from the top-level group, such as `coala/mirrors`.
    public var fullPath: String

    public var name: String

    public init(id: Int, fullPath: String, name: String) {
        self.id = id
        self.fullPath = fullPath
        self.name = name
    }
}
