/// A GitHub profile, served by `/users/LOGIN` and by GraphQL `user(login:)` fields.
public struct StubUser: Sendable {
    public var id: Int
    public var login: String
    public var name: String?
    public var bio: String?
    public var company: String?
    public var location: String?

    /// The website, sent as `blog` by REST and as `websiteUrl` by GraphQL.
    public var blog: String?

    public var avatarURL: String?

    /// `User`, `Bot` or `Organization`.
    public var type: String

    public init(
        id: Int,
        login: String,
        name: String? = nil,
        bio: String? = nil,
        company: String? = nil,
        location: String? = nil,
        blog: String? = nil,
        avatarURL: String? = nil,
        type: String = "User"
    ) {
        self.id = id
        self.login = login
        self.name = name
        self.bio = bio
        self.company = company
        self.location = location
        self.blog = blog
        self.avatarURL = avatarURL
        self.type = type
    }
}
