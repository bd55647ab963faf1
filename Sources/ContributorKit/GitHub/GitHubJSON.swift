import Foundation

/// The fields of GitHub's repository object that the database needs; the rest is not decoded.
struct GitHubRepositoryJSON: Decodable, Equatable {
    struct Owner: Decodable, Equatable {
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

    /// Returns the account kind of an entry with a login and an id. An entry without `type` is a bot
    /// when its login ends in `[bot]`, like `dependabot[bot]`.
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
    /// A class, so a look-up per entry copies one reference instead of three strings.
    fileprivate final class Entry {
        let login: String
        let avatarURL: String?
        let htmlURL: String?

        init(login: String, avatarURL: String?, htmlURL: String?) {
            self.login = login
            self.avatarURL = avatarURL
            self.htmlURL = htmlURL
        }
    }

    fileprivate var byID: [Int: Entry] = [:]

    init() {}
}

enum GitHubJSON {
    /// Decodes a listing page with `JSONScanner`, reading only the fields of `GitHubRepositoryJSON`.
    /// GitHub's repository objects have dozens of fields, which `JSONDecoder` parsed into a tree
    /// first. A single repository is still decoded with `Decodable`, and a test compares the two.
    static func decodeRepositories(_ data: Data) throws -> [GitHubRepositoryJSON] {
        try JSONScanner.decodeArray(data, expectedCount: 100) { scanner, index in
            var id: Int?
            var name: String?
            var fullName: String?
            var repository = GitHubRepositoryJSON(id: 0, name: "", full_name: "")
            try scanner.forEachMember { scanner, key in
                switch key.count {
                case 2 where key.equals("id"):
                    id = try scanner.integer()
                case 4 where key.equals("name"):
                    name = try scanner.string()
                case 4 where key.equals("fork"):
                    repository.fork = try scanner.optionalBool()
                case 5 where key.equals("owner"):
                    repository.owner = try scanner.consumeNull() ? nil : decodeOwner(&scanner)
                case 8 where key.equals("html_url"):
                    repository.html_url = try scanner.optionalString()
                case 8 where key.equals("archived"):
                    repository.archived = try scanner.optionalBool()
                case 9 where key.equals("full_name"):
                    fullName = try scanner.string()
                case 9 where key.equals("pushed_at"):
                    repository.pushed_at = try scanner.optionalString()
                default:
                    try scanner.skipValue()
                }
            }
            guard let id, let name, let fullName else {
                throw scanner.fail("missing id, name or full_name in repository \(index)")
            }
            repository.id = id
            repository.name = name
            repository.full_name = fullName
            return repository
        }
    }

    private static func decodeOwner(_ scanner: inout JSONScanner) throws -> GitHubRepositoryJSON.Owner {
        var login: String?
        try scanner.forEachMember { scanner, key in
            if key.equals("login") {
                login = try scanner.string()
            } else {
                try scanner.skipValue()
            }
        }
        guard let login else {
            throw scanner.fail("missing login in a repository owner")
        }
        return GitHubRepositoryJSON.Owner(login: login)
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
            let loginString = try string(login, cached?.login) ?? ""
            let avatarString = try string(avatarURL, cached?.avatarURL)
            let htmlString = try string(htmlURL, cached?.htmlURL)
            let isCached = cached?.login == loginString && cached?.avatarURL == avatarString && cached?.htmlURL == htmlString
            if let strings, !isCached {
                strings.byID[id] = GitHubAccountStrings.Entry(login: loginString, avatarURL: avatarString, htmlURL: htmlString)
            }
            return ContributorRecord(
                forgeID: id, login: loginString, name: nil, kind: GitHubContributorJSON.kind(type: type, login: loginString),
                avatarURL: avatarString, htmlURL: htmlString, email: nil, commits: contributions
            )
        }
    }
}
