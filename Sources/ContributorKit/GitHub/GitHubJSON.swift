import Foundation

/// The fields of GitHub's repository object that the database needs; the rest is not decoded.
struct GitHubRepositoryJSON: Decodable {
    struct Owner: Decodable {
        var login: String
    }

    var id: Int
    var name: String
    var full_name: String
    var html_url: String?
    var fork: Bool?
    var archived: Bool?
    var pushed_at: String?
    var owner: Owner?
}

/// One entry of `GET /repos/OWNER/REPO/contributors?anon=1`: a user or bot, or with `anon=1` an
/// anonymous entry that has a commit name and e-mail instead of a login. The decoder reads it straight
/// into a `ContributorRecord`, and this type decides the account kind.
enum GitHubContributorJSON {
    /// The `type` field, read without making a `String`: only these values change the account kind.
    enum EntryType {
        case missing
        case anonymous
        case bot
        case other
    }

    /// Returns the account kind of an entry with a login and an id. An entry without `type` is a bot when its
    /// login ends in `[bot]`, as GitHub Apps' logins do.
    static func kind(type: EntryType, login: String) -> AccountKind {
        switch type {
        case .anonymous:
            return .anonymous
        case .bot:
            return .bot
        case .missing where login.hasSuffix("[bot]"):
            return .bot
        case .missing, .other:
            return .user
        }
    }
}

/// The strings of each account decoded in this run, by GitHub id. One account appears on many
/// repositories' pages, usually with the same login and URLs: the decoder compares the page's bytes
/// with these strings and reuses them, instead of allocating new strings for every entry. Reused
/// strings also make the store's comparisons with its cached values cheap.
///
/// Not thread-safe, because the transfer loop decodes pages one at a time.
final class GitHubAccountStrings {
    fileprivate struct Entry: Equatable {
        var login: String?
        var avatarURL: String?
        var htmlURL: String?
    }

    fileprivate var byID: [Int: Entry] = [:]

    init() {}
}

enum GitHubJSON {
    static func decodeRepositories(_ data: Data) throws -> [GitHubRepositoryJSON] {
        try JSONDecoder().decode([GitHubRepositoryJSON].self, from: data)
    }

    /// Decodes a contributors page with `JSONScanner`, reading only the fields the database stores.
    /// With `strings`, a user's login and URLs are reused from an earlier page when unchanged.
    static func decodeContributors(_ data: Data, strings: GitHubAccountStrings? = nil) throws -> [ContributorRecord] {
        // A page contains up to 100 entries, the `per_page` value of the fetcher's requests.
        try JSONScanner.decodeArray(data, expectedCount: 100) { scanner, index in
            var id: Int?
            var type = GitHubContributorJSON.EntryType.missing
            var name: String?
            var email: String?
            var contributions = -1
            var login: JSONScanner.RawString?
            var avatarURL: JSONScanner.RawString?
            var htmlURL: JSONScanner.RawString?
            // Keys are matched by length first, because most keys of an entry are skipped, and a
            // skipped key then costs one comparison instead of one per wanted name.
            try scanner.forEachMember { scanner, key in
                switch key.count {
                case 2 where key.equals("id"):
                    id = try scanner.optionalInteger()
                case 4 where key.equals("type"):
                    type = try scanner.optionalStringBytes { value in
                        value.equals("Anonymous") ? .anonymous : value.equals("Bot") ? .bot : .other
                    } ?? .missing
                case 4 where key.equals("name"):
                    name = try scanner.optionalString()
                case 5 where key.equals("login"):
                    login = try scanner.optionalRawString()
                case 5 where key.equals("email"):
                    email = try scanner.optionalString()
                case 8 where key.equals("html_url"):
                    htmlURL = try scanner.optionalRawString()
                case 10 where key.equals("avatar_url"):
                    avatarURL = try scanner.optionalRawString()
                case 13 where key.equals("contributions"):
                    contributions = try scanner.integer()
                default:
                    try scanner.skipValue()
                }
            }
            guard contributions >= 0 else {
                throw scanner.fail("missing or negative contributions in entry \(index)")
            }
            guard let id, let login, type != .anonymous else {
                // NOTE: GitHub's anonymous entries carry an e-mail address. An entry without one is keyed by
                // the hash of the empty string, so all such entries on a host share one account.
                return ContributorRecord(
                    forgeID: nil, login: nil, name: name, kind: .anonymous, avatarURL: nil, htmlURL: nil,
                    email: email ?? "", commits: contributions
                )
            }

            // Each string is taken from the earlier entry of the same id when its bytes are equal.
            let cached = strings?.byID[id]
            func string(_ raw: JSONScanner.RawString?, _ previous: String?) throws -> String? {
                guard let raw else {
                    return nil
                }
                return scanner.raw(raw, equals: previous) ? previous : try scanner.string(raw)
            }
            let loginString = try scanner.raw(login, equals: cached?.login) ? cached?.login ?? "" : scanner.string(login)
            let avatarString = try string(avatarURL, cached?.avatarURL)
            let htmlString = try string(htmlURL, cached?.htmlURL)
            if let strings {
                let current = GitHubAccountStrings.Entry(login: loginString, avatarURL: avatarString, htmlURL: htmlString)
                if cached != current {
                    strings.byID[id] = current
                }
            }
            return ContributorRecord(
                forgeID: id, login: loginString, name: nil, kind: GitHubContributorJSON.kind(type: type, login: loginString),
                avatarURL: avatarString, htmlURL: htmlString, email: nil, commits: contributions
            )
        }
    }
}
