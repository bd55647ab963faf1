/// A GitHub account that owns repositories.
public struct StubOwner: Sendable {
    public var login: String
    public var id: Int

    /// Whether the account is an organisation, which `/orgs/LOGIN/repos` requires.
    public var isOrganization: Bool

    public init(login: String, id: Int, isOrganization: Bool) {
        self.login = login
        self.id = id
        self.isOrganization = isOrganization
    }
}
