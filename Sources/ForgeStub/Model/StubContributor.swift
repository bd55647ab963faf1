/// One entry of a GitHub contributors list.
///
/// The entry is a GitHub user or bot when `login` is set, and an anonymous commit author otherwise.
public struct StubContributor: Sendable {
    public var id: Int?
    public var login: String?

    /// `User`, `Bot` or `Anonymous`, or nil to leave the `type` key out of the JSON.
    public var type: String?

    /// Commit author name, used by anonymous entries only.
    public var name: String?

    /// Commit author e-mail address, used by anonymous entries only.
    public var email: String?

    public var contributions: Int

    /// Avatar URL, sent as `"avatar_url": null` when nil.
    public var avatarURL: String?

    public init(
        id: Int? = nil,
        login: String? = nil,
        type: String? = nil,
        name: String? = nil,
        email: String? = nil,
        contributions: Int,
        avatarURL: String? = nil
    ) {
        self.id = id
        self.login = login
        self.type = type
        self.name = name
        self.email = email
        self.contributions = contributions
        self.avatarURL = avatarURL
    }

    /// Creates a user entry with the avatar URL GitHub gives to account `id`.
    public static func user(id: Int, login: String, contributions: Int) -> StubContributor {
        StubContributor(
            id: id,
            login: login,
            type: "User",
            contributions: contributions,
            avatarURL: defaultAvatarURL(id: id)
        )
    }

    /// Creates a bot entry, such as `dependabot[bot]`.
    public static func bot(id: Int, login: String, contributions: Int) -> StubContributor {
        StubContributor(
            id: id,
            login: login,
            type: "Bot",
            contributions: contributions,
            avatarURL: defaultAvatarURL(id: id)
        )
    }

    /// Creates an anonymous entry, listed only when the request has `anon=1`.
    public static func anonymous(name: String, email: String, contributions: Int) -> StubContributor {
        StubContributor(type: "Anonymous", name: name, email: email, contributions: contributions)
    }

    static func defaultAvatarURL(id: Int) -> String {
        "https://avatars.githubusercontent.com/u/\(id)?v=4"
    }
}
